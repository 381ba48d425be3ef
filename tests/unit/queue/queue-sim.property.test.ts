import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ACTIVE_STATES,
  applyAction,
  AT_WINDOW_STATES,
  candidates,
  initialFairnessState,
  isTerminal,
  newTicket,
  pickNext,
  QueueConfig,
  TICKET_STATES,
  TRANSITION_ERROR_CODES,
  WindowRules,
  type FairnessState,
  type PriorityClass,
  type QueueState,
  type QueueTicket,
  type TicketAction,
  type TicketActionType,
  type WindowStatus,
} from '@common/queue';
import { expectCatalogued } from '../../support/catalogued';
import { T0 } from './helpers';

/**
 * Long random runs over a hall with several windows: every step either succeeds or changes nothing,
 * and the hall invariants hold after every step.
 */

const CFG = QueueConfig.parse({ maxRecalls: 1, recallMinGapSec: 20, noShowAfterCalls: 2 });
const TYPES = ['PAY', 'CARD', 'NEW', 'XFER'] as const;
const RULES: WindowRules[] = [
  WindowRules.parse({
    windowNo: 1,
    agentId: 'ag1',
    types: [
      { code: 'PAY', priority: 2 },
      { code: 'CARD', priority: 1 },
    ],
    interleave: { normal: 2, priority: 1 },
  }),
  WindowRules.parse({
    windowNo: 2,
    agentId: 'ag2',
    types: [{ code: 'PAY' }, { code: 'NEW' }],
    interleave: { normal: 3, priority: 2 },
  }),
  WindowRules.parse({
    windowNo: 3,
    agentId: 'ag3',
    types: [{ code: 'NEW' }, { code: 'XFER' }, { code: 'CARD' }],
    interleave: { normal: 1, priority: 1 },
  }),
];
const WINDOW_NOS = RULES.map((r) => r.windowNo);

type Cmd =
  | { k: 'issue'; type: (typeof TYPES)[number]; cls: PriorityClass; apptMin: number }
  | { k: 'next'; w: number }
  | { k: 'act'; w: number | null; pick: number; action: TicketAction }
  | { k: 'tick'; sec: number }
  | { k: 'window'; w: number; status: WindowStatus };

const windowArb = fc.constantFrom(...WINDOW_NOS);
const w = <T>(weight: number, arbitrary: fc.Arbitrary<T>) => ({ weight, arbitrary });
const actionArb: fc.Arbitrary<TicketAction> = fc.oneof(
  w(
    3,
    fc.record({ type: fc.constant('call' as const), specific: fc.constant(true), reason: fc.constantFrom('老人', '') }),
  ),
  w(4, fc.constant({ type: 'recall' as const })),
  w(4, fc.constant({ type: 'start' as const })),
  w(4, fc.constant({ type: 'finish' as const })),
  w(3, fc.constant({ type: 'noShow' as const })),
  w(
    2,
    fc.oneof(
      fc.record({ type: fc.constant('transfer' as const), toType: fc.constantFrom(...TYPES) }),
      fc.record({ type: fc.constant('transfer' as const), toWindow: windowArb }),
      fc.record({ type: fc.constant('transfer' as const), toAgent: fc.constantFrom('ag1', 'ag2', 'ag3') }),
    ),
  ),
  w(2, fc.constant({ type: 'park' as const })),
  w(4, fc.constant({ type: 'resume' as const })),
  w(1, fc.constant({ type: 'cancel' as const })),
  w(1, fc.constant({ type: 'abandon' as const })),
) as fc.Arbitrary<TicketAction>;
const cmdArb: fc.Arbitrary<Cmd> = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.record({
      k: fc.constant('issue' as const),
      type: fc.constantFrom(...TYPES),
      cls: fc.constantFrom<PriorityClass>('normal', 'normal', 'green', 'vip', 'appointment'),
      apptMin: fc.integer({ min: -30, max: 60 }),
    }),
  },
  { weight: 4, arbitrary: fc.record({ k: fc.constant('next' as const), w: windowArb }) },
  {
    weight: 8,
    arbitrary: fc.record({
      k: fc.constant('act' as const),
      w: fc.option(windowArb, { freq: 8 }),
      pick: fc.nat({ max: 60 }),
      action: actionArb,
    }),
  },
  { weight: 3, arbitrary: fc.record({ k: fc.constant('tick' as const), sec: fc.integer({ min: 1, max: 90 }) }) },
  {
    weight: 1,
    arbitrary: fc.record({
      k: fc.constant('window' as const),
      w: windowArb,
      status: fc.constantFrom<WindowStatus>('open', 'open', 'open', 'paused', 'closed'),
    }),
  },
);

