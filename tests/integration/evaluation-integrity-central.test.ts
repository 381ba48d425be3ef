import { expect, it } from 'vitest';
import { RawClient, useCentralBackends, describeEachBackend } from '../support/central-backends';

/**
 * Crafted pushes at a real central, on both backends: no mutation a station can send changes or
 * removes a rating, a payment, an appeal or its decision. Each attempt is rejected with a typed
 * code (the station lists it among its rejections) and the pulled rows are the first ones.
 */
const { centralOn } = useCentralBackends();
const AT = '2026-11-23T02:00:00.000Z';
const LATER = '2026-11-23T03:00:00.000Z';

class Station {
  next = 1;
  constructor(readonly client: RawClient) {}
  push(...mutations: { name: string; args: unknown }[]) {
    return this.client.push(mutations.map((m) => ({ id: this.next++, createdAt: AT, ...m })));
  }
}
const m = (name: string, args: Record<string, unknown>) => ({ name, args });

const badRating = (level = 'unsatisfied') =>
  m('rating.record', {
    id: 'rating-int-0001',
    ticketId: 'ticket-int-0001',
    level,
    dimensions: {},
    reason: '等候太久',
    at: AT,
  });
const appeal = (id: string, staffId: string, reason = '客户排队时间长非本人原因') =>
  m('appeal.file', { id, hallId: 'H001', ratingId: 'rating-int-0001', staffId, reason, at: LATER });
const decision = (decision: 'accepted' | 'rejected', managerId = 'S1001', note = '核实监控，情况属实') =>
  m('appeal.decide', { appealId: 'appeal-int-0001', hallId: 'H001', decision, managerId, note, at: LATER });
const payment = (amountFen: number) =>
  m('payment.create', {
    id: 'pay-int-00001',
    key: 'idem-int-00001',
    hallId: 'H001',
    kind: 'bill',
    channel: 'cash',
    customerId: 1,
    accountNo: 'A1',
    amountFen,
    tenderedFen: amountFen,
    refundOf: null,
    staffId: 'S1003',
    windowNo: 3,
    ticketId: 'ticket-int-0001',
    at: AT,
  });

