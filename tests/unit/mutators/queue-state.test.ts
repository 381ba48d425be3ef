import { beforeEach, describe, expect, it } from 'vitest';
import type { MutationContext } from '@common/mutators';
import {
  agentSkills,
  loadSettings,
  loadTicketRow,
  loadTypeSettings,
  loadWindow,
  machineConfig,
  saveWindow,
  toQueueTicket,
  windowStateId,
  windowView,
  writeTicket,
  type QueueTicketRow,
} from '@common/mutators/queue-state';
import { DEFAULT_QUEUE_SETTINGS, QueueSettings } from '@common/queue/settings';
import { DEFAULT_QUEUE_CONFIG } from '@common/queue/ticket-state';
import { BUSINESS_TYPE_CODES } from '@common/domain/business-types';
import { sqliteTx } from '../../../node/sqlite/sqlite-tx';
import { failureOf, openMutatorDb, type MutatorDb } from '../../support/mutator-db';

/** What the queue mutators read from the rows before asking the queue core, and write back after. */
let m: MutatorDb;
let ctx: MutationContext;
let windowNo: number;
let windowTypes: string[];
const settings = (over: object = {}) => QueueSettings.parse(over);
beforeEach(() => {
  m = openMutatorDb();
  ctx = { tx: sqliteTx(m.db), side: 'station', changed: (e, id) => m.changed.push(`${e}:${id}`) };
  for (const t of ['window_state', 'window_sessions', 'queue_settings', 'queue_type_config'])
    m.db.prepare(`DELETE FROM ${t}`).run();
  const w = m.row<{ window_no: number; business_types: string }>(
    `SELECT window_no, business_types FROM windows WHERE hall_id = 'H001' ORDER BY window_no LIMIT 1`,
  )!;
  windowNo = w.window_no;
  windowTypes = JSON.parse(w.business_types) as string[];
});

describe('windows', () => {
  it('load as open, serving the configured types at priority 1, with fresh fairness and no agent, until set', () => {
    const w = loadWindow(ctx.tx, 'H001', windowNo, DEFAULT_QUEUE_SETTINGS);
    expect(w).toEqual({
      windowNo,
      status: 'open',
      reason: null,
      types: windowTypes.map((code) => ({ code, priority: 1 })),
      fairness: { normalsSincePriority: 2, prioritiesInBlock: 0, recent: [] },
      agentId: null,
    });
  });

  it('refuse a window the hall does not have', () => {
    const f = failureOf(() => loadWindow(ctx.tx, 'H001', 98, DEFAULT_QUEUE_SETTINGS));
    expect(f.code).toBe('not_found');
    expect(f.params).toEqual({ windowNo: 98 });
    expect(failureOf(() => loadWindow(ctx.tx, 'H404', windowNo, DEFAULT_QUEUE_SETTINGS)).code).toBe('not_found');
  });

  it('keep what was saved: status, reason, types and fairness, each independently', () => {
    saveWindow(ctx, 'H001', { windowNo, status: 'paused', reason: '午休' }, 't1');
    expect(m.changed).toEqual([`windowState:H001/${windowNo}`]);
    saveWindow(ctx, 'H001', { windowNo, types: [{ code: 'PAY', priority: 5 }] }, 't2');
    saveWindow(
      ctx,
      'H001',
      { windowNo, fairness: { normalsSincePriority: 1, prioritiesInBlock: 1, recent: ['priority'] } as never },
      't3',
    );
    const w = loadWindow(ctx.tx, 'H001', windowNo, DEFAULT_QUEUE_SETTINGS);
    expect(w).toMatchObject({
      status: 'paused',
      reason: '午休',
      types: [{ code: 'PAY', priority: 5 }],
      fairness: { normalsSincePriority: 1, prioritiesInBlock: 1 },
    });
    saveWindow(ctx, 'H001', { windowNo, status: 'open', reason: null }, 't4');
    expect(loadWindow(ctx.tx, 'H001', windowNo, DEFAULT_QUEUE_SETTINGS)).toMatchObject({
      status: 'open',
      reason: null,
      types: [{ code: 'PAY', priority: 5 }],
    });
    expect(m.row('SELECT id, hall_id, window_no, updated_at FROM window_state')).toEqual({
      id: windowStateId('H001', windowNo),
      hall_id: 'H001',
      window_no: windowNo,
      updated_at: 't4',
    });
  });

  it('save a new window state as open with nothing else set', () => {
    saveWindow(ctx, 'H001', { windowNo }, 't1');
    expect(m.row('SELECT status, reason, types, fairness FROM window_state')).toEqual({
      status: 'open',
      reason: null,
      types: null,
      fairness: null,
    });
  });

  it("take the fairness rule's start from the hall's interleave setting", () => {
    const w = loadWindow(ctx.tx, 'H001', windowNo, settings({ interleave: { normal: 4, priority: 1 } }));
    expect(w.fairness.normalsSincePriority).toBe(4);
  });

  it('name the agent of the latest open session at the window', () => {
    const open = m.db.prepare(
      `INSERT INTO window_sessions (id, hall_id, window_no, staff_id, signed_in_at, signed_out_at) VALUES (?, 'H001', ?, ?, ?, ?)`,
    );
    open.run('s1', windowNo, 'agent-early', '2026-11-23T00:00:00.000Z', null);
    open.run('s2', windowNo, 'agent-late', '2026-11-23T01:00:00.000Z', null);
    open.run('s3', windowNo, 'agent-gone', '2026-11-23T02:00:00.000Z', '2026-11-23T03:00:00.000Z');
    open.run('s4', windowNo + 1, 'agent-next', '2026-11-23T04:00:00.000Z', null);
    expect(loadWindow(ctx.tx, 'H001', windowNo, DEFAULT_QUEUE_SETTINGS).agentId).toBe('agent-late');
  });
});

