import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppealView, EvaluationReport } from '@common/api/evaluation-schemas';
import type { CallerContext } from '../../main/services/caller';
import { startStationHost, type StationHost } from '../../main/host';
import { seededDataDir } from '../support/hall-fixture';

/**
 * The staff evaluation and appeals through the real station (seeded SQLite, the storage worker,
 * the router with its role checks). Every expected figure is worked out by hand in the comments
 * from docs/evaluation.md's definitions.
 */
const L = (day: string, hms: string) => new Date(`${day}T${hms}+08:00`).toISOString();
const D1 = '2027-03-01';
const D2 = '2027-03-02';
const PREV = '2027-02-28';
const X = 'S1003';
const Y = 'S1005';

type Row = [
  id: string,
  day: string,
  type: string,
  status: string,
  start: string,
  seconds: number,
  staff: string,
  window: number,
  rating?: [string, string | null],
];
const ROWS: Row[] = [
  ['T1', D1, 'PAY', 'finished', '09:00:00', 300, X, 3, ['very_satisfied', null]],
  ['T2', D1, 'PAY', 'finished', '09:30:00', 600, X, 3, ['unsatisfied', '等候时间太长']],
  ['T3', D2, 'NEW', 'finished', '10:00:00', 1200, X, 3],
  ['T4', D2, 'PAY', 'no_show', '10:40:00', 0, X, 3],
  ['T5', D2, 'PAY', 'finished', '09:00:00', 450, Y, 5, ['satisfied', null]],
  ['T6', PREV, 'PAY', 'finished', '09:00:00', 300, X, 3, ['satisfied', null]],
];

