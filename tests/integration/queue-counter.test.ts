import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startCentral, type CentralServer } from '../../central/server';
import type { CallerContext } from '../../main/services/caller';
import { startStationHost, type StationHost } from '../../main/host';
import { keyDirFor, loadOrCreateKey, PersonalDataCipher } from '../../main/security/personal-data-cipher';
import { openToken } from '../../main/sync/token-seal';
import { makeTempDir, seededDataDir, withTemplateKey } from '../support/hall-fixture';
import { nextEvent } from '../support/events';

/**
 * The counter calling panel through the router on a real station (real SQLite worker), with the
 * injectable clock: every action, the rules (recall gap/limit, no-show, fairness), bad input that
 * changes nothing, sign-in conflicts, and concurrent callers on one station and across two stations.
 */
const T0 = Date.parse('2026-11-23T02:00:00.000Z'); // 10:00 in the hall (Asia/Shanghai)
const clock = {
  t: T0,
  now() {
    return new Date(this.t);
  },
};
const later = (sec: number) => {
  clock.t += sec * 1000;
};
const kiosk: CallerContext = {
  connectionId: 'kiosk',
  source: 'local:test',
  role: 'kiosk',
  windowNo: null,
  session: null,
};
const counterAt = (windowNo: number, id = `c${windowNo}`): CallerContext => ({
  connectionId: id,
  source: 'local:test',
  role: 'counter',
  windowNo,
  session: null,
});
type Ok<T = Record<string, unknown>> = { ok: true; value: T };
function must<T = Record<string, unknown>>(r: { ok: boolean; value?: unknown; error?: unknown }): T {
  if (!r.ok) throw new Error(`expected ok, got ${JSON.stringify(r.error)}`);
  return (r as Ok<T>).value;
}

let host: StationHost;
let dataDir: string;
const cleanups: (() => Promise<void>)[] = [];

async function freshStation(): Promise<StationHost> {
  clock.t = T0;
  dataDir = withTemplateKey(seededDataDir('station.db', makeTempDir('queue-')));
  const h = await startStationHost({ dataDir, clock });
  cleanups.push(h.close);
  return h;
}
async function login(h: StationHost, c: CallerContext, staffNo: string) {
  must(await h.router.call(c, 'auth.login', { staffNo, pin: '123456' }));
  return c;
}
const issue = async (h: StationHost, businessType = 'PAY', priority: 'normal' | 'green' | 'vip' = 'normal') =>
  must<{ ticket: { id: string; number: string } }>(
    await h.router.call(kiosk, 'queue.issueTicket', { businessType, priority }),
  ).ticket;
const panel = async (h: StationHost, c: CallerContext) =>
  must<{
    current: { id: string; number: string; status: string; roundCalls: number } | null;
    waiting: { number: string }[];
    parked: { id: string }[];
    status: string;
  }>(await h.router.call(c, 'counter.panel', {}));
/** Every table a bad action could touch, to prove it changed nothing. */
function fingerprint(): string {
  const db = new Database(path.join(dataDir, 'station.db'), { readonly: true });
  try {
    return JSON.stringify(
      ['tickets', 'calls', 'window_state', 'audit_log', 'sync_outbox'].map((t) =>
        db.prepare(`SELECT * FROM ${t} ORDER BY rowid`).all(),
      ),
    );
  } finally {
    db.close();
  }
}

afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

