import path from 'node:path';
import fc from 'fast-check';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startCentral, type CentralServer } from '../../central/server';
import type { QueueSnapshot } from '@common/api/schemas';
import type { CallerContext } from '../../main/services/caller';
import { startStationHost, type StationHost } from '../../main/host';
import { callText, DEFAULT_SETTINGS, effectiveDisplay } from '../../renderer/areas/display/display-settings';
import { makeTempDir, seededDataDir } from '../support/hall-fixture';
import { nextEvent } from '../support/events';

/**
 * Queue configuration that reaches the hall: notices, voice and the announcement template set on
 * the manager's station reach a display on another station through the central; staff skills set
 * the same way narrow what call-next gives an agent (a random property over real stations).
 */
const T0 = Date.parse('2026-11-23T02:00:00.000Z'); // 10:00 in the hall
const clock = {
  t: T0,
  now() {
    return new Date(this.t);
  },
};
const kiosk: CallerContext = {
  connectionId: 'kiosk',
  source: 'local:test',
  role: 'kiosk',
  windowNo: null,
  session: null,
};
type Ok<T> = { ok: true; value: T };
function must<T = Record<string, unknown>>(r: { ok: boolean; value?: unknown; error?: unknown }): T {
  if (!r.ok) throw new Error(`expected ok, got ${JSON.stringify(r.error)}`);
  return (r as Ok<T>).value;
}
async function login(h: StationHost, c: CallerContext, staffNo: string) {
  must(await h.router.call(c, 'auth.login', { staffNo, pin: '123456' }));
  return c;
}
const managerCtx = (): CallerContext => ({
  connectionId: `m-${Math.random()}`,
  source: 'local:test',
  role: 'manager',
  windowNo: null,
  session: null,
});

describe('hall configuration through the central', () => {
  let central: CentralServer;
  let manager: StationHost;
  let display: StationHost;
  let counter: StationHost;
  beforeAll(async () => {
    clock.t = T0;
    const root = makeTempDir('queue-config-');
    central = await startCentral({
      dbFile: path.join(seededDataDir('central.db', path.join(root, 'central')), 'central.db'),
      clock: () => clock.now(), // one clock for the whole hall: the central numbers online tickets into its day
    });
    const station = (name: string, role: 'manager' | 'display' | 'hall') =>
      startStationHost({
        dataDir: seededDataDir('station.db', path.join(root, name)),
        centralUrl: central.url,
        enrollCode: central.issueEnrollmentCode('H001', role),
        clock,
      });
    manager = await station('manager', 'manager');
    display = await station('display', 'display');
    counter = await station('counter', 'hall'); // issues (kiosk) and calls (counter)
  });
  afterAll(async () => {
    for (const s of [manager, display, counter]) await s?.close();
    await central?.close();
  });
  /** Push what `from` wrote, then pull it on `to`. */
  async function syncFromTo(from: StationHost, to: StationHost) {
    await from.sync!.trigger();
    await from.sync!.idle();
    await to.sync!.trigger();
    await to.sync!.idle();
  }

  it('notices, voice and template set on the manager station are what a display on another station announces', async () => {
    const m = await login(manager, managerCtx(), '1001');
    const before = must<{ settings: Record<string, unknown> }>(await manager.router.call(m, 'queue.config', {}));
    const settings = {
      ...before.settings,
      announcementTemplate: '{number} 号顾客请到 {window} 号窗口',
      voiceRate: 1.2,
      voiceVolume: 0.7,
      notices: ['今日 12 号窗口办理新装', '  午间照常办理 '],
    };
    must(await manager.router.call(m, 'manager.configureQueue', { settings }));

    const changed = nextEvent(display.events, 'queue.changed');
    await syncFromTo(manager, display);
    await changed;
    const tv: CallerContext = {
      connectionId: 'tv',
      source: 'local:test',
      role: 'display',
      windowNo: null,
      session: null,
    };
    const snap = must<QueueSnapshot>(await display.router.call(tv, 'queue.snapshot', {}));
    expect(snap.display).toEqual({
      announcementTemplate: '{number} 号顾客请到 {window} 号窗口',
      voiceRate: 1.2,
      voiceVolume: 0.7,
      notices: ['今日 12 号窗口办理新装', '午间照常办理'],
    });

    // A call at the counter station reaches the display station as a call in the new words.
    const ticket = must<{ ticket: { number: string } }>(
      await counter.router.call(kiosk, 'queue.issueTicket', { businessType: 'PAY' }),
    ).ticket;
    const c = await login(
      counter,
      { connectionId: 'c12', source: 'local:test', role: 'counter', windowNo: 12, session: null },
      '1013',
    );
    must(await counter.router.call(c, 'counter.callNext', {}));
    const called = nextEvent(display.events, 'ticket.called', (e) => e.ticketNo === ticket.number);
    await syncFromTo(counter, display);
    const call = await called;
    const after = must<QueueSnapshot>(await display.router.call(tv, 'queue.snapshot', {}));
    const shown = effectiveDisplay(DEFAULT_SETTINGS, after.display);
    expect(callText(shown, call)).toBe(`${ticket.number} 号顾客请到 12 号窗口`);
    expect(after.recentCalls.find((x) => x.ticketNo === ticket.number)?.text).toBe(
      `${ticket.number} 号顾客请到 12 号窗口`,
    );
    expect(shown).toMatchObject({ rate: 1.2, volume: 0.7 });
  });

  it('a bad template or notice is refused on screen and changes nothing', async () => {
    const m = await login(manager, managerCtx(), '1001');
    const before = must<{ settings: Record<string, unknown> }>(await manager.router.call(m, 'queue.config', {}));
    const noWindow = await manager.router.call(m, 'manager.configureQueue', {
      settings: { ...before.settings, announcementTemplate: '请 {number} 号办理' },
    });
    expect(noWindow).toMatchObject({ ok: false, error: { code: 'validation' } });
    const tooMany = await manager.router.call(m, 'manager.configureQueue', {
      settings: { ...before.settings, notices: Array.from({ length: 11 }, (_, i) => `公告 ${i}`) },
    });
    expect(tooMany).toMatchObject({ ok: false, error: { code: 'validation' } });
    expect(must<{ settings: unknown }>(await manager.router.call(m, 'queue.config', {})).settings).toEqual(
      before.settings,
    );
  });

  it('skills set on the manager station restrict call-next on the counter station; bad skills change nothing', async () => {
    const m = await login(manager, managerCtx(), '1001');
    const cfg = must<{ staff: { id: string; staffNo: string; skills: string[] }[] }>(
      await manager.router.call(m, 'manager.configureSkills', { staffId: 'S1016', skills: ['INV'] }),
    );
    expect(cfg.staff.find((s) => s.staffNo === '1016')?.skills).toEqual(['INV']);
    expect(
      await manager.router.call(m, 'manager.configureSkills', { staffId: 'S9999', skills: ['PAY'] }),
    ).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(await manager.router.call(m, 'manager.configureSkills', { staffId: 'S1016', skills: [] })).toMatchObject({
      ok: false,
      error: { code: 'validation' },
    });
    expect(
      await manager.router.call(m, 'manager.configureSkills', { staffId: 'S1016', skills: ['NOPE'] }),
    ).toMatchObject({ ok: false, error: { code: 'validation' } });
    // A settings save made from an older view keeps the skills.
    const view = must<{ settings: Record<string, unknown> }>(await manager.router.call(m, 'queue.config', {}));
    must(await manager.router.call(m, 'manager.configureQueue', { settings: { ...view.settings, staffSkills: {} } }));
    await syncFromTo(manager, counter);

    const pay = must<{ ticket: { number: string } }>(
      await counter.router.call(kiosk, 'queue.issueTicket', { businessType: 'PAY' }),
    ).ticket;
    const inv = must<{ ticket: { number: string } }>(
      await counter.router.call(kiosk, 'queue.issueTicket', { businessType: 'INV' }),
    ).ticket;
    const c = await login(
      counter,
      { connectionId: 'c4', source: 'local:test', role: 'counter', windowNo: 4, session: null },
      '1016',
    );
    const first = must<{ number: string; businessType: string }>(await counter.router.call(c, 'counter.callNext', {}));
    expect(first).toMatchObject({ number: inv.number, businessType: 'INV' });
    must(await counter.router.call(c, 'counter.start', { ticketId: (first as unknown as { id: string }).id }));
    must(await counter.router.call(c, 'counter.finish', { ticketId: (first as unknown as { id: string }).id }));
    // PAY is still waiting and window 4 serves it — but 1016 may not.
    expect(must(await counter.router.call(c, 'counter.callNext', {}))).toBeNull();
    const snap = must<QueueSnapshot>(await counter.router.call(kiosk, 'queue.snapshot', {}));
    expect(snap.waiting.map((t) => t.number)).toContain(pay.number);
  });
});

