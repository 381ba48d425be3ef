import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { applyMutation } from '@common/mutators';
import type { SyncedEntity } from '@common/mutators/sql';
import { MIGRATIONS } from '@common/schema/migrations';
import type { Change } from '@common/sync/protocol';
import { migrate } from '../../../node/sqlite/migrate';
import { applyMoneyChange, undoPendingAllocations } from '../../../main/storage/ops/money-sync';
import { sqliteTx } from '../../../node/sqlite/sqlite-tx';

/**
 * The station's rule for money rows (main/storage/ops/money-sync.ts): a bill's paid amount and a
 * balance are the central's value plus this station's pending allocations, and the central's
 * allocations of a step replace the station's pending ones (wherever they went).
 */
const at = '2026-12-04T02:00:00.000Z';

function stationWithDebtor() {
  const db = new Database(':memory:');
  migrate(db, MIGRATIONS);
  db.prepare(
    `INSERT INTO customers (id, hall_id, account_no, name_masked, name_enc, id_masked, id_enc, id_hash, phone_masked, phone_enc, phone_hash, phone_tail, address_masked, address_enc, meter_no, tariff, usage_type, prepaid, balance_fen)
     VALUES (7, 'H001', '3300000007', '张*', x'00', '3301**', x'00', x'00', '138****', x'00', x'00', '5678', '杭州**', x'00', 'M7', 'resident', 'resident', 0, 0)`,
  ).run();
  db.prepare(
    `INSERT INTO bills (customer_id, period, kwh, amount_fen, paid_fen, due_date) VALUES (7, '2026-10', 100, 6000, 0, '2026-11-20'), (7, '2026-11', 100, 4000, 0, '2026-12-20')`,
  ).run();
  const tx = sqliteTx(db);
  const changed: { entity: SyncedEntity; id: string }[] = [];
  const pay = (id: string, amountFen: number) => {
    const ctx = {
      tx,
      side: 'station' as const,
      changed: (entity: SyncedEntity, cid: string) => changed.push({ entity, id: cid }),
    };
    applyMutation(ctx, 'payment.create', {
      id,
      key: id,
      hallId: 'H001',
      kind: 'bill',
      channel: 'bank_card',
      customerId: 7,
      accountNo: '3300000007',
      amountFen,
      tenderedFen: null,
      refundOf: null,
      staffId: 'staff-1002',
      windowNo: 1,
      ticketId: null,
      at,
    });
    applyMutation(ctx, 'payment.step', {
      paymentId: id,
      status: 'succeeded',
      gatewayRef: 'GW',
      note: null,
      staffId: 'staff-1002',
      at,
    });
  };
  const paid = () => db.prepare('SELECT period, paid_fen FROM bills ORDER BY period').all();
  const balance = () =>
    (db.prepare('SELECT balance_fen FROM customers WHERE id = 7').get() as { balance_fen: number }).balance_fen;
  const allowed = (table: string) =>
    new Set(
      (db.prepare(`SELECT name FROM pragma_table_info('${table}')`).all() as { name: string }[]).map((c) => c.name),
    );
  const apply = (c: Omit<Change, 'version'>) =>
    applyMoneyChange(
      tx,
      { version: 1, ...c } as Change,
      allowed(c.entity === 'bill' ? 'bills' : c.entity === 'paymentAllocation' ? 'payment_allocations' : 'customers'),
    );
  const bill = (period: string, paidFen: number, amountFen: number) => ({
    entity: 'bill' as const,
    id: `7/${period}`,
    row: {
      customer_id: 7,
      period,
      kwh: 100,
      amount_fen: amountFen,
      paid_fen: paidFen,
      due_date: '2026-11-20',
      id: `7/${period}`,
    },
  });
  return { db, tx, pay, paid, balance, apply, bill, changed };
}