describe('counter calling panel', () => {
  it('calls, recalls within the limit and gap, and marks no-show only after the configured calls', async () => {
    host = await freshStation();
    const c = await login(host, counterAt(3), '1003');
    await issue(host);
    await issue(host);
    const announced = nextEvent(host.events, 'ticket.called');
    const first = must<{ number: string; status: string; windowNo: number }>(
      await host.router.call(c, 'counter.callNext', {}),
    );
    expect(first).toMatchObject({ number: 'A001', status: 'called', windowNo: 3 });
    expect((await announced).text).toBe('请 A001 号到 3 号窗口办理');
    const id = (await panel(host, c)).current!.id;

    const tooSoon = await host.router.call(c, 'counter.recall', { ticketId: id });
    expect(tooSoon).toMatchObject({
      ok: false,
      error: { code: 'conflict', message: expect.stringContaining('秒后再重呼') },
    });
    const early = await host.router.call(c, 'counter.noShow', { ticketId: id });
    expect(early).toMatchObject({
      ok: false,
      error: { code: 'conflict', message: expect.stringContaining('需叫满 3 次') },
    });

    later(31);
    const recalled = nextEvent(host.events, 'ticket.called', (p) => p.recall);
    must(await host.router.call(c, 'counter.recall', { ticketId: id }));
    expect((await recalled).text).toBe('重呼，请 A001 号到 3 号窗口办理');
    later(31);
    must(await host.router.call(c, 'counter.recall', { ticketId: id }));
    later(31);
    expect(await host.router.call(c, 'counter.recall', { ticketId: id })).toMatchObject({
      ok: false,
      error: { message: expect.stringContaining('达到上限') },
    });

    expect(await host.router.call(c, 'counter.noShow', { ticketId: id })).toMatchObject({
      ok: true,
      value: { status: 'no_show', windowNo: null },
    });
    // The window is free again: call-next takes A002.
    expect(must(await host.router.call(c, 'counter.callNext', {}))).toMatchObject({ number: 'A002' });
  });

  it('starts, parks and resumes, transfers keeping the arrival time, and finishes', async () => {
    host = await freshStation();
    const c3 = await login(host, counterAt(3), '1003');
    const c5 = await login(host, counterAt(5), '1006');
    const a1 = await issue(host, 'PAY');
    later(60);
    await issue(host, 'PAY');
    later(60);
    const b1 = await issue(host, 'NEW');
    must(await host.router.call(c3, 'counter.callNext', {}));
    expect(must(await host.router.call(c3, 'counter.start', { ticketId: a1.id }))).toMatchObject({ status: 'serving' });
    expect(
      must(await host.router.call(c3, 'counter.park', { ticketId: a1.id, reason: '客户回家取资料' })),
    ).toMatchObject({ status: 'parked' });
    // Parked frees the window for the next customer; resume waits until it is free again.
    expect(must(await host.router.call(c3, 'counter.callNext', {}))).toMatchObject({ number: 'A002' });
    expect(await host.router.call(c3, 'counter.resume', { ticketId: a1.id })).toMatchObject({
      ok: false,
      error: { code: 'conflict', message: expect.stringContaining('正在办理 A002') },
    });
    const a2 = (await panel(host, c3)).current!;
    // A002 needs 新装 too: transfer to the NEW type; it keeps its arrival and so goes before B001 at window 5.
    expect(
      must(await host.router.call(c3, 'counter.transfer', { ticketId: a2.id, toType: 'NEW', reason: '需办理新装' })),
    ).toMatchObject({ status: 'waiting', businessType: 'NEW', transfers: 1 });
    expect((await panel(host, c5)).waiting.map((t) => t.number)).toEqual(['A002', 'B001']);
    expect(must(await host.router.call(c3, 'counter.resume', { ticketId: a1.id }))).toMatchObject({
      status: 'serving',
      windowNo: 3,
    });
    expect(must(await host.router.call(c3, 'counter.finish', { ticketId: a1.id }))).toMatchObject({
      status: 'finished',
    });
    // Transfer to a window: only that window may call it.
    must(await host.router.call(c5, 'counter.callNext', {}));
    const atFive = (await panel(host, c5)).current!;
    expect(atFive.number).toBe('A002');
    must(await host.router.call(c5, 'counter.transfer', { ticketId: atFive.id, toWindow: 9 }));
    expect(must(await host.router.call(c5, 'counter.callNext', {}))).toMatchObject({ number: 'B001' });
    const c9 = await login(host, counterAt(9), '1008'); // 刘洋: 业扩 and 变更 skills, as window 9
    expect(must(await host.router.call(c9, 'counter.callNext', {}))).toMatchObject({ number: 'A002', windowNo: 9 });
    void b1;
  });

  it('calls a specific ticket only with a reason, and audits it', async () => {
    host = await freshStation();
    const c = await login(host, counterAt(3), '1003');
    await issue(host);
    const second = await issue(host);
    expect(await host.router.call(c, 'counter.callTicket', { ticketId: second.id, reason: ' ' })).toMatchObject({
      ok: false,
      error: { code: 'validation', field: 'reason' },
    });
    expect(
      must(await host.router.call(c, 'counter.callTicket', { ticketId: second.id, reason: '老人行动不便' })),
    ).toMatchObject({ number: 'A002', status: 'called' });
    const db = new Database(path.join(dataDir, 'station.db'), { readonly: true });
    const audit = db.prepare(`SELECT actor, action, detail FROM audit_log WHERE action = 'ticket.call'`).all() as {
      detail: string;
    }[];
    db.close();
    expect(audit).toHaveLength(1);
    expect(JSON.parse(audit[0]!.detail)).toMatchObject({ ticketNo: 'A002', windowNo: 3, reason: '老人行动不便' });
  });

  it('interleaves priority tickets by the fairness rule (2 normal, then 1 priority), FIFO within a class', async () => {
    host = await freshStation();
    const c = await login(host, counterAt(1), '1002');
    for (let i = 0; i < 5; i++) {
      await issue(host, 'PAY');
      later(5);
    }
    await issue(host, 'PAY', 'green');
    later(5);
    await issue(host, 'PAY', 'vip');
    const order: string[] = [];
    for (let i = 0; i < 7; i++) {
      const t = must<{ id: string; number: string; priority: string }>(
        await host.router.call(c, 'counter.callNext', {}),
      );
      order.push(t.priority === 'normal' ? t.number : `${t.number}*`);
      must(await host.router.call(c, 'counter.start', { ticketId: t.id }));
      must(await host.router.call(c, 'counter.finish', { ticketId: t.id }));
    }
    // A fresh window serves a waiting priority ticket first, then 2 normal, 1 priority.
    expect(order).toEqual(['A006*', 'A001', 'A002', 'A007*', 'A003', 'A004', 'A005']);
  });

  it('pauses with a reason and closes; a paused or closed window cannot call', async () => {
    host = await freshStation();
    const c = await login(host, counterAt(3), '1003');
    await issue(host);
    expect(await host.router.call(c, 'counter.setStatus', { status: 'paused' })).toMatchObject({
      ok: false,
      error: { code: 'validation', field: 'reason' },
    });
    expect(
      must(await host.router.call(c, 'counter.setStatus', { status: 'paused', reason: '系统故障' })),
    ).toMatchObject({ status: 'paused', reason: '系统故障' });
    expect(await host.router.call(c, 'counter.callNext', {})).toMatchObject({
      ok: false,
      error: { code: 'conflict', message: expect.stringContaining('暂停服务') },
    });
    must(await host.router.call(c, 'counter.setStatus', { status: 'closed' }));
    const before = fingerprint();
    expect(await host.router.call(c, 'counter.callNext', {})).toMatchObject({
      ok: false,
      error: { code: 'conflict', message: expect.stringContaining('未开放') },
    });
    expect(fingerprint()).toBe(before);
    must(await host.router.call(c, 'counter.setStatus', { status: 'open' }));
    expect(must(await host.router.call(c, 'counter.callNext', {}))).toMatchObject({ number: 'A001' });
    expect(await host.router.call(c, 'counter.setStatus', { status: 'closed' })).toMatchObject({
      ok: false,
      error: { code: 'conflict', message: expect.stringContaining('A001 未办结') },
    });
  });
});

