import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startGatewaySim, type GatewaySim } from '../../central/gateway/gateway-sim';
import type { CentralServer } from '../../central/server';
import type { StationRole } from '@common/sync/station-roles';
import type { CallerContext } from '../../main/services/caller';
import { startStationHost, type StationHost } from '../../main/host';
import { HttpPaymentGateway } from '../../main/payments/payment-gateway';
import { PersonalDataCipher } from '../../main/security/personal-data-cipher';
import { seedHall } from '../../hall/seed';
import { configure, migrate } from '../../node/sqlite/migrate';
import { RawClient, useCentralBackends, describeEachBackend } from '../support/central-backends';
import { makeTempDir, seededDataDir, seededTemplate, withTemplateKey } from '../support/hall-fixture';

/**
 * Bills and balances across stations (docs/sync.md "Bills and balances across stations"), on both central
 * backends: a payment, refund or reversal taken at one station of the hall shows at every other after
 * sync — arrears, system balance, the payment itself — in server order and never twice, including two
 * stations offline paying the same bill, a replayed push, a new station's snapshot and a customer of
 * another hall.
 */
const { centralOn, stop, cleanups } = useCentralBackends();
const SLOW = 120_000;
let gateway: GatewaySim;
let debtor: { id: number; account_no: string; owed: number; balance: number };
let seq = 0;
const pid = (tag: string) => `pay-bill-${tag}-${(++seq).toString(36)}-${Date.now().toString(36)}`;

beforeAll(async () => {
  gateway = await startGatewaySim();
  const db = new Database(seededTemplate(), { readonly: true });
  debtor = db
    .prepare(
      `SELECT c.id, c.account_no, sum(b.amount_fen - b.paid_fen) AS owed, c.balance_fen AS balance FROM customers c JOIN bills b ON b.customer_id = c.id
       WHERE c.prepaid = 0 AND b.paid_fen < b.amount_fen GROUP BY c.id HAVING owed > 20000 ORDER BY owed DESC LIMIT 1`,
    )
    .get() as typeof debtor;
  db.close();
});
afterAll(async () => gateway?.close());

const call = async <T>(
  r: Promise<{ ok: true; value: T } | { ok: false; error: { code: string; message: string } }>,
): Promise<T> => {
  const res = await r;
  if (!res.ok) throw new Error(`${res.error.code}: ${res.error.message}`);
  return res.value;
};

interface Station {
  host: StationHost;
  dataDir: string;
}
async function station(c: CentralServer, role: StationRole): Promise<Station> {
  const dataDir = withTemplateKey(seededDataDir('station.db', makeTempDir(`bill-${role}-`)));
  const host = await startStationHost({
    dataDir,
    centralUrl: c.url,
    enrollCode: c.issueEnrollmentCode('H001', role),
    paymentGateway: new HttpPaymentGateway(gateway.url, 2000),
  });
  cleanups.push(host.close);
  await host.sync!.idle();
  return { host, dataDir };
}

/** Sync stations one after the other, in the order given (server order follows it). */
async function syncInOrder(...stations: Station[]): Promise<void> {
  for (const s of stations) {
    s.host.sync!.trigger();
    await s.host.sync!.idle();
  }
}

const counterAt = (windowNo: number): CallerContext => ({
  connectionId: `counter-${windowNo}-${++seq}`,
  source: 'local:test',
  role: 'counter',
  windowNo,
  session: null,
});
async function loggedInCounter(s: Station, windowNo: number, staffNo: string): Promise<CallerContext> {
  const who = counterAt(windowNo);
  await call(s.host.router.call(who, 'auth.login', { staffNo, pin: '123456' }));
  return who;
}
const kioskCaller = (): CallerContext => ({
  connectionId: `kiosk-${++seq}`,
  source: 'local:test',
  role: 'kiosk',
  windowNo: null,
  session: null,
});

/** What the counter's customer view shows: arrears, system balance (预存) and the payments list. */
async function counterView(s: Station, who: CallerContext, customerId = debtor.id) {
  const v = await call(s.host.router.call(who, 'customer.view', { customerId }));
  return {
    arrearsFen: v.arrearsFen,
    balanceFen: v.systemBalanceFen,
    payments: v.payments.map((p) => `${p.id} ${p.amountFen}`),
  };
}