describe('skills property: call-next never gives an agent a type outside their skills', () => {
  let host: StationHost;
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0)) await c();
  });

  it('holds over random skills and random arrivals at window 11 (every type)', async () => {
    clock.t = T0;
    host = await startStationHost({ dataDir: seededDataDir('station.db', makeTempDir('skills-prop-')), clock });
    cleanups.push(host.close);
    const m = await login(host, managerCtx(), '1001');
    const c = await login(
      host,
      { connectionId: 'c11', source: 'local:test', role: 'counter', windowNo: 11, session: null },
      '1005',
    );
    const TYPES = ['PAY', 'INV', 'CARD', 'NEW', 'FAULT', 'ASK'] as const;
    await fc.assert(
      fc.asyncProperty(
        fc.subarray([...TYPES], { minLength: 1 }),
        fc.array(fc.constantFrom(...TYPES), { minLength: 1, maxLength: 12 }),
        async (skills, arrivals) => {
          must(await host.router.call(m, 'manager.configureSkills', { staffId: 'S1005', skills }));
          for (const t of arrivals) {
            clock.t += 1000;
            must(await host.router.call(kiosk, 'queue.issueTicket', { businessType: t }));
          }
          for (;;) {
            clock.t += 1000;
            const t = must<{ id: string; businessType: string } | null>(
              await host.router.call(c, 'counter.callNext', {}),
            );
            if (!t) break;
            expect(skills).toContain(t.businessType);
            must(await host.router.call(c, 'counter.start', { ticketId: t.id }));
            must(await host.router.call(c, 'counter.finish', { ticketId: t.id }));
          }
          // Nothing the agent may serve is left waiting; everything left is outside their skills.
          const left = must<QueueSnapshot>(await host.router.call(kiosk, 'queue.snapshot', {})).waiting;
          for (const t of left) expect(skills).not.toContain(t.businessType);
          // Clear the rest for the next run, with an agent who may serve every type.
          must(await host.router.call(m, 'manager.configureSkills', { staffId: 'S1005', skills: [...TYPES] }));
          for (;;) {
            const t = must<{ id: string } | null>(await host.router.call(c, 'counter.callNext', {}));
            if (!t) break;
            must(await host.router.call(c, 'counter.start', { ticketId: t.id }));
            must(await host.router.call(c, 'counter.finish', { ticketId: t.id }));
          }
        },
      ),
      { numRuns: 15 },
    );
  });
});