describe('money rows on a station', () => {
  it('counts a step still on its way on top of the central’s bill row, and once the central’s allocation arrives, not again', () => {
    const s = stationWithDebtor();
    s.pay('pay-local-0001', 6000);
    expect(s.paid()).toEqual([
      { period: '2026-10', paid_fen: 6000 },
      { period: '2026-11', paid_fen: 0 },
    ]);
    // Another station's 10 元 reached the central first: its row does not hold our step; ours stays counted.
    expect(s.apply(s.bill('2026-10', 1000, 6000))).toBe(true);
    expect(s.paid()[0]).toEqual({ period: '2026-10', paid_fen: 7000 });
    // The central then applied ours after it: 50 元 to 2026-10, 10 元 to 2026-11 (its allocations come first, then the bills).
    s.apply({
      entity: 'paymentAllocation',
      id: 'pay-local-0001>pay-local-0001>2026-10',
      row: {
        id: 'pay-local-0001>pay-local-0001>2026-10',
        source_payment_id: 'pay-local-0001',
        applied_by: 'pay-local-0001',
        customer_id: 7,
        target: '2026-10',
        amount_fen: 5000,
        pending: 0,
      },
    });
    s.apply({
      entity: 'paymentAllocation',
      id: 'pay-local-0001>pay-local-0001>2026-11',
      row: {
        id: 'pay-local-0001>pay-local-0001>2026-11',
        source_payment_id: 'pay-local-0001',
        applied_by: 'pay-local-0001',
        customer_id: 7,
        target: '2026-11',
        amount_fen: 1000,
        pending: 0,
      },
    });
    s.apply(s.bill('2026-10', 6000, 6000));
    s.apply(s.bill('2026-11', 1000, 4000));
    expect(s.paid()).toEqual([
      { period: '2026-10', paid_fen: 6000 },
      { period: '2026-11', paid_fen: 1000 },
    ]);
    expect(s.db.prepare('SELECT count(*) AS n FROM payment_allocations WHERE pending = 1').get()).toEqual({ n: 0 });
    // The same rows again (a re-pull from cursor 0) change nothing.
    s.apply(s.bill('2026-10', 6000, 6000));
    expect(s.paid()).toEqual([
      { period: '2026-10', paid_fen: 6000 },
      { period: '2026-11', paid_fen: 1000 },
    ]);
  });

  it('moves a step the central put into the balance (the bill was paid elsewhere first) out of the bill', () => {
    const s = stationWithDebtor();
    s.pay('pay-local-0002', 10_000);
    expect(s.paid()).toEqual([
      { period: '2026-10', paid_fen: 6000 },
      { period: '2026-11', paid_fen: 4000 },
    ]);
    s.apply(s.bill('2026-10', 6000, 6000));
    s.apply(s.bill('2026-11', 4000, 4000));
    s.apply({
      entity: 'paymentAllocation',
      id: 'pay-local-0002>pay-local-0002>balance',
      row: {
        id: 'pay-local-0002>pay-local-0002>balance',
        source_payment_id: 'pay-local-0002',
        applied_by: 'pay-local-0002',
        customer_id: 7,
        target: 'balance',
        amount_fen: 10_000,
        pending: 0,
      },
    });
    expect(s.apply({ entity: 'customerBalance', id: '7', row: { id: 7, balance_fen: 10_000 } })).toBe(true);
    expect(s.paid()).toEqual([
      { period: '2026-10', paid_fen: 6000 },
      { period: '2026-11', paid_fen: 4000 },
    ]);
    expect(s.balance()).toBe(10_000);
    // A balance of a customer this station does not hold is not applied (and creates no row).
    expect(s.apply({ entity: 'customerBalance', id: '8', row: { id: 8, balance_fen: 5 } })).toBe(false);
    expect(
      s.apply({
        entity: 'bill',
        id: '8/2026-10',
        row: { customer_id: 8, period: '2026-10', kwh: 1, amount_fen: 1, paid_fen: 1, due_date: 'x', id: '8/2026-10' },
      }),
    ).toBe(false);
  });

  it('takes a rejected step’s pending allocations back out; a malformed row is refused', () => {
    const s = stationWithDebtor();
    s.pay('pay-local-0003', 7000);
    const allocations = s.changed.filter((c) => c.entity === 'paymentAllocation').map((c) => c.id);
    expect(allocations).toHaveLength(2);
    // Allocations are reported before the bills they changed (the order the central logs them in).
    expect(s.changed.map((c) => c.entity).lastIndexOf('paymentAllocation')).toBeLessThan(
      s.changed.findIndex((c) => c.entity === 'bill'),
    );
    expect(undoPendingAllocations(s.tx, allocations)).toBe(2);
    expect(s.paid()).toEqual([
      { period: '2026-10', paid_fen: 0 },
      { period: '2026-11', paid_fen: 0 },
    ]);
    expect(() =>
      s.apply({ entity: 'bill', id: '7/2026-10', row: { ...s.bill('2026-10', 0, 6000).row, customer_id: 9 } }),
    ).toThrow(/malformed bill/);
    expect(() => s.apply({ entity: 'customerBalance', id: '7', row: { id: 7, balance_fen: 'x' } })).toThrow(
      /malformed balance/,
    );
  });
});