/** What the kiosk shows the customer it identified by 户号. */
async function kioskView(s: Station, customerId = debtor.id) {
  const k = kioskCaller();
  await call(s.host.router.call(k, 'kiosk.identify', { by: 'account', accountNo: debtor.account_no }));
  const a = await call(s.host.router.call(k, 'kiosk.account', { customerId }));
  return { arrearsFen: a.arrearsFen, balanceFen: a.systemBalanceFen };
}

async function kioskPays(s: Station, amountFen: number): Promise<string> {
  const k = kioskCaller();
  await call(s.host.router.call(k, 'kiosk.identify', { by: 'account', accountNo: debtor.account_no }));
  const id = pid('kiosk');
  expect(
    await call(
      s.host.router.call(k, 'kiosk.pay', { paymentId: id, customerId: debtor.id, channel: 'bank_card', amountFen }),
    ),
  ).toMatchObject({ status: 'succeeded' });
  return id;
}

async function counterPays(s: Station, who: CallerContext, amountFen: number): Promise<string> {
  const id = pid('counter');
  expect(
    await call(
      s.host.router.call(who, 'payment.pay', { paymentId: id, customerId: debtor.id, channel: 'bank_card', amountFen }),
    ),
  ).toMatchObject({ status: 'succeeded' });
  return id;
}

/** A station's allocations still waiting for the central's (none once everything is synced). */
function pendingAllocations(s: Station): number {
  const db = new Database(path.join(s.dataDir, 'station.db'), { readonly: true });
  try {
    return (db.prepare('SELECT count(*) AS n FROM payment_allocations WHERE pending = 1').get() as { n: number }).n;
  } finally {
    db.close();
  }
}

/** Where the central put a payment's money, as the station holds the central's allocations ('balance' or the bill period). */
function centralAllocationTarget(s: Station, paymentId: string): string {
  const db = new Database(path.join(s.dataDir, 'station.db'), { readonly: true });
  try {
    const rows = db
      .prepare('SELECT DISTINCT target FROM payment_allocations WHERE applied_by = ? AND pending = 0')
      .all(paymentId) as { target: string }[];
    return rows.some((r) => r.target === 'balance') ? 'balance' : (rows[0]?.target ?? 'none');
  } finally {
    db.close();
  }
}