describe('bad input changes nothing', () => {
  it('finishing a ticket you do not hold, a stale id, issuing past the cap or outside hours', async () => {
    host = await freshStation();
    const c3 = await login(host, counterAt(3), '1003');
    const c4 = await login(host, counterAt(4), '1005');
    await issue(host);
    must(await host.router.call(c3, 'counter.callNext', {}));
    const held = (await panel(host, c3)).current!;
    must(await host.router.call(c3, 'counter.start', { ticketId: held.id }));
    let before = fingerprint();
    expect(await host.router.call(c4, 'counter.finish', { ticketId: held.id })).toMatchObject({
      ok: false,
      error: { code: 'conflict', message: expect.stringContaining('不在窗口 4') },
    });
    expect(await host.router.call(c4, 'counter.finish', { ticketId: 'tk-gone-00000000' })).toMatchObject({
      ok: false,
      error: { code: 'not_found', message: expect.stringContaining('不存在') },
    });
    expect(await host.router.call(c3, 'counter.transfer', { ticketId: held.id })).toMatchObject({
      ok: false,
      error: { code: 'validation' },
    });
    expect(await host.router.call(c3, 'counter.transfer', { ticketId: held.id, toWindow: 3 })).toMatchObject({
      ok: false,
      error: { code: 'validation' },
    });
    expect(fingerprint()).toBe(before);

    // Manager sets a cap of 1 and morning-only hours for INV.
    const mgr: CallerContext = {
      connectionId: 'm',
      source: 'local:test',
      role: 'manager',
      windowNo: null,
      session: null,
    };
    must(await host.router.call(mgr, 'auth.login', { staffNo: '1001', pin: '123456' }));
    must(
      await host.router.call(mgr, 'manager.configureType', {
        type: {
          code: 'INV',
          prefix: 'A',
          dailyCap: 2,
          hours: [{ from: '08:30', to: '12:00' }],
          waitingWarnAt: 1,
          targetWaitMin: 20,
        },
      }),
    );
    must(await host.router.call(kiosk, 'queue.issueTicket', { businessType: 'INV' }));
    const warned = must<{ warning: { code: string; message: string } | null }>(
      await host.router.call(kiosk, 'queue.issueTicket', { businessType: 'INV' }),
    );
    expect(warned.warning).toMatchObject({ code: 'waiting_high', message: expect.stringContaining('超过预警值 1') });
    before = fingerprint();
    expect(await host.router.call(kiosk, 'queue.issueTicket', { businessType: 'INV' })).toMatchObject({
      ok: false,
      error: { code: 'conflict', message: expect.stringContaining('今日号已取完') },
    });
    expect(fingerprint()).toBe(before);
    must(
      await host.router.call(mgr, 'manager.configureType', {
        type: {
          code: 'INV',
          prefix: 'A',
          dailyCap: 100,
          hours: [{ from: '08:30', to: '12:00' }],
          waitingWarnAt: 30,
          targetWaitMin: 20,
        },
      }),
    );
    later(3 * 3600); // 13:00
    before = fingerprint();
    expect(await host.router.call(kiosk, 'queue.issueTicket', { businessType: 'INV' })).toMatchObject({
      ok: false,
      error: { code: 'conflict', message: expect.stringContaining('取号时间为 08:30–12:00') },
    });
    expect(fingerprint()).toBe(before);
  });

  it('two agents can never hold one window: the conflict names who holds it', async () => {
    host = await freshStation();
    await login(host, counterAt(3, 'first'), '1003');
    const second = await host.router.call(counterAt(3, 'second'), 'auth.login', { staffNo: '1004', pin: '123456' });
    expect(second).toMatchObject({
      ok: false,
      error: { code: 'conflict', message: expect.stringMatching(/3 号窗口已由 .+（工号 1003） 登录/) },
    });
  });

  it('one agent is logged in to one window once: a second browser is refused until the first logs out', async () => {
    host = await freshStation();
    const first = await login(host, counterAt(3, 'first-browser'), '1003');
    const secondBrowser = counterAt(3, 'second-browser');
    expect(await host.router.call(secondBrowser, 'auth.login', { staffNo: '1003', pin: '123456' })).toMatchObject({
      ok: false,
      error: { code: 'conflict', key: 'access.signedInElsewhere', params: { windowNo: 3 } },
    });
    expect(secondBrowser.session).toBeNull();
    // The first browser still works the window; logging in again there is not "elsewhere".
    must(await host.router.call(first, 'counter.panel', {}));
    await login(host, first, '1003');
    must(await host.router.call(first, 'auth.logout', {}));
    await login(host, secondBrowser, '1003');
    must(await host.router.call(secondBrowser, 'counter.panel', {}));
  });
});