/** The state an action usually applies to, to steer some picks toward it. */
const FITS: Record<TicketActionType, string> = {
  call: 'no_show',
  recall: 'called',
  start: 'called',
  noShow: 'called',
  finish: 'serving',
  park: 'serving',
  transfer: 'serving',
  resume: 'parked',
  cancel: 'waiting',
  abandon: 'waiting',
};

/** Successes per action type over all runs, so the properties are not vacuous. */
const successes = new Map<string, number>();
const bump = (k: string) => successes.set(k, (successes.get(k) ?? 0) + 1);

function checkInvariants(s: QueueState, prev: QueueState, issued: string[]): void {
  const ids = Object.keys(s.tickets);
  // none lost, none invented
  expect(ids.sort()).toEqual([...issued].sort());
  const byState = new Map<string, number>();
  const activeAt = new Map<number, string[]>();
  for (const t of Object.values(s.tickets)) {
    expect(TICKET_STATES).toContain(t.status);
    byState.set(t.status, (byState.get(t.status) ?? 0) + 1);
    // at a window exactly when called, serving or parked
    expect(t.windowNo !== null).toBe(AT_WINDOW_STATES.includes(t.status));
    if (ACTIVE_STATES.includes(t.status)) activeAt.set(t.windowNo!, [...(activeAt.get(t.windowNo!) ?? []), t.id]);
    const before = prev.tickets[t.id];
    if (before) {
      expect(t.arrivalAt).toBe(before.arrivalAt);
      if (isTerminal(before.status)) expect(t).toBe(before);
      if (t !== before) expect(t.version).toBe(before.version + 1);
    }
    // recall limit and gap: a round starts at a first call
    let round = 0;
    let last = -Infinity;
    for (const c of t.calls) {
      round = c.recall ? round + 1 : 1;
      if (c.recall) expect(c.at - last).toBeGreaterThanOrEqual(CFG.recallMinGapSec * 1000);
      expect(round).toBeLessThanOrEqual(1 + CFG.maxRecalls);
      last = c.at;
    }
  }
  // every ticket in exactly one state
  expect([...byState.values()].reduce((a, b) => a + b, 0)).toBe(issued.length);
  // a window holds at most one called-or-serving ticket
  for (const held of activeAt.values()) expect(held.length).toBe(1);
}

function deepFreeze(o: unknown): void {
  if (o === null || typeof o !== 'object' || Object.isFrozen(o)) return;
  Object.freeze(o);
  for (const v of Object.values(o)) deepFreeze(v);
}