describeEachBackend('bills and balances across stations on %s', (backend) => {
  it(
    'a payment at the kiosk shows at the counter, then a refund and a reversal at the counter show at the kiosk; a new station’s snapshot has it all',
    async () => {
      const c = await centralOn(backend);
      const kiosk = await station(c, 'kiosk');
      const counter = await station(c, 'counter');
      const agent = await loggedInCounter(counter, 1, '1002');
      const before = await counterView(counter, agent);
      expect(before.arrearsFen).toBe(debtor.owed);

      // 120 元 at the kiosk (the central pokes the counter, which may pull it at once; syncing here makes sure).
      const paid = await kioskPays(kiosk, 12_000);
      expect(await kioskView(kiosk)).toEqual({ arrearsFen: debtor.owed - 12_000, balanceFen: debtor.balance });
      await syncInOrder(kiosk, counter);
      const afterPay = await counterView(counter, agent);
      expect(afterPay.arrearsFen).toBe(debtor.owed - 12_000);
      expect(afterPay.balanceFen).toBe(debtor.balance);
      expect(afterPay.payments).toContain(`${paid} 12000`);
      // The kiosk's own pull brought the central's rows for what it had applied itself: counted once.
      expect(await kioskView(kiosk)).toEqual({ arrearsFen: debtor.owed - 12_000, balanceFen: debtor.balance });

      // A refund of 50 元 of the kiosk's payment, asked and approved at the counter (its limit comes
      // from the central's allocations of the kiosk payment, which the counter pulled).
      const refund = await call(
        counter.host.router.call(agent, 'payment.requestRefund', {
          paymentId: paid,
          amountFen: 5_000,
          reason: '多缴退还',
        }),
      );
      expect(
        await call(
          counter.host.router.call(agent, 'payment.decideRefundOnSpot', {
            requestId: refund.id,
            approve: true,
            managerStaffNo: '1001',
            managerPin: '123456',
          }),
        ),
      ).toMatchObject({ decision: 'approved' });
      expect((await counterView(counter, agent)).arrearsFen).toBe(debtor.owed - 7_000);
      const tooMuch = await counter.host.router.call(agent, 'payment.requestRefund', {
        paymentId: paid,
        amountFen: 7_001,
        reason: '超额退款',
      });
      expect(tooMuch.ok ? null : tooMuch.error).toMatchObject({ code: 'validation', field: 'amountFen' });

      // A reversal (冲正) of a payment taken at the counter itself.
      const own = await counterPays(counter, agent, 3_000);
      expect((await counterView(counter, agent)).arrearsFen).toBe(debtor.owed - 10_000);
      await call(
        counter.host.router.call(agent, 'payment.reverse', {
          paymentId: own,
          reason: '金额输错',
          managerStaffNo: '1001',
          managerPin: '123456',
        }),
      );
      expect((await counterView(counter, agent)).arrearsFen).toBe(debtor.owed - 7_000);

      await syncInOrder(counter, kiosk, counter);
      expect(await kioskView(kiosk)).toEqual({ arrearsFen: debtor.owed - 7_000, balanceFen: debtor.balance });
      const settled = await counterView(counter, agent);
      expect(settled).toMatchObject({ arrearsFen: debtor.owed - 7_000, balanceFen: debtor.balance });
      expect(settled.payments).toEqual(
        expect.arrayContaining([`${paid} 12000`, `${own} 3000`, `${own}:reversed -3000`]),
      );
      expect([pendingAllocations(kiosk), pendingAllocations(counter)]).toEqual([0, 0]);

      // A station enrolled now starts from the seeded copy (the old arrears) and takes the snapshot.
      const late = await station(c, 'counter');
      const lateAgent = await loggedInCounter(late, 2, '1004');
      expect(await counterView(late, lateAgent)).toEqual(settled);
    },
    SLOW,
  );

  it(
    'two stations offline pay the same arrears: after sync both show them paid once and the second payment as 预存, no money lost',
    async () => {
      const c = await centralOn(backend);
      const kiosk = await station(c, 'kiosk');
      const counter = await station(c, 'counter');
      const agent = await loggedInCounter(counter, 1, '1002');

      const down = await stop(c);
      const atKiosk = await kioskPays(kiosk, debtor.owed);
      const atCounter = await counterPays(counter, agent, debtor.owed);
      // Each station, on its own, shows the arrears paid by its own payment.
      expect(await kioskView(kiosk)).toEqual({ arrearsFen: 0, balanceFen: debtor.balance });
      expect(await counterView(counter, agent)).toMatchObject({ arrearsFen: 0, balanceFen: debtor.balance });
      expect([pendingAllocations(kiosk), pendingAllocations(counter)].every((n) => n > 0)).toBe(true);

      await down.restart();
      await syncInOrder(kiosk, counter, kiosk);
      // Server order: whichever arrived first paid the bills; the other's money is the customer's 预存.
      const atTheCounter = await counterView(counter, agent);
      expect(atTheCounter).toMatchObject({ arrearsFen: 0, balanceFen: debtor.balance + debtor.owed });
      expect(atTheCounter.payments).toEqual(
        expect.arrayContaining([`${atKiosk} ${debtor.owed}`, `${atCounter} ${debtor.owed}`]),
      );
      expect(await kioskView(kiosk)).toEqual({ arrearsFen: 0, balanceFen: debtor.balance + debtor.owed });
      expect([pendingAllocations(kiosk), pendingAllocations(counter)]).toEqual([0, 0]);

      // Which payment became the 预存 is the central's call (the stations reconnect on their own, so
      // either may have arrived first); the counter refunds that one, and its limit is what the
      // central applied of it — the counter sees the central's allocations, even of the kiosk's payment.
      const toBalance = centralAllocationTarget(counter, atKiosk) === 'balance' ? atKiosk : atCounter;
      expect(centralAllocationTarget(counter, toBalance === atKiosk ? atCounter : atKiosk)).not.toBe('balance');
      const refund = await call(
        counter.host.router.call(agent, 'payment.requestRefund', {
          paymentId: toBalance,
          amountFen: debtor.owed,
          reason: '重复缴费退还',
        }),
      );
      await call(
        counter.host.router.call(agent, 'payment.decideRefundOnSpot', {
          requestId: refund.id,
          approve: true,
          managerStaffNo: '1001',
          managerPin: '123456',
        }),
      );
      await syncInOrder(counter, kiosk);
      expect(await kioskView(kiosk)).toEqual({ arrearsFen: 0, balanceFen: debtor.balance });
      expect(await counterView(counter, agent)).toMatchObject({ arrearsFen: 0, balanceFen: debtor.balance });
    },
    SLOW,
  );

  it(
    'a replayed push applies a payment once: the change log holds its bills once and the counter counts it once',
    async () => {
      const c = await centralOn(backend);
      const counter = await station(c, 'counter');
      const agent = await loggedInCounter(counter, 1, '1002');
      const raw = await RawClient.enroll(c, `raw-kiosk-${backend}`, 'kiosk');
      const at = new Date().toISOString();
      const id = pid('raw');
      const step = (status: string) => ({
        name: 'payment.step',
        args: { paymentId: id, status, gatewayRef: 'GW-RAW', note: null, staffId: `kiosk:raw-kiosk-${backend}`, at },
        createdAt: at,
      });
      const batch = [
        {
          id: 1,
          name: 'payment.create',
          args: {
            id,
            key: id,
            hallId: 'H001',
            kind: 'bill',
            channel: 'bank_card',
            customerId: debtor.id,
            accountNo: debtor.account_no,
            amountFen: 15_000,
            tenderedFen: null,
            refundOf: null,
            staffId: `kiosk:raw-kiosk-${backend}`,
            windowNo: null,
            ticketId: null,
            at,
          },
          createdAt: at,
        },
        { id: 2, ...step('pending') },
        { id: 3, ...step('succeeded') },
      ];
      expect((await raw.push(batch)).json).toEqual({ lastMutationId: 3, rejected: [] });
      const once = (await raw.pull(0)).changes.filter((ch) =>
        ['bill', 'customerBalance', 'paymentAllocation'].includes(ch.entity),
      );
      expect((await raw.push(batch)).json).toEqual({ lastMutationId: 3, rejected: [] });
      const twice = (await raw.pull(0)).changes.filter((ch) =>
        ['bill', 'customerBalance', 'paymentAllocation'].includes(ch.entity),
      );
      expect(twice).toEqual(once);
      const allocated = once.filter((ch) => ch.entity === 'paymentAllocation');
      expect(allocated.reduce((n, ch) => n + Number(ch.row.amount_fen), 0)).toBe(15_000);
      expect(allocated.every((ch) => ch.row.pending === 0 || ch.row.pending === '0')).toBe(true);
      // Bills come after the allocations that changed them (the order a station relies on).
      expect(once.map((ch) => ch.entity).lastIndexOf('paymentAllocation')).toBeLessThan(
        once.findIndex((ch) => ch.entity === 'bill'),
      );

      await syncInOrder(counter);
      const v = await counterView(counter, agent);
      expect(v.arrearsFen).toBe(debtor.owed - 15_000);
      expect(v.payments.filter((p) => p.startsWith(id))).toEqual([`${id} 15000`]);
    },
    SLOW,
  );

  it(
    'a station may not write bills or balances itself: only payment mutations its role may push reach them',
    async () => {
      const c = await centralOn(backend);
      const display = await RawClient.enroll(c, `raw-display-${backend}`, 'display');
      const at = new Date().toISOString();
      const id = pid('display');
      const res = await display.push([
        {
          id: 1,
          name: 'payment.create',
          args: {
            id,
            key: id,
            hallId: 'H001',
            kind: 'bill',
            channel: 'bank_card',
            customerId: debtor.id,
            accountNo: debtor.account_no,
            amountFen: 1_000,
            tenderedFen: null,
            refundOf: null,
            staffId: 'x',
            windowNo: null,
            ticketId: null,
            at,
          },
          createdAt: at,
        },
        { id: 2, name: 'bill.set', args: { id: `${debtor.id}/2026-01`, paidFen: 999_999 }, createdAt: at },
      ]);
      expect((res.json.rejected as { id: number; code: string }[]).map((r) => [r.id, r.code])).toEqual([
        [1, 'forbidden'],
        [2, 'forbidden'],
      ]);
      expect(
        (await display.pull(0)).changes.filter((ch) => ch.entity === 'bill' || ch.entity === 'customerBalance'),
      ).toEqual([]);
    },
    SLOW,
  );

  it(
    'a customer of another hall paid here (跨区域办理): the bills and balance reach both halls, the payment stays with the paying hall',
    async () => {
      const c = await centralOn(backend);
      const file = path.join(makeTempDir('bill-h002-'), 'h002.db');
      const db = new Database(file);
      configure(db);
      migrate(db);
      seedHall(db, {
        customers: 3,
        hallId: 'H002',
        hallName: '西湖营业厅',
        firstCustomerId: 5001,
        customersOnly: true,
        cipher: new PersonalDataCipher(Buffer.alloc(32, 9)),
        seed: 77,
      });
      const visitor = db
        .prepare(`SELECT id, account_no, balance_fen FROM customers WHERE hall_id = 'H002' ORDER BY id LIMIT 1`)
        .get() as { id: number; account_no: string; balance_fen: number };
      db.close();
      c.importHallDatabase(file);

      const here = await RawClient.enroll(c, `raw-h001-${backend}`, 'counter');
      const home = await RawClient.enroll(c, `raw-h002-${backend}`, 'hall', 'H002');
      const at = new Date().toISOString();
      const id = pid('xhall');
      const step = (mid: number, status: string) => ({
        id: mid,
        name: 'payment.step',
        args: { paymentId: id, status, gatewayRef: 'GW-X', note: null, staffId: 'staff-1002', at },
        createdAt: at,
      });
      expect(
        (
          await here.push([
            {
              id: 1,
              name: 'payment.create',
              args: {
                id,
                key: id,
                hallId: 'H001',
                kind: 'bill',
                channel: 'bank_card',
                customerId: visitor.id,
                accountNo: visitor.account_no,
                amountFen: 10_000,
                tenderedFen: null,
                refundOf: null,
                staffId: 'staff-1002',
                windowNo: 3,
                ticketId: null,
                at,
              },
              createdAt: at,
            },
            step(2, 'pending'),
            step(3, 'succeeded'),
          ])
        ).json,
      ).toEqual({ lastMutationId: 3, rejected: [] });
      const money = (changes: { entity: string; id: string; row: Record<string, unknown> }[]) =>
        changes.filter(
          (ch) =>
            (ch.entity === 'bill' && ch.id.startsWith(`${visitor.id}/`)) ||
            (ch.entity === 'customerBalance' && ch.id === String(visitor.id)),
        );
      const seenHere = money((await here.pull(0)).changes);
      const seenAtHome = money((await home.pull(0)).changes);
      expect(seenHere.length).toBeGreaterThan(0);
      expect(seenAtHome.map((ch) => [ch.entity, ch.id, ch.row.paid_fen ?? ch.row.balance_fen])).toEqual(
        seenHere.map((ch) => [ch.entity, ch.id, ch.row.paid_fen ?? ch.row.balance_fen]),
      );
      // The paid amount is on the visitor's bills (or, past the arrears, on the balance).
      const homeChanges = (await home.pull(0)).changes;
      expect(homeChanges.some((ch) => ch.entity === 'paymentOrder' || ch.entity === 'paymentAllocation')).toBe(false);
      // A balance travels as the projection only: never the customer's encrypted fields.
      for (const ch of homeChanges.filter((x) => x.entity === 'customerBalance'))
        expect(Object.keys(ch.row).sort()).toEqual(['balance_fen', 'id']);
    },
    SLOW,
  );
});