function writeFixture(file: string): void {
  const db = new Database(file);
  const ticket = db.prepare(
    `INSERT INTO tickets (id, hall_id, day, number, business_type, priority, status, issued_at, issued_by, called_at, call_count, window_no, staff_id, started_at, finished_at)
     VALUES (?, 'H001', ?, ?, ?, 'normal', ?, ?, 'fixture', ?, 1, ?, ?, ?, ?)`,
  );
  const call = db.prepare(
    'INSERT INTO calls (id, ticket_id, ticket_no, window_no, staff_id, recall, at) VALUES (?, ?, ?, ?, ?, 0, ?)',
  );
  const rating = db.prepare(
    `INSERT INTO ratings (id, ticket_id, ticket_no, window_no, staff_id, level, reason, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  ROWS.forEach(([id, day, type, status, start, seconds, staff, windowNo, rated], i) => {
    const no = `Z${String(900 + i)}`;
    const started = L(day, start);
    const finished = new Date(Date.parse(started) + seconds * 1000).toISOString();
    const calledAt = new Date(Date.parse(started) - 60_000).toISOString();
    ticket.run(
      id,
      day,
      no,
      type,
      status,
      calledAt,
      calledAt,
      windowNo,
      staff,
      status === 'finished' ? started : null,
      status === 'finished' ? finished : null,
    );
    call.run(`${id}-c`, id, no, windowNo, staff, calledAt);
    if (rated)
      rating.run(
        `rt-${id}-0001`,
        id,
        no,
        windowNo,
        staff,
        rated[0],
        rated[1],
        new Date(Date.parse(finished) + 20_000).toISOString(),
      );
  });
  db.close();
}

const ctx = (role: CallerContext['role'], windowNo: number | null, id: string): CallerContext => ({
  connectionId: id,
  source: 'local:test',
  role,
  windowNo,
  session: null,
});

describe('staff evaluation and appeals through the station API', () => {
  let host: StationHost;
  let dir: string;
  const manager = ctx('manager', null, 'manager');
  const agentX = ctx('counter', 3, 'counter-3');
  const agentY = ctx('counter', 5, 'counter-5');

  beforeAll(async () => {
    dir = seededDataDir('station.db');
    writeFixture(path.join(dir, 'station.db'));
    host = await startStationHost({ dataDir: dir, clock: { now: () => new Date(L(D2, '12:00:00')) } });
    expect((await host.router.call(manager, 'auth.login', { staffNo: '1001', pin: '123456' })).ok).toBe(true);
    expect((await host.router.call(agentX, 'auth.login', { staffNo: '1003', pin: '123456' })).ok).toBe(true);
    expect((await host.router.call(agentY, 'auth.login', { staffNo: '1005', pin: '123456' })).ok).toBe(true);
  });
  afterAll(async () => {
    await host?.close();
  });

  const call = async <T>(c: CallerContext, method: string, input: unknown): Promise<T> => {
    const r = await host.router.call(c, method, input);
    if (!r.ok) throw new Error(`${method}: ${r.error.code} ${r.error.message}`);
    return r.value as T;
  };
  const evaluation = () => call<EvaluationReport>(manager, 'manager.evaluation', { from: D1, to: D2 });
  const agent = (r: EvaluationReport, id: string) => r.agents.find((a) => a.staff.id === id)!;
  const auditRows = async (action: string) => {
    const db = new Database(path.join(dir, 'station.db'), { readonly: true });
    try {
      return db.prepare('SELECT actor, action, detail FROM audit_log WHERE action = ? ORDER BY at').all(action) as {
        actor: string;
        detail: string;
      }[];
    } finally {
      db.close();
    }
  };

  it('gives each agent the figures of the period, the composite score from the default weights, a rank, and the previous period', async () => {
    const r = await evaluation();
    expect([r.from, r.to, r.previousFrom, r.previousTo]).toEqual([D1, D2, '2027-02-27', PREV]);
    // PAY handling 300, 600, 450 s: the middle one lies in the 450–459 s bucket → 455 s; NEW 1200 → 1205 s.
    expect(r.medians).toEqual([
      { type: 'NEW', medianSec: 1205, n: 1 },
      { type: 'PAY', medianSec: 455, n: 3 },
    ]);
    const x = agent(r, X);
    expect(x).toMatchObject({
      served: 3,
      noShows: 1,
      ratings: 2,
      bad: 1,
      badExcluded: 0,
      satisfaction: 0.5,
      handlingMeanSec: 700,
      byLevel: { very_satisfied: 1, unsatisfied: 1 },
    });
    expect(x.coverage).toBeCloseTo(2 / 3);
    // 2100 s against 2 × 455 + 1205 = 2115 s for the same mix.
    expect(x.handlingIndex).toBeCloseTo(2100 / 2115, 3);
    expect(x.mix).toEqual([
      { type: 'PAY', served: 2, share: 0.6667, handlingMeanSec: 450, medianSec: 455 },
      { type: 'NEW', served: 1, share: 0.3333, handlingMeanSec: 1200, medianSec: 1205 },
    ]);
    // (0.5×40 + ⅔×15 + 1×20 + 1×15 + 0.5×10) ÷ 100 = 70.0
    expect(x.score).toBe(70);
    // Y: (1×40 + 1×15 + ⅓×20 + 1×15 + 1×10) ÷ 100 = 86.7
    expect(agent(r, Y).score).toBe(86.7);
    expect(r.agents.slice(0, 2).map((a) => [a.staff.id, a.rank])).toEqual([
      [Y, 1],
      [X, 2],
    ]);
    expect(x.previous).toMatchObject({ served: 1, satisfaction: 1, rank: 1 });
    expect(r.totals).toMatchObject({ served: 4, ratings: 3, bad: 1, noShows: 1 });
    expect(r.weights).toEqual({ satisfaction: 40, coverage: 15, volume: 20, efficiency: 15, noBad: 10 });
  });

  it('answers an empty period honestly and refuses invalid periods with a clear message', async () => {
    const empty = await call<EvaluationReport>(manager, 'manager.evaluation', { from: '2027-05-01', to: '2027-05-01' });
    expect(empty.totals).toMatchObject({ served: 0, ratings: 0, satisfaction: null, coverage: null });
    expect(empty.agents.every((a) => a.score === null && a.rank === null)).toBe(true);
    expect(await host.router.call(manager, 'manager.evaluation', { from: D2, to: D1 })).toMatchObject({
      ok: false,
      error: { code: 'validation', key: 'form.endBeforeStart', field: 'from' },
    });
    expect(await host.router.call(manager, 'manager.evaluation', { from: '2025-01-01', to: D2 })).toMatchObject({
      ok: false,
      error: { code: 'validation', key: 'evaluation.periodTooLong', message: '统计时段最长 366 天，请缩短时段' },
    });
  });

  it('validates the weights, keeps them as hall configuration and audits the change', async () => {
    const zero = { satisfaction: 0, coverage: 0, volume: 0, efficiency: 0, noBad: 0 };
    expect(await host.router.call(manager, 'manager.setEvaluationWeights', { weights: zero })).toMatchObject({
      ok: false,
      error: { code: 'validation', key: 'evaluation.weightsAllZero' },
    });
    expect(
      await host.router.call(manager, 'manager.setEvaluationWeights', { weights: { ...zero, coverage: 150 } }),
    ).toMatchObject({
      ok: false,
      error: { code: 'validation', key: 'evaluation.weightOutOfRange', field: 'weights.coverage' },
    });
    expect(
      await host.router.call(agentX, 'manager.setEvaluationWeights', { weights: { ...zero, noBad: 1 } }),
    ).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    const set = await call<{ weights: unknown; updatedBy: string }>(manager, 'manager.setEvaluationWeights', {
      weights: { ...zero, satisfaction: 100 },
    });
    expect(set).toMatchObject({ weights: { satisfaction: 100 }, updatedBy: '陈静' });
    expect(agent(await evaluation(), X).score).toBe(50);
    expect((await auditRows('evaluation.setWeights')).map((a) => a.actor)).toEqual(['1001']);
    await call(manager, 'manager.setEvaluationWeights', {
      weights: { satisfaction: 40, coverage: 15, volume: 20, efficiency: 15, noBad: 10 },
    });
  });

  it('drills down from an agent to the services and to one service’s evidence', async () => {
    const services = await call<{ ticketId: string; handlingSec: number | null; rating: { level: string } | null }[]>(
      manager,
      'manager.agentServices',
      { staffId: X, from: D1, to: D2 },
    );
    expect(services.map((s) => s.ticketId)).toEqual(['T4', 'T3', 'T2', 'T1']);
    expect(services.find((s) => s.ticketId === 'T2')).toMatchObject({
      handlingSec: 600,
      rating: { level: 'unsatisfied' },
    });
    const e = await call<{ calls: unknown[]; rating: { level: string }; ticket: { agent: { name: string } } }>(
      manager,
      'manager.serviceEvidence',
      { ticketId: 'T2' },
    );
    expect(e).toMatchObject({
      calls: [{ windowNo: 3, recall: false }],
      rating: { level: 'unsatisfied' },
      ticket: { agent: { name: '张伟' } },
    });
    expect(await host.router.call(manager, 'manager.serviceEvidence', { ticketId: 'nope' })).toMatchObject({
      ok: false,
      error: { code: 'not_found', key: 'evaluation.serviceNotFound' },
    });
  });

  it('an appeal goes from the serving agent to the manager; the rating never changes; an accepted appeal leaves the score', async () => {
    const ratingBefore = await host.storage.run('ratingById', { id: 'rt-T2-0001' });
    const mine = await call<{ rating: { id: string }; canAppeal: boolean }[]>(agentX, 'counter.appealableRatings', {});
    expect(mine).toEqual([
      expect.objectContaining({ rating: expect.objectContaining({ id: 'rt-T2-0001' }), canAppeal: true }),
    ]);
    expect(await call<unknown[]>(agentY, 'counter.appealableRatings', {})).toEqual([]);

    expect(
      await host.router.call(agentX, 'counter.fileAppeal', { ratingId: 'rt-T2-0001', reason: '太短' }),
    ).toMatchObject({
      ok: false,
      error: { code: 'validation', key: 'appeal.reasonTooShort' },
    });
    // Another agent, a good rating: refused, and the refusal is audited.
    expect(
      await host.router.call(agentY, 'counter.fileAppeal', {
        ratingId: 'rt-T2-0001',
        reason: '客户情绪激动与服务无关',
      }),
    ).toMatchObject({
      ok: false,
      error: { code: 'forbidden', key: 'appeal.notYourService' },
    });
    expect(
      await host.router.call(agentX, 'counter.fileAppeal', { ratingId: 'rt-T1-0001', reason: '这是好评也想申诉' }),
    ).toMatchObject({
      ok: false,
      error: { code: 'validation', key: 'appeal.notBadRating' },
    });
    const filed = await call<AppealView>(agentX, 'counter.fileAppeal', {
      ratingId: 'rt-T2-0001',
      reason: '系统故障导致等候，非本人原因',
    });
    expect(filed).toMatchObject({ status: 'pending', ticketNo: 'Z901', level: 'unsatisfied', staff: { name: '张伟' } });
    expect(
      await host.router.call(agentX, 'counter.fileAppeal', { ratingId: 'rt-T2-0001', reason: '再申诉一次试试看' }),
    ).toMatchObject({
      ok: false,
      error: { code: 'conflict', key: 'appeal.alreadyFiled' },
    });
    expect(agent(await evaluation(), X)).toMatchObject({ pendingAppeals: 1, bad: 1, badExcluded: 0, score: 70 });

    // The counter cannot decide; the manager's note is required.
    expect(
      await host.router.call(agentX, 'manager.decideAppeal', { appealId: filed.id, accept: true, note: '同意' }),
    ).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    expect(
      await host.router.call(manager, 'manager.decideAppeal', { appealId: filed.id, accept: true, note: ' ' }),
    ).toMatchObject({
      ok: false,
      error: { code: 'validation', key: 'appeal.noteTooShort' },
    });
    expect((await call<AppealView[]>(manager, 'manager.appeals', { openOnly: true })).map((a) => a.id)).toEqual([
      filed.id,
    ]);
    const decided = await call<AppealView>(manager, 'manager.decideAppeal', {
      appealId: filed.id,
      accept: true,
      note: '查系统日志属实',
    });
    expect(decided).toMatchObject({ status: 'accepted', decidedBy: '陈静', note: '查系统日志属实' });
    expect(
      await host.router.call(manager, 'manager.decideAppeal', { appealId: filed.id, accept: false, note: '改为驳回' }),
    ).toMatchObject({
      ok: false,
      error: { code: 'conflict', key: 'appeal.alreadyAccepted' },
    });

    // The rating row is exactly as it was; the score leaves it out, and says so.
    expect(await host.storage.run('ratingById', { id: 'rt-T2-0001' })).toEqual(ratingBefore);
    const x = agent(await evaluation(), X);
    // (1×40 + ⅔×15 + 1×20 + 1×15 + 1×10) ÷ 100 = 95.0: coverage still counts the rating that was given.
    expect(x).toMatchObject({
      bad: 0,
      badExcluded: 1,
      pendingAppeals: 0,
      ratings: 1,
      satisfaction: 1,
      score: 95,
      rank: 1,
    });
    expect(x.coverage).toBeCloseTo(2 / 3);

    // Every attempt is in the audit log, the refused ones with their reason.
    expect((await auditRows('appeal.file')).map((a) => a.actor)).toEqual(['1003']);
    expect((await auditRows('appeal.file.refused')).map((a) => [a.actor, JSON.parse(a.detail).key])).toEqual([
      ['1005', 'appeal.notYourService'],
      ['1003', 'appeal.notBadRating'],
      ['1003', 'appeal.alreadyFiled'],
    ]);
    expect((await auditRows('appeal.accept')).map((a) => a.actor)).toEqual(['1001']);
    expect((await auditRows('appeal.reject.refused')).map((a) => JSON.parse(a.detail).key)).toEqual([
      'appeal.alreadyAccepted',
    ]);
  });

  it('a direct mutator call cannot change a rating or a decision either', async () => {
    const mutate = (name: string, args: Record<string, unknown>) =>
      host.storage.run('mutate', { name, args, now: L(D2, '12:00:00') } as never);
    const rating = await host.storage.run('ratingById', { id: 'rt-T2-0001' });
    await expect(
      mutate('rating.record', {
        id: 'rt-T2-0001',
        ticketId: 'T2',
        level: 'very_satisfied',
        dimensions: {},
        reason: null,
        at: rating!.createdAt,
      }),
    ).rejects.toMatchObject({ code: 'conflict', key: 'sync.appendOnlyDiffers' });
    const [appeal] = await call<AppealView[]>(manager, 'manager.appeals', { openOnly: false });
    await expect(
      mutate('appeal.decide', {
        appealId: appeal!.id,
        hallId: 'H001',
        decision: 'rejected',
        managerId: 'S1001',
        note: '直接改写处理结果',
        at: L(D2, '12:00:00'),
      }),
    ).rejects.toMatchObject({ code: 'conflict', key: 'appeal.alreadyAccepted' });
    expect(await host.storage.run('ratingById', { id: 'rt-T2-0001' })).toEqual(rating);
    expect((await call<AppealView[]>(manager, 'manager.appeals', { openOnly: false }))[0]).toMatchObject({
      status: 'accepted',
    });
  });
});