describe('the window an agent acts at', () => {
  const ticket = (id: string, status: string, win: number | null, hall = 'H001') =>
    m.db
      .prepare(
        `INSERT INTO tickets (id, hall_id, day, number, business_type, status, issued_at, issued_by, window_no) VALUES (?, ?, '2026-11-23', ?, 'PAY', ?, 't', 'x', ?)`,
      )
      .run(id, hall, `N${id}`, status, win);
  const base = () => ({
    ...loadWindow(ctx.tx, 'H001', windowNo, DEFAULT_QUEUE_SETTINGS),
    types: [
      { code: 'PAY', priority: 1 },
      { code: 'NEW', priority: 1 },
    ],
  });
  beforeEach(() => m.db.prepare(`DELETE FROM tickets`).run());

  it('serves only the types the acting agent may serve, and all of them for an agent with no skills on record', () => {
    const s = settings({ staffSkills: { 'agent-pay': ['PAY'] } });
    expect(windowView(ctx.tx, 'H001', base(), 'agent-pay', 'tk-x', s).businessTypes).toEqual(['PAY']);
    expect(windowView(ctx.tx, 'H001', base(), 'agent-free', 'tk-x', s).businessTypes).toEqual(['PAY', 'NEW']);
    expect(windowView(ctx.tx, 'H001', { ...base(), agentId: 'agent-pay' }, null, 'tk-x', s)).toMatchObject({
      agentId: 'agent-pay',
      businessTypes: ['PAY'],
    });
    expect(windowView(ctx.tx, 'H001', base(), null, 'tk-x', s)).toMatchObject({
      agentId: null,
      businessTypes: ['PAY', 'NEW'],
    });
  });

  it('holds the ticket called or in service there, other than the one acted on', () => {
    ticket('tk-1', 'called', windowNo);
    expect(windowView(ctx.tx, 'H001', base(), null, 'tk-9', DEFAULT_QUEUE_SETTINGS).holding).toEqual({
      id: 'tk-1',
      number: 'Ntk-1',
    });
    expect(windowView(ctx.tx, 'H001', base(), null, 'tk-1', DEFAULT_QUEUE_SETTINGS).holding).toBeNull();
    m.db.prepare(`UPDATE tickets SET status = 'serving'`).run();
    expect(windowView(ctx.tx, 'H001', base(), null, 'tk-9', DEFAULT_QUEUE_SETTINGS).holding?.id).toBe('tk-1');
  });

  it('is not held by a ticket waiting, finished, parked, at another window or in another hall', () => {
    ticket('tk-2', 'waiting', windowNo);
    ticket('tk-3', 'finished', windowNo);
    ticket('tk-4', 'parked', windowNo);
    ticket('tk-5', 'called', windowNo + 1);
    ticket('tk-6', 'serving', windowNo, 'H002');
    expect(windowView(ctx.tx, 'H001', base(), null, 'tk-9', DEFAULT_QUEUE_SETTINGS)).toMatchObject({
      windowNo,
      status: 'open',
      holding: null,
    });
  });
});

