import { createHmac } from 'node:crypto';
import { expect, it } from 'vitest';
import { PersonalDataCipher } from '../../main/security/personal-data-cipher';
import { RawClient, useCentralBackends, describeEachBackend } from '../support/central-backends';
import { expectCatalogued } from '../support/catalogued';

/**
 * Conflict rules per entity (docs/sync.md "Sync conflict rules"), on both backends: contact edits are
 * field-level last-writer-wins in server order; append-only facts are never overwritten.
 */
const { centralOn, stop, cleanups } = useCentralBackends();
const cipher = new PersonalDataCipher(Buffer.alloc(32, 7));
const AT = '2026-11-23T02:00:00.000Z';
let seq = 0;

function contactEdit(customerId: number, fields: { phone?: string; address?: string }) {
  const args: Record<string, unknown> = {
    id: `edit-${String(++seq).padStart(6, '0')}`,
    hallId: 'H001',
    customerId,
    at: AT,
    staffId: 'S1002',
  };
  if (fields.phone)
    args.phone = {
      enc: cipher.encrypt(fields.phone).toString('base64'),
      hash: createHmac('sha256', 'lookup-key').update(fields.phone).digest('hex'),
      masked: `${fields.phone.slice(0, 3)}****${fields.phone.slice(-4)}`,
      tail: fields.phone.slice(-4),
    };
  if (fields.address)
    args.address = {
      enc: cipher.encrypt(fields.address).toString('base64'),
      masked: `${fields.address.slice(0, 3)}****`,
    };
  return { name: 'customer.updateContact', args, createdAt: AT };
}
/** Agent 1002 logs in at the counter: the central accepts their edits only from a station they logged in at. */
const signIn = (station: string) => ({
  name: 'audit.append',
  args: { id: `audit-login-${station}`, at: AT, stationId: station, actor: '1002', action: 'auth.login', detail: {} },
  createdAt: AT,
});
const decrypt = (b64: unknown) => cipher.decrypt(Buffer.from(String(b64), 'base64'));

class Station {
  next = 1;
  constructor(readonly client: RawClient) {}
  push(...mutations: { name: string; args: unknown; createdAt: string }[]) {
    return this.client.push(mutations.map((m) => ({ id: this.next++, ...m })));
  }
}

async function contactRow(c: RawClient, customerId: number) {
  const rows = (await c.pull()).changes.filter(
    (ch) => ch.entity === 'customerContact' && ch.id === `contact-${customerId}`,
  );
  return rows.at(-1)?.row as Record<string, unknown>;
}

describeEachBackend('on %s', (backend) => {
  it('contact edits: concurrent edits of different fields both stand; of one field the later in server order wins', async () => {
    const c = await centralOn(backend);
    const a = new Station(await RawClient.enroll(c, 'counter-a-001', 'counter'));
    const b = new Station(await RawClient.enroll(c, 'counter-b-001', 'counter'));
    await a.push(signIn(a.client.clientId));
    await b.push(signIn(b.client.clientId));
    expect((await a.push(contactEdit(7, { phone: '13800138000' }))).json).toMatchObject({ rejected: [] });
    expect((await b.push(contactEdit(7, { address: '杭州市西湖区文三路 1 号' }))).json).toMatchObject({ rejected: [] });
    let row = await contactRow(a.client, 7);
    expect(decrypt(row.phone_enc)).toBe('13800138000');
    expect(decrypt(row.address_enc)).toBe('杭州市西湖区文三路 1 号');
    expect(row).toMatchObject({ phone_version: 1, address_version: 1, phone_masked: '138****8000' });

    // Both edit the phone during a partition; b's batch reaches the central last and wins.
    const fromA = contactEdit(7, { phone: '13900139000' });
    const fromB = contactEdit(7, { phone: '13700137000' });
    await a.push(fromA);
    await b.push(fromB);
    row = await contactRow(b.client, 7);
    expect(decrypt(row.phone_enc)).toBe('13700137000');
    expect(decrypt(row.address_enc)).toBe('杭州市西湖区文三路 1 号');
    expect(row).toMatchObject({ phone_version: 3, address_version: 1, phone_edit: fromB.args.id });
    // Only ciphertext, hashes and masks reach the central.
    expect(JSON.stringify(row)).not.toMatch(/13700137000|13900139000|文三路/);
  });

  it('contact edits: a malformed edit (plain text where ciphertext belongs, nothing to change) is rejected', async () => {
    const c = await centralOn(backend);
    const a = new Station(await RawClient.enroll(c, 'counter-c-001', 'counter'));
    await a.push(signIn(a.client.clientId));
    const plain = contactEdit(8, { phone: '13800138000' });
    (plain.args.phone as { enc: string }).enc = '杭州 13800138000';
    const empty = {
      name: 'customer.updateContact',
      args: { id: 'edit-empty-01', hallId: 'H001', customerId: 8, at: AT, staffId: 'S1002' },
      createdAt: AT,
    };
    const res = await a.push(plain, empty);
    expect(res.json).toMatchObject({
      rejected: [
        { id: 2, code: 'validation' },
        { id: 3, code: 'validation' },
      ],
    });
    expect(await contactRow(a.client, 8)).toBeUndefined();
  });

  it('append-only: a second audit entry or rating under an existing id is rejected; the first stands', async () => {
    const c = await centralOn(backend);
    const s = new Station(await RawClient.enroll(c, 'hall-pc-0001', 'hall'));
    const audit = (action: string) => ({
      name: 'audit.append',
      args: { id: 'audit-000001', at: AT, stationId: 'hall-pc-0001', actor: '1001', action, detail: {} },
      createdAt: AT,
    });
    expect((await s.push(audit('auth.login'))).json).toMatchObject({ rejected: [] });
    expect((await s.push(audit('auth.login'))).json).toMatchObject({ rejected: [] }); // same fact again: a no-op
    expect((await s.push(audit('auth.logout'))).json).toMatchObject({ rejected: [{ code: 'conflict' }] });

    const t = {
      hallId: 'H001',
      day: '2026-11-23',
      businessType: 'PAY',
      priority: 'normal',
      number: 'A001',
      issuedAt: AT,
      issuedBy: 'k',
    };
    const step = { ticketId: 'ticket-000001', windowNo: 3, at: AT };
    expect(
      (
        await s.push(
          { name: 'ticket.issue', args: { id: 'ticket-000001', ...t }, createdAt: AT },
          {
            name: 'ticket.call',
            args: { callId: 'call-000001', ticketId: 'ticket-000001', windowNo: 3, staffId: 'S1003', at: AT },
            createdAt: AT,
          },
          { name: 'ticket.start', args: step, createdAt: AT },
          { name: 'ticket.finish', args: step, createdAt: AT },
        )
      ).json,
    ).toMatchObject({ rejected: [] });
    const rating = (level: string) => ({
      name: 'rating.record',
      args: { id: 'rating-000001', ticketId: 'ticket-000001', level, dimensions: {}, reason: null, at: AT },
      createdAt: AT,
    });
    expect((await s.push(rating('very_satisfied'))).json).toMatchObject({ rejected: [] });
    expect((await s.push(rating('satisfied'))).json).toMatchObject({ rejected: [{ code: 'conflict' }] });
    const pulled = (await s.client.pull()).changes;
    expect(pulled.filter((ch) => ch.entity === 'rating').map((ch) => ch.row.level)).toEqual(['very_satisfied']);
    expect(pulled.filter((ch) => ch.entity === 'audit').map((ch) => ch.row.action)).toEqual(['auth.login']);
  });
});