describe('seeded staff skills', () => {
  it('an agent whose roster skills are the 收费 types never gets another type at a window that serves it, until the manager changes them', async () => {
    host = await freshStation();
    // 赵欣怡 (1014): seeded with PAY/CARD/INV only, no manager entry; window 11 serves every type.
    const c11 = await login(host, counterAt(11), '1014');
    const newConnection = await issue(host, 'NEW');
    later(30);
    const pay = await issue(host, 'PAY');
    const m: CallerContext = {
      connectionId: 'm',
      source: 'local:test',
      role: 'manager',
      windowNo: null,
      session: null,
    };
    await login(host, m, '1001');
    const cfg = must<{ staff: { staffNo: string; skills: string[] }[] }>(await host.router.call(m, 'queue.config', {}));
    expect(cfg.staff.find((x) => x.staffNo === '1014')?.skills).toEqual(['PAY', 'CARD', 'INV']);

    // NEW arrived first, but call-next skips it for this agent; the panel does not offer it either.
    expect(must(await host.router.call(c11, 'counter.callNext', {}))).toMatchObject({ id: pay.id });
    must(await host.router.call(c11, 'counter.start', { ticketId: pay.id }));
    must(await host.router.call(c11, 'counter.finish', { ticketId: pay.id }));
    expect((await panel(host, c11)).waiting.map((t) => t.number)).toEqual([]);
    expect(await host.router.call(c11, 'counter.callNext', {})).toEqual({ ok: true, value: null });
    // Not even as a specific call with a reason: the refusal is typed and nothing changes.
    const before = fingerprint();
    expect(
      await host.router.call(c11, 'counter.callTicket', { ticketId: newConnection.id, reason: '客户着急' }),
    ).toMatchObject({ ok: false, error: { code: 'conflict', message: expect.stringContaining('不办理「新装」') } });
    expect(fingerprint()).toBe(before);

    // An agent whose roster has 业扩 (1008 at window 9) takes it.
    const c9 = await login(host, counterAt(9), '1008');
    expect(must(await host.router.call(c9, 'counter.callNext', {}))).toMatchObject({ id: newConnection.id });
    // The manager's setting replaces the roster's: 1014 may now serve NEW only, and PAY no longer.
    must(await host.router.call(m, 'manager.configureSkills', { staffId: 'S1014', skills: ['NEW'] }));
    const pay2 = await issue(host, 'PAY');
    const new2 = await issue(host, 'NEW');
    expect(must(await host.router.call(c11, 'counter.callNext', {}))).toMatchObject({ id: new2.id });
    expect((await panel(host, c9)).waiting.map((t) => t.number)).toEqual([]);
    void pay2;
  });
});