describe('agent skills', () => {
  const roster = (staffId: string, skills: string) =>
    m.db
      .prepare(
        `INSERT OR REPLACE INTO staff (id, hall_id, staff_no, name, role, skills, pin_hash) VALUES (?, 'H001', ?, 'x', 'agent', ?, 'h')`,
      )
      .run(staffId, `no-${staffId}`, skills);

  it("are the manager's setting first, else the roster's, else unrestricted", () => {
    roster('agent-r', '["PAY","NEW"]');
    expect(agentSkills(ctx.tx, settings({ staffSkills: { 'agent-r': ['CAP'] } }), 'agent-r')).toEqual(['CAP']);
    expect(agentSkills(ctx.tx, DEFAULT_QUEUE_SETTINGS, 'agent-r')).toEqual(['PAY', 'NEW']);
    expect(agentSkills(ctx.tx, DEFAULT_QUEUE_SETTINGS, 'agent-none')).toBeNull();
  });

  it('restrict nothing for an empty, malformed or non-list roster entry, and keep only the codes of a mixed list', () => {
    for (const [id, raw] of [
      ['a1', '[]'],
      ['a2', 'not json'],
      ['a3', '{"PAY":1}'],
      ['a4', ''],
      ['a5', '[1,2]'],
    ] as const) {
      roster(id, raw);
      expect(agentSkills(ctx.tx, DEFAULT_QUEUE_SETTINGS, id), raw).toBeNull();
    }
    roster('a6', '["PAY",3,null,"NEW"]');
    expect(agentSkills(ctx.tx, DEFAULT_QUEUE_SETTINGS, 'a6')).toEqual(['PAY', 'NEW']);
  });
});

describe('settings', () => {
  const store = (config: string) =>
    m.db.prepare(`INSERT INTO queue_settings (hall_id, config, updated_at) VALUES ('H001', ?, 't')`).run(config);

  it("are the hall's stored settings, or the defaults when none are stored or they no longer parse", () => {
    expect(loadSettings(ctx.tx, 'H001')).toEqual(DEFAULT_QUEUE_SETTINGS);
    store('{"maxRecalls":5}');
    expect(loadSettings(ctx.tx, 'H001').maxRecalls).toBe(5);
    expect(loadSettings(ctx.tx, 'H002')).toEqual(DEFAULT_QUEUE_SETTINGS);
    m.db.prepare(`UPDATE queue_settings SET config = '{"maxRecalls":-1}'`).run();
    expect(loadSettings(ctx.tx, 'H001')).toEqual(DEFAULT_QUEUE_SETTINGS);
  });

  it("give the state machine the hall's recall rules and the hall's business types", () => {
    const c = machineConfig(ctx.tx, settings({ maxRecalls: 4, recallMinGapSec: 60, noShowAfterCalls: 5 }));
    const codes = m.rows<{ code: string }>('SELECT code FROM business_types').map((r) => r.code);
    expect(c).toEqual({
      ...DEFAULT_QUEUE_CONFIG,
      maxRecalls: 4,
      recallMinGapSec: 60,
      noShowAfterCalls: 5,
      knownTypes: codes,
    });
    m.db.prepare('DELETE FROM business_types').run();
    expect(machineConfig(ctx.tx, DEFAULT_QUEUE_SETTINGS).knownTypes).toEqual([...BUSINESS_TYPE_CODES]);
  });
});

describe('type settings', () => {
  it('are the stored config of the type in that hall', () => {
    m.db
      .prepare(
        `INSERT INTO queue_type_config (id, hall_id, code, prefix, daily_cap, hours, waiting_warn_at, target_wait_min, updated_at) VALUES ('H001/PAY', 'H001', 'PAY', 'P', 50, '[{"from":"09:00","to":"12:00"}]', 12, 15, 't')`,
      )
      .run();
    expect(loadTypeSettings(ctx.tx, 'H001', 'PAY')).toEqual({
      code: 'PAY',
      prefix: 'P',
      dailyCap: 50,
      hours: [{ from: '09:00', to: '12:00' }],
      waitingWarnAt: 12,
      targetWaitMin: 15,
    });
  });

  it("fall back to the hall's business type, issued all day", () => {
    const bt = m.row<{ prefix: string; daily_cap: number; target_wait_min: number }>(
      `SELECT prefix, daily_cap, target_wait_min FROM business_types WHERE code = 'PAY'`,
    )!;
    expect(loadTypeSettings(ctx.tx, 'H002', 'PAY')).toEqual({
      code: 'PAY',
      prefix: bt.prefix,
      dailyCap: bt.daily_cap,
      hours: [{ from: '00:00', to: '24:00' }],
      waitingWarnAt: 30,
      targetWaitMin: bt.target_wait_min,
    });
  });

  it('fall back to the built-in business type when the hall has none, and to nothing for an unknown code', () => {
    m.db.prepare('DELETE FROM business_types').run();
    expect(loadTypeSettings(ctx.tx, 'H001', 'PAY')).toEqual({
      code: 'PAY',
      prefix: 'A',
      dailyCap: 999,
      hours: [{ from: '00:00', to: '24:00' }],
      waitingWarnAt: 30,
      targetWaitMin: 20,
    });
    expect(loadTypeSettings(ctx.tx, 'H001', 'XYZ')).toBeNull();
  });
});