describeEachBackend('ticket calls on %s', (backend) => {
  it('first call wins in server order; the losing counter sees the rejection in its sync status', async () => {
    const { startStationHost } = await import('../../main/host');
    const { makeTempDir, seededDataDir } = await import('../support/hall-fixture');
    const { nextEvent } = await import('../support/events');
    const c = await centralOn(backend);
    const open = async () => {
      const s = await startStationHost({
        dataDir: seededDataDir('station.db', makeTempDir('call-')),
        centralUrl: c.url,
        enrollCode: c.issueEnrollmentCode('H001', 'hall'),
      });
      cleanups.push(s.close);
      await s.sync!.idle();
      return s;
    };
    const a = await open();
    const b = await open();
    const issued = await a.router.call(
      { connectionId: 'k', source: 'local:test', role: 'kiosk', windowNo: null, session: null },
      'queue.issueTicket',
      { businessType: 'PAY' },
    );
    if (!issued.ok) throw new Error(issued.error.message);
    await a.sync!.idle();
    b.sync!.trigger();
    await b.sync!.idle();

    // A partition: both counters call A001 while the central is down.
    const down = await stop(c);
    const counterA = { connectionId: 'a', source: 'local:test', role: 'counter' as const, windowNo: 1, session: null };
    const counterB = { connectionId: 'b', source: 'local:test', role: 'counter' as const, windowNo: 2, session: null };
    expect((await a.router.call(counterA, 'auth.login', { staffNo: '1002', pin: '123456' })).ok).toBe(true);
    expect((await b.router.call(counterB, 'auth.login', { staffNo: '1004', pin: '123456' })).ok).toBe(true);
    expect(await a.router.call(counterA, 'counter.callNext', {})).toMatchObject({
      ok: true,
      value: { number: 'A001' },
    });
    expect(await b.router.call(counterB, 'counter.callNext', {})).toMatchObject({
      ok: true,
      value: { number: 'A001' },
    });
    await a.sync!.idle();
    await b.sync!.idle();

    await down.restart();
    a.sync!.trigger();
    await a.sync!.idle();
    const seen = nextEvent(b.events, 'sync.status', (st) => st.online && (st.rejected ?? 0) > 0);
    b.sync!.trigger();
    const status = await seen;
    // The why travels as a catalog key with its parameters: the station shows it in its own language.
    expect(status.lastRejection).toMatchObject({
      name: 'ticket.call',
      code: 'conflict',
      key: 'queue.ticketChanged',
      params: { ticketNo: 'A001' },
    });
    expectCatalogued(status.lastRejection!);
    // And b's replica now shows the ticket at window 1, as the central decided.
    expect(await b.storage.run('ticketById', { id: issued.value.ticket.id })).toMatchObject({
      number: 'A001',
      windowNo: 1,
    });
  });
});