describe('guide desk: appointment check-in and re-classify', () => {
  it('checks in a seeded appointment once (by code, then by phone for the next one) and re-classifies keeping arrival', async () => {
    host = await freshStation();
    clock.t = Date.now(); // the seeded appointments are for the seven days from seeding
    const day = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date(clock.t));
    const guide: CallerContext = {
      connectionId: 'g',
      source: 'local:test',
      role: 'guide',
      windowNo: null,
      session: null,
    };
    must(await host.router.call(guide, 'auth.login', { staffNo: '1018', pin: '123456' }));
    const code = `AP${day.slice(8, 10)}01`;
    const first = must<{ ticket: { priority: string; businessType: string }; appointment: { code: string } }>(
      await host.router.call(guide, 'queue.checkIn', { code }),
    );
    expect(first).toMatchObject({ ticket: { priority: 'appointment', businessType: 'NEW' }, appointment: { code } });
    expect(await host.router.call(guide, 'queue.checkIn', { code })).toMatchObject({
      ok: false,
      error: { code: 'conflict', message: expect.stringContaining('已签到') },
    });
    expect(await host.router.call(guide, 'queue.checkIn', { code: 'ZZZZZZ' })).toMatchObject({
      ok: false,
      error: { code: 'not_found' },
    });
    expect(await host.router.call(guide, 'queue.checkIn', {})).toMatchObject({
      ok: false,
      error: { code: 'validation' },
    });
    expect(must(await host.router.call(guide, 'queue.checkIn', { phone: '13912345678' }))).toMatchObject({
      ticket: { businessType: 'CAP' },
    });

    const paid = await issue(host, 'PAY');
    const moved = must<{ businessType: string; issuedAt: string; number: string }>(
      await host.router.call(guide, 'guide.reclassify', { ticketId: paid.id, toType: 'INV', reason: '客户要开发票' }),
    );
    expect(moved).toMatchObject({ businessType: 'INV', number: paid.number });
    expect(await host.router.call(guide, 'guide.reclassify', { ticketId: paid.id, toType: 'NOPE' })).toMatchObject({
      ok: false,
      error: { code: 'validation' },
    });
    expect(await host.router.call(kiosk, 'guide.reclassify', { ticketId: paid.id, toType: 'PAY' })).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    // The live position page (QR on the slip) answers for the ticket.
    expect(must(await host.router.call(kiosk, 'queue.position', { ticketId: paid.id }))).toMatchObject({
      number: paid.number,
      status: 'waiting',
      businessType: 'INV',
    });
    expect(await host.router.call(kiosk, 'queue.position', { ticketId: 'tk-nope-0000' })).toMatchObject({
      ok: false,
      error: { code: 'not_found' },
    });
  });
});

describe('day reset', () => {
  it('closes yesterday’s unfinished tickets as abandoned at the reset time and restarts numbering', async () => {
    host = await freshStation();
    const c = await login(host, counterAt(3), '1003');
    await issue(host);
    await issue(host);
    must(await host.router.call(c, 'counter.callNext', {}));
    clock.t = Date.parse('2026-11-23T18:30:00.000Z'); // 02:30 next day: before the 03:00 reset
    expect(await host.queue.runDayReset()).toBe(0);
    clock.t = Date.parse('2026-11-23T19:05:00.000Z'); // 03:05
    expect(await host.queue.runDayReset()).toBe(2);
    const db = new Database(path.join(dataDir, 'station.db'), { readonly: true });
    const statuses = db.prepare(`SELECT status FROM tickets WHERE day = '2026-11-23'`).all() as { status: string }[];
    db.close();
    expect(statuses.map((s) => s.status)).toEqual(['abandoned', 'abandoned']);
    clock.t = Date.parse('2026-11-24T01:00:00.000Z'); // 09:00
    expect((await issue(host)).number).toBe('A001');
  });
});