function simulate(cmds: Cmd[]): void {
  let s: QueueState = {
    tickets: {},
    windows: Object.fromEntries(
      RULES.map((r) => [
        r.windowNo,
        {
          windowNo: r.windowNo,
          status: 'open' as WindowStatus,
          agentId: r.agentId,
          businessTypes: r.types.map((x) => x.code),
        },
      ]),
    ),
  };
  const fair = new Map<number, FairnessState>(RULES.map((r) => [r.windowNo, initialFairnessState(r)]));
  const issued: string[] = [];
  let now = T0;
  let seq = 0;
  for (const cmd of cmds) {
    const prev = s;
    switch (cmd.k) {
      case 'tick':
        now += cmd.sec * 1000;
        break;
      case 'window':
        s = { ...s, windows: { ...s.windows, [cmd.w]: { ...s.windows[cmd.w]!, status: cmd.status } } };
        break;
      case 'issue': {
        seq += 1;
        const id = `T${String(seq).padStart(3, '0')}`;
        const t = newTicket({
          id,
          number: id,
          businessType: cmd.type,
          priorityClass: cmd.cls,
          issuedAt: now,
          appointmentAt: cmd.cls === 'appointment' ? now + cmd.apptMin * 60_000 : null,
        });
        s = { ...s, tickets: { ...s.tickets, [id]: t } };
        issued.push(id);
        break;
      }
      case 'next': {
        const rules = RULES.find((r) => r.windowNo === cmd.w)!;
        const waiting = Object.values(s.tickets);
        const pick = pickNext(waiting, rules, fair.get(cmd.w)!, now);
        if (pick.ticketId === null) {
          const c = candidates(waiting, rules, now);
          expect(c.normal.length + c.priority.length).toBe(0);
          break;
        }
        const chosen = s.tickets[pick.ticketId]!;
        // FIFO within a class and a type tier — transferred tickets keep their original arrival.
        const c = candidates(waiting, rules, now);
        const me = [...c.normal, ...c.priority].find((x) => x.ticket.id === chosen.id)!;
        for (const o of [...c.normal, ...c.priority]) {
          if (o.cls === me.cls && o.typePriority === me.typePriority)
            expect(o.ticket.arrivalAt).toBeGreaterThanOrEqual(chosen.arrivalAt);
        }
        const r = applyAction(s, chosen.id, { type: 'call' }, { now, windowNo: cmd.w, config: CFG });
        if (r.ok) {
          s = r.state;
          fair.set(cmd.w, pick.state);
          bump('next');
          if (chosen.transfers > 0) bump('next-after-transfer');
        } else {
          expect(['window_busy', 'window_closed', 'window_paused']).toContain(r.error.code);
        }
        break;
      }
      case 'act': {
        const ids = Object.keys(s.tickets);
        const atWindow = Object.values(s.tickets).filter((t) => t.windowNo !== null && t.windowNo === cmd.w);
        // Most picks are steered to a ticket in the state the action needs (anywhere, acting
        // from its own window), else finish/resume would rarely be tried on a ticket they fit; the rest
        // act on what the acting window holds, on any ticket, or on a stale id.
        const fits = Object.values(s.tickets).filter((t) => t.status === FITS[cmd.action.type]);
        const steered = cmd.pick < 35 && fits.length > 0 ? fits[cmd.pick % fits.length]! : null;
        const id = steered
          ? steered.id
          : cmd.pick < 40 && atWindow.length > 0
            ? atWindow[cmd.pick % atWindow.length]!.id
            : cmd.pick === 60
              ? `stale-${cmd.pick}`
              : ids.length > 0
                ? ids[cmd.pick % ids.length]!
                : 'stale-empty';
        const windowNo = steered ? (steered.windowNo ?? cmd.w ?? undefined) : (cmd.w ?? undefined);
        const r = applyAction(s, id, cmd.action, { now, windowNo, config: CFG });
        if (r.ok) {
          s = r.state;
          bump(cmd.action.type);
        } else {
          expect(TRANSITION_ERROR_CODES).toContain(r.error.code);
          expectCatalogued(r.error);
          if (!ids.includes(id)) expect(r.error.code).toBe('not_found');
          bump(`err:${r.error.code}`);
          bump(`fail:${cmd.action.type}:${r.error.code}`);
        }
        break;
      }
    }
    checkInvariants(s, prev, issued);
    // The core never mutates its input: any write to a frozen ticket or map would throw.
    deepFreeze(s);
  }
}

describe('queue simulation (property)', () => {
  it('holds the hall invariants over long random runs', () => {
    fc.assert(
      fc.property(fc.array(cmdArb, { minLength: 50, maxLength: 300 }), (cmds) => {
        simulate(cmds);
      }),
      { numRuns: 120 },
    );
    if (process.env.QUEUE_SIM_DEBUG) console.log(Object.fromEntries(successes));
    // not vacuous: every action succeeded somewhere, and the interesting refusals happened
    const need: Array<TicketActionType | string> = [
      'next',
      'call',
      'recall',
      'start',
      'finish',
      'noShow',
      'transfer',
      'park',
      'resume',
      'cancel',
      'abandon',
      'next-after-transfer',
    ];
    for (const k of need) expect(successes.get(k) ?? 0, k).toBeGreaterThan(0);
    for (const e of [
      'err:not_found',
      'err:terminal',
      'err:recall_too_soon',
      'err:recall_limit',
      'err:window_busy',
      'err:not_at_window',
      'err:reason_required',
    ]) {
      expect(successes.get(e) ?? 0, e).toBeGreaterThan(0);
    }
  });

  it('a ticket is never at two windows, even when every window races for the same ticket', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(fc.constantFrom(...WINDOW_NOS), fc.constantFrom<TicketAction['type']>('call', 'finish', 'start')),
          { minLength: 1, maxLength: 40 },
        ),
        (steps) => {
          const one: QueueTicket = newTicket({ id: 'X', number: 'A001', businessType: 'PAY', issuedAt: T0 });
          let s: QueueState = {
            tickets: { X: one },
            windows: Object.fromEntries(
              WINDOW_NOS.map((w) => [w, { windowNo: w, status: 'open' as WindowStatus, agentId: `ag${w}` }]),
            ),
          };
          let holder: number | null = null;
          let now = T0;
          for (const [w, type] of steps) {
            now += 1000;
            const action: TicketAction = type === 'call' ? { type } : { type };
            const r = applyAction(s, 'X', action, { now, windowNo: w, config: CFG });
            if (!r.ok) continue;
            if (type === 'call') {
              expect(holder).toBeNull();
              holder = w;
            } else expect(w).toBe(holder);
            if (type === 'finish') holder = -1;
            s = r.state;
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});