describeEachBackend('ratings, payments and appeal decisions cannot be rewritten through sync on %s', (backend) => {
  it('refuses every crafted change with a typed code and keeps the first facts', async () => {
    const c = await centralOn(backend);
    const counter = new Station(await RawClient.enroll(c, 'counter-int-01', 'counter'));
    const manager = new Station(await RawClient.enroll(c, 'manager-int-01', 'manager'));
    const kiosk = new Station(await RawClient.enroll(c, 'kiosk-int-01', 'kiosk'));
    // The central takes staff work only from a station the staff signed in at.
    expect(
      (
        await counter.push(
          m('window.signIn', { id: 'ws-int-0001', hallId: 'H001', windowNo: 3, staffId: 'S1003', at: AT }),
        )
      ).json,
    ).toMatchObject({ rejected: [] });
    expect(
      (
        await manager.push(
          m('audit.append', {
            id: 'audit-int-login',
            at: AT,
            stationId: 'manager-int-01',
            actor: 'S1001',
            action: 'auth.login',
            detail: {},
          }),
        )
      ).json,
    ).toMatchObject({ rejected: [] });
    expect(
      (
        await kiosk.push(
          m('ticket.issue', {
            id: 'ticket-int-0001',
            hallId: 'H001',
            day: '2026-11-23',
            businessType: 'PAY',
            priority: 'normal',
            number: 'A001',
            issuedAt: AT,
            issuedBy: 'k',
          }),
        )
      ).json,
    ).toMatchObject({ rejected: [] });
    const step = { ticketId: 'ticket-int-0001', windowNo: 3, at: AT };
    const served = await counter.push(
      m('ticket.call', { callId: 'call-int-0001', ticketId: 'ticket-int-0001', windowNo: 3, staffId: 'S1003', at: AT }),
      m('ticket.start', step),
      m('ticket.finish', step),
      badRating(),
      payment(5000),
    );
    expect(served.json).toMatchObject({ rejected: [] });

    const rejected = async (s: Station, ...ms: { name: string; args: unknown }[]) =>
      ((await s.push(...ms)).json as { rejected: { code: string; key?: string }[] }).rejected;

    // The rating: another level under its id, or a second rating of the ticket.
    expect(await rejected(counter, badRating('very_satisfied'))).toMatchObject([
      { code: 'conflict', key: 'sync.appendOnlyDiffers' },
    ]);
    expect(
      await rejected(counter, {
        ...badRating('satisfied'),
        args: { ...badRating().args, id: 'rating-int-0002', level: 'satisfied', reason: null },
      }),
    ).toMatchObject([{ code: 'conflict', key: 'rating.alreadyRated' }]);
    // The payment: another amount under its id.
    expect(await rejected(counter, payment(1))).toMatchObject([{ code: 'conflict', key: 'sync.appendOnlyDiffers' }]);

    // Appeals: only the agent who served; once per rating; the counter never decides.
    expect(await rejected(counter, appeal('appeal-int-0009', 'S1005'))).toMatchObject([
      { code: 'forbidden', key: 'appeal.notYourService' },
    ]);
    expect(await rejected(counter, appeal('appeal-int-0001', 'S1003'))).toEqual([]);
    expect(await rejected(counter, appeal('appeal-int-0001', 'S1003', '另一个理由，改写申诉'))).toMatchObject([
      { code: 'conflict', key: 'sync.appendOnlyDiffers' },
    ]);
    expect(await rejected(counter, appeal('appeal-int-0002', 'S1003'))).toMatchObject([
      { code: 'conflict', key: 'appeal.alreadyFiled' },
    ]);
    expect(await rejected(counter, decision('accepted'))).toMatchObject([{ code: 'forbidden' }]);

    // Decisions: a manager only, not on their own appeal; the first decision is final.
    expect(await rejected(manager, decision('accepted', 'S1003'))).toMatchObject([
      { code: 'forbidden', key: 'appeal.needsManager' },
    ]);
    expect(await rejected(manager, decision('accepted'))).toEqual([]);
    expect(await rejected(manager, decision('accepted'))).toEqual([]); // the same decision again: a replay
    expect(await rejected(manager, decision('rejected'))).toMatchObject([
      { code: 'conflict', key: 'appeal.alreadyAccepted' },
    ]);
    expect(await rejected(manager, decision('accepted', 'S1001', '改写处理意见'))).toMatchObject([
      { code: 'conflict', key: 'appeal.alreadyAccepted' },
    ]);

    // Weights: manager stations only, validated.
    const weights = (w: Record<string, number>) =>
      m('evaluation.setWeights', { hallId: 'H001', weights: w, managerId: 'S1001', at: LATER });
    const zero = { satisfaction: 0, coverage: 0, volume: 0, efficiency: 0, noBad: 0 };
    expect(await rejected(counter, weights({ ...zero, satisfaction: 1 }))).toMatchObject([{ code: 'forbidden' }]);
    expect(await rejected(manager, weights(zero))).toMatchObject([
      { code: 'validation', key: 'evaluation.weightsAllZero' },
    ]);
    expect(await rejected(manager, weights({ ...zero, volume: 101 }))).toMatchObject([
      { code: 'validation', key: 'evaluation.weightOutOfRange' },
    ]);

    const pulled = (await counter.client.pull()).changes;
    const rows = (entity: string) => pulled.filter((ch) => ch.entity === entity).map((ch) => ch.row);
    expect(rows('rating')).toEqual([expect.objectContaining({ id: 'rating-int-0001', level: 'unsatisfied' })]);
    expect(rows('paymentOrder')).toEqual([expect.objectContaining({ id: 'pay-int-00001', amount_fen: 5000 })]);
    expect(rows('ratingAppeal')).toEqual([
      expect.objectContaining({ id: 'appeal-int-0001', staff_id: 'S1003', reason: '客户排队时间长非本人原因' }),
    ]);
    expect(rows('appealDecision')).toEqual([
      expect.objectContaining({ id: 'appeal-int-0001', decision: 'accepted', note: '核实监控，情况属实' }),
    ]);
    expect(rows('evaluationWeights')).toEqual([]);
  });
});