describe('concurrent callers never get the same ticket', () => {
  it('on one station: eight counters call at once', async () => {
    host = await freshStation();
    const counters = [];
    for (let w = 1; w <= 4; w++) counters.push(await login(host, counterAt(w), String(1001 + w)));
    counters.push(await login(host, counterAt(11), '1016'), await login(host, counterAt(12), '1013')); // every agent here may serve PAY
    for (let i = 0; i < 6; i++) await issue(host);
    const results = await Promise.all(counters.map((c) => host.router.call(c, 'counter.callNext', {})));
    const numbers = results.map((r) => must<{ number: string }>(r).number);
    expect(new Set(numbers).size).toBe(6);
    expect(numbers.sort()).toEqual(['A001', 'A002', 'A003', 'A004', 'A005', 'A006']);
  });
});

describe('two stations through the central', () => {
  let central: CentralServer;
  let centralDb: string;
  const stations: StationHost[] = [];
  const dataDirs: string[] = [];
  beforeAll(async () => {
    clock.t = T0;
    const root = makeTempDir('queue-two-');
    centralDb = path.join(seededDataDir('central.db', path.join(root, 'central')), 'central.db');
    central = await startCentral({ dbFile: centralDb, clock: () => clock.now() });
    for (const name of ['a', 'b']) {
      dataDirs.push(seededDataDir('station.db', path.join(root, name)));
      stations.push(
        await startStationHost({
          dataDir: dataDirs.at(-1)!,
          centralUrl: central.url,
          enrollCode: central.issueEnrollmentCode('H001', 'hall'),
          clock,
        }),
      );
    }
  });
  afterAll(async () => {
    for (const s of stations) await s.close();
    await central?.close();
  });

  it('counters on two stations call at once: the central lets exactly one call per ticket win', async () => {
    const [a, b] = stations as [StationHost, StationHost];
    for (let i = 0; i < 3; i++) must(await a.router.call(kiosk, 'queue.issueTicket', { businessType: 'PAY' }));
    await a.sync!.idle();
    await b.sync!.trigger();
    await b.sync!.idle();
    // Hold both stations' pushes so both pick from the same replica state, then push both at once.
    a.sync!.stop();
    b.sync!.stop();
    const ca = await login(a, counterAt(1), '1002');
    const cb = await login(b, counterAt(2), '1004');
    const [ra, rb] = await Promise.all([
      a.router.call(ca, 'counter.callNext', {}),
      b.router.call(cb, 'counter.callNext', {}),
    ]);
    expect([must<{ number: string }>(ra).number, must<{ number: string }>(rb).number]).toEqual(['A001', 'A001']);
    // The station keeps its token sealed with its own key: open it as the sync client does.
    const tokenOf = async (h: StationHost) =>
      openToken(
        new PersonalDataCipher(loadOrCreateKey(keyDirFor(dataDirs[stations.indexOf(h)]!))),
        (await h.storage.run('syncCredentials'))!.token,
      ).token;
    const push = async (h: StationHost) =>
      (await (
        await fetch(`${central.url}/v1/push`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${await tokenOf(h)}` },
          body: JSON.stringify({
            clientId: h.storage.stationId,
            hallId: 'H001',
            mutations: await h.storage.run('outbox', { limit: 100 }),
          }),
        })
      ).json()) as { rejected: { code: string; message: string }[] };
    const [pa, pb] = await Promise.all([push(a), push(b)]);
    const rejected = [...pa.rejected, ...pb.rejected];
    expect(rejected).toEqual([expect.objectContaining({ code: 'conflict' })]);
    const db = new Database(centralDb, { readonly: true });
    const calls = db.prepare(`SELECT window_no FROM calls WHERE ticket_no = 'A001'`).all();
    const ticket = db.prepare(`SELECT status, window_no FROM tickets WHERE number = 'A001'`).get() as {
      status: string;
      window_no: number;
    };
    db.close();
    expect(calls).toHaveLength(1);
    expect(ticket.status).toBe('called');
    expect([1, 2]).toContain(ticket.window_no);
  });
});
