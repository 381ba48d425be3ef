import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCentral, type CentralServer } from '../../central/server';
import { makeTempDir, seededDataDir } from '../support/hall-fixture';

/**
 * Payments through a real central (SQLite): a replayed push batch is applied once, and a terminal
 * step that contradicts the first one (another station's "failed" after "succeeded") is rejected,
 * visibly, leaving the first fact standing.
 */
let central: CentralServer;
let dbFile: string;
let customer: { id: number; account_no: string };
let staffId: string;

beforeAll(async () => {
  dbFile = path.join(seededDataDir('central.db', makeTempDir('pay-central-')), 'central.db');
  const db = new Database(dbFile, { readonly: true });
  customer = db.prepare('SELECT id, account_no FROM customers WHERE prepaid = 0 LIMIT 1').get() as typeof customer;
  staffId = (db.prepare(`SELECT id FROM staff WHERE staff_no = '1002'`).get() as { id: string }).id;
  db.close();
  central = await startCentral({ dbFile, port: 0 });
});
afterAll(async () => central?.close());

async function token(clientId: string): Promise<string> {
  const res = await fetch(`${central.url}/v1/enroll`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ code: central.issueEnrollmentCode('H001', 'counter'), clientId }),
  });
  return ((await res.json()) as { token: string }).token;
}
async function push(clientId: string, auth: string, mutations: unknown[]) {
  const res = await fetch(`${central.url}/v1/push`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${auth}` },
    body: JSON.stringify({ clientId, hallId: 'H001', mutations }),
  });
  return (await res.json()) as { lastMutationId: number; rejected: { id: number; code: string; message: string }[] };
}
const at = '2026-11-23T03:00:00.000Z';
const step = (paymentId: string, status: string) => ({
  name: 'payment.step',
  args: { paymentId, status, gatewayRef: 'GW1', note: null, staffId, at },
  createdAt: at,
});

describe('payments through the central', () => {
  it('a replayed batch is applied once; a contradicting terminal step from another station is rejected', async () => {
    const a = await token('pay-station-a');
    const create = {
      name: 'payment.create',
      args: {
        id: 'pay-sync-00000001',
        key: 'pay-sync-00000001',
        hallId: 'H001',
        kind: 'bill',
        channel: 'bank_card',
        customerId: customer.id,
        accountNo: customer.account_no,
        amountFen: 1_000,
        tenderedFen: null,
        refundOf: null,
        staffId,
        windowNo: 1,
        ticketId: null,
        at,
      },
      createdAt: at,
    };
    const batch = [
      { id: 1, ...create },
      { id: 2, ...step('pay-sync-00000001', 'pending') },
      { id: 3, ...step('pay-sync-00000001', 'succeeded') },
    ];
    expect(await push('pay-station-a', a, batch)).toEqual({ lastMutationId: 3, rejected: [] });
    expect(await push('pay-station-a', a, batch)).toEqual({ lastMutationId: 3, rejected: [] }); // replayed: a no-op
    const b = await token('pay-station-b');
    const res = await push('pay-station-b', b, [{ id: 1, ...step('pay-sync-00000001', 'failed') }]);
    expect(res.rejected).toHaveLength(1);
    expect(res.rejected[0]).toMatchObject({ id: 1, code: 'conflict' });
    expect(res.rejected[0]!.message).toContain('支付成功');
    const db = new Database(dbFile, { readonly: true });
    expect(
      db.prepare(`SELECT status FROM payment_events WHERE payment_id = 'pay-sync-00000001' ORDER BY seq`).all(),
    ).toEqual([{ status: 'created' }, { status: 'pending' }, { status: 'succeeded' }]);
    expect(db.prepare(`SELECT count(*) AS n FROM payments WHERE id = 'pay-sync-00000001'`).get()).toEqual({ n: 1 });
    // Applied to bills (or balance) exactly once, not once per push.
    expect(
      db
        .prepare(`SELECT sum(amount_fen) AS n FROM payment_allocations WHERE source_payment_id = 'pay-sync-00000001'`)
        .get(),
    ).toEqual({ n: 1_000 });
    db.close();
  });
});