describe('ticket rows', () => {
  const insert = () =>
    m.db
      .prepare(
        `INSERT INTO tickets (id, hall_id, day, number, business_type, priority, status, issued_at, issued_by, called_at, call_count, window_no, staff_id)
         VALUES ('tk-1', 'H001', '2026-11-23', 'A001', 'PAY', 'priority', 'called', '2026-11-23T01:00:00.000Z', 'x', '2026-11-23T01:05:00.000Z', 1, 3, 'agent-1')`,
      )
      .run();
  beforeEach(() => m.db.prepare('DELETE FROM tickets').run());

  it('load as the queue core sees them, times in milliseconds', () => {
    insert();
    m.db
      .prepare(
        `UPDATE tickets SET no_show_at = '2026-11-23T01:10:00.000Z', appointment_at = '2026-11-23T01:30:00.000Z', target_window = 4, target_agent = 'agent-4', transfers = 1, round_calls = 2`,
      )
      .run();
    const t = toQueueTicket(loadTicketRow(ctx.tx, 'tk-1'));
    expect(t).toEqual({
      id: 'tk-1',
      number: 'A001',
      businessType: 'PAY',
      priorityClass: 'priority',
      arrivalAt: Date.parse('2026-11-23T01:00:00.000Z'),
      appointmentAt: Date.parse('2026-11-23T01:30:00.000Z'),
      status: 'called',
      windowNo: 3,
      agentId: 'agent-1',
      target: { windowNo: 4, agentId: 'agent-4' },
      calls: [],
      roundCalls: 2,
      lastCallAt: Date.parse('2026-11-23T01:05:00.000Z'),
      startedAt: null,
      finishedAt: null,
      parkedAt: null,
      endedAt: null,
      noShowAt: [Date.parse('2026-11-23T01:10:00.000Z')],
      transfers: 1,
      version: expect.any(Number),
    });
    m.db.prepare(`UPDATE tickets SET no_show_at = NULL`).run();
    expect(toQueueTicket(loadTicketRow(ctx.tx, 'tk-1')).noShowAt).toEqual([]);
  });

  it('refuse a ticket that does not exist', () => {
    expect(failureOf(() => loadTicketRow(ctx.tx, 'tk-404')).code).toBe('not_found');
  });

  it('write back the new state, counting the calls made, and only over the version read', () => {
    insert();
    const before = loadTicketRow(ctx.tx, 'tk-1');
    const t = toQueueTicket(before);
    writeTicket(
      ctx,
      before,
      {
        ...t,
        status: 'serving',
        calls: [{ at: 1, windowNo: 3, agentId: 'agent-1', recall: true }],
        startedAt: Date.parse('2026-11-23T01:06:00.000Z'),
        noShowAt: [Date.parse('2026-11-23T01:01:00.000Z'), Date.parse('2026-11-23T01:02:00.000Z')],
        version: before.version + 1,
      },
      { transferredFrom: 'tk-0', note: '备注' },
    );
    expect(
      m.row('SELECT status, call_count, started_at, no_show_at, version, transferred_from, note FROM tickets'),
    ).toEqual({
      status: 'serving',
      call_count: 2,
      started_at: '2026-11-23T01:06:00.000Z',
      no_show_at: '2026-11-23T01:02:00.000Z',
      version: before.version + 1,
      transferred_from: 'tk-0',
      note: '备注',
    });
    expect(m.changed).toEqual(['ticket:tk-1']);
    // A write over a stale version changes nothing; one without a note keeps the note.
    writeTicket(ctx, before, { ...t, status: 'waiting' });
    expect(m.row('SELECT status FROM tickets')).toEqual({ status: 'serving' });
    const again = loadTicketRow(ctx.tx, 'tk-1');
    writeTicket(ctx, again, { ...toQueueTicket(again), version: again.version + 1 });
    expect(m.row('SELECT transferred_from, note, call_count FROM tickets')).toEqual({
      transferred_from: 'tk-0',
      note: '备注',
      call_count: 2,
    });
  });

  it('keep the window and agent on a finished ticket, and clear them otherwise when the core does', () => {
    insert();
    const before = loadTicketRow(ctx.tx, 'tk-1');
    const t = toQueueTicket(before);
    writeTicket(ctx, before, {
      ...t,
      status: 'finished',
      windowNo: null,
      agentId: null,
      finishedAt: 5,
      version: before.version + 1,
    });
    expect(m.row('SELECT window_no, staff_id, finished_at FROM tickets')).toEqual({
      window_no: 3,
      staff_id: 'agent-1',
      finished_at: new Date(5).toISOString(),
    });
    const row2 = loadTicketRow(ctx.tx, 'tk-1') as QueueTicketRow;
    writeTicket(ctx, row2, {
      ...toQueueTicket(row2),
      status: 'waiting',
      windowNo: null,
      agentId: null,
      version: row2.version + 1,
    });
    expect(m.row('SELECT window_no, staff_id FROM tickets')).toEqual({ window_no: null, staff_id: null });
  });
});
