import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  candidates,
  effectiveClass,
  FairnessStateSchema,
  initialFairnessState,
  newTicket,
  pickNext,
  RECENT_MAX,
  transition,
  WindowRules,
  type Bucket,
  type FairnessState,
  type PriorityClass,
  type QueueTicket,
  type WindowRulesInput,
} from '@common/queue';
import { at, min, T0, ticket } from './helpers';

const rules = (over: Partial<WindowRulesInput> = {}) =>
  WindowRules.parse({ windowNo: 1, agentId: 'ag1', types: [{ code: 'PAY' }, { code: 'CARD' }], ...over });

/** Pick repeatedly, removing each picked ticket; returns the picked ids. */
function drain(
  tickets: QueueTicket[],
  r: WindowRules,
  now = at(10_000),
  state: FairnessState = initialFairnessState(r),
) {
  let pool = [...tickets];
  const out: string[] = [];
  for (;;) {
    const p = pickNext(pool, r, state, now);
    if (p.ticketId === null) break;
    out.push(p.ticketId);
    state = p.state;
    pool = pool.filter((t) => t.id !== p.ticketId);
  }
  return { out, state };
}

describe('pickNext — examples', () => {
  it('"after 2 normal, 1 priority", FIFO within each bucket, priority first on a fresh window', () => {
    const ts = [
      ticket('N1', { issuedSec: 1 }),
      ticket('N2', { issuedSec: 2 }),
      ticket('N3', { issuedSec: 3 }),
      ticket('N4', { issuedSec: 4 }),
      ticket('N5', { issuedSec: 5 }),
      ticket('G1', { issuedSec: 6, cls: 'green' }),
      ticket('V1', { issuedSec: 7, cls: 'vip' }),
    ];
    const { out, state } = drain(ts, rules({ interleave: { normal: 2, priority: 1 } }));
    expect(out).toEqual(['G1', 'N1', 'N2', 'V1', 'N3', 'N4', 'N5']);
    expect(state.recent).toEqual(['priority', 'normal', 'normal', 'priority', 'normal', 'normal', 'normal']);
  });

  it('a priority ticket arriving after enough normals is served at once', () => {
    const r = rules();
    const s: FairnessState = { normalsSincePriority: 5, prioritiesInBlock: 0, recent: [] };
    expect(pickNext([ticket('N1'), ticket('G9', { cls: 'green', issuedSec: 99 })], r, s, at(100)).ticketId).toBe('G9');
  });

  it('class order in the priority bucket, then arrival', () => {
    const r = rules({ interleave: { normal: 0, priority: 1 } });
    const ts = [
      ticket('V1', { cls: 'vip', issuedSec: 1 }),
      ticket('G2', { cls: 'green', issuedSec: 2 }),
      ticket('G1', { cls: 'green', issuedSec: 0 }),
    ];
    expect(drain(ts, r).out).toEqual(['G1', 'G2', 'V1']);
    expect(
      drain(ts, rules({ interleave: { normal: 0, priority: 1 }, priorityClassOrder: ['vip', 'green'] })).out,
    ).toEqual(['V1', 'G1', 'G2']);
  });

  it('interleave priority 0: priority tickets only when no normal waits', () => {
    const ts = [ticket('G1', { cls: 'green' }), ticket('N1', { issuedSec: 5 }), ticket('N2', { issuedSec: 6 })];
    expect(drain(ts, rules({ interleave: { normal: 2, priority: 0 } })).out).toEqual(['N1', 'N2', 'G1']);
  });

  it("serves the window's higher-priority types first, FIFO within", () => {
    const r = rules({
      types: [
        { code: 'PAY', priority: 1 },
        { code: 'CARD', priority: 5 },
      ],
    });
    const ts = [
      ticket('A1', { issuedSec: 1 }),
      ticket('C1', { businessType: 'CARD', issuedSec: 9 }),
      ticket('C2', { businessType: 'CARD', issuedSec: 8 }),
    ];
    expect(drain(ts, r).out).toEqual(['C2', 'C1', 'A1']);
  });

  it('only eligible tickets: types served, transfer targets, waiting only', () => {
    const r = rules();
    const ts = [
      ticket('B1', { businessType: 'NEW' }),
      ticket('T1', { target: { windowNo: 2, agentId: null } }),
      ticket('T2', { target: { windowNo: null, agentId: 'ag7' } }),
      ticket('C1', { status: 'called', windowNo: 3 }),
      ticket('T3', { target: { windowNo: 1, agentId: 'ag1' }, issuedSec: 50 }),
    ];
    expect(drain(ts, r).out).toEqual(['T3']);
    expect(pickNext([], r, initialFairnessState(r), at(0))).toEqual({
      ticketId: null,
      bucket: null,
      state: initialFairnessState(r),
    });
  });

  it('appointments are priority only when checked in near their slot', () => {
    const appt = (issuedMin: number, slotMin: number) => ({
      priorityClass: 'appointment' as const,
      arrivalAt: min(issuedMin),
      appointmentAt: min(slotMin),
    });
    expect(effectiveClass(appt(50, 60), 15, min(50))).toBe('appointment'); // 10 min early, slot near
    expect(effectiveClass(appt(20, 60), 15, min(30))).toBe('normal'); // 40 min early, slot still far
    expect(effectiveClass(appt(20, 60), 15, min(45))).toBe('appointment'); // slot now near
    expect(effectiveClass(appt(76, 60), 15, min(76))).toBe('normal'); // 16 min late
    expect(effectiveClass(appt(75, 60), 15, min(90))).toBe('appointment'); // on the edge, on time
    expect(effectiveClass({ priorityClass: 'appointment', arrivalAt: 0, appointmentAt: null }, 15, 0)).toBe('normal');
    const r = rules({ interleave: { normal: 0, priority: 1 }, appointmentWindowMin: 15 });
    const late = newTicket({
      id: 'P1',
      number: 'P1',
      businessType: 'PAY',
      priorityClass: 'appointment',
      issuedAt: min(0),
      appointmentAt: min(-30),
    });
    const onTime = newTicket({
      id: 'P2',
      number: 'P2',
      businessType: 'PAY',
      priorityClass: 'appointment',
      issuedAt: min(5),
      appointmentAt: min(10),
    });
    expect(drain([late, onTime], r, min(6)).out).toEqual(['P2', 'P1']);
  });

  it('a transferred ticket keeps its arrival order at the next window', () => {
    const w1 = { windowNo: 1, status: 'open' as const, agentId: 'ag1', holding: null };
    let t = ticket('A001', { issuedSec: 0 });
    t = (transition(t, { type: 'call' }, { now: at(60), window: w1 }) as { ticket: QueueTicket }).ticket;
    t = (transition(t, { type: 'start' }, { now: at(70), window: w1 }) as { ticket: QueueTicket }).ticket;
    const r = transition(t, { type: 'transfer', toType: 'CARD' }, { now: at(900), window: w1 });
    if (!r.ok) throw new Error(r.error.message);
    const later = [
      ticket('A002', { issuedSec: 30, businessType: 'CARD' }),
      ticket('A003', { issuedSec: 800, businessType: 'CARD' }),
    ];
    const w2 = rules({ windowNo: 2, types: [{ code: 'CARD' }] });
    expect(drain([...later, r.ticket], w2, at(1000)).out).toEqual(['A001', 'A002', 'A003']);
  });
});

// ─── properties ──────────────────────────────────────────────────────────────────────────────

const CLASSES: PriorityClass[] = ['normal', 'green', 'vip', 'appointment'];
const TYPES = ['PAY', 'CARD', 'NEW'];

type Ev =
  | { k: 'arrive'; cls: PriorityClass; type: string; apptMin: number; target: number | null }
  | { k: 'pick' }
  | { k: 'tick'; min: number };
const evArb: fc.Arbitrary<Ev> = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.record({
      k: fc.constant('arrive' as const),
      cls: fc.constantFrom(...CLASSES),
      type: fc.constantFrom(...TYPES),
      apptMin: fc.integer({ min: -40, max: 40 }),
      target: fc.option(fc.constantFrom(1, 2), { freq: 6 }),
    }),
  },
  { weight: 3, arbitrary: fc.constant({ k: 'pick' as const }) },
  { weight: 1, arbitrary: fc.record({ k: fc.constant('tick' as const), min: fc.integer({ min: 0, max: 10 }) }) },
);
const rulesArb = fc.record({
  normal: fc.integer({ min: 0, max: 4 }),
  priority: fc.integer({ min: 0, max: 3 }),
  tiers: fc.tuple(fc.integer({ min: 0, max: 2 }), fc.integer({ min: 0, max: 2 })),
  appt: fc.integer({ min: 0, max: 30 }),
});

describe('pickNext — properties over long runs', () => {
  it('interleave rule, FIFO within class and tier, eligibility, never idle', () => {
    fc.assert(
      fc.property(rulesArb, fc.array(evArb, { minLength: 20, maxLength: 400 }), (rc, evs) => {
        const r = rules({
          interleave: { normal: rc.normal, priority: rc.priority },
          types: [
            { code: 'PAY', priority: rc.tiers[0] },
            { code: 'CARD', priority: rc.tiers[1] },
          ],
          appointmentWindowMin: rc.appt,
        });
        let state = initialFairnessState(r);
        let pool: QueueTicket[] = [];
        let now = T0;
        let n = 0;
        let contestedNormalRun = 0;
        let contestedPriorityRun = 0;
        for (const e of evs) {
          if (e.k === 'tick') now += e.min * 60_000;
          else if (e.k === 'arrive') {
            n += 1;
            const t = newTicket({
              id: `t${n}`,
              number: `A${String(n).padStart(3, '0')}`,
              businessType: e.type,
              priorityClass: e.cls,
              issuedAt: now,
              appointmentAt: e.cls === 'appointment' ? now + e.apptMin * 60_000 : null,
            });
            pool.push(e.target === null ? t : { ...t, target: { windowNo: e.target, agentId: null } });
          } else {
            const c = candidates(pool, r, now);
            const p = pickNext(pool, r, state, now);
            if (c.normal.length + c.priority.length === 0) {
              expect(p.ticketId).toBeNull();
              expect(p.state).toBe(state);
              continue;
            }
            expect(p.ticketId).not.toBeNull();
            const me = [...c.normal, ...c.priority].find((x) => x.ticket.id === p.ticketId);
            expect(me).toBeDefined(); // eligible
            expect(p.bucket).toBe(me!.bucket);
            // FIFO within (class, tier)
            for (const o of [...c.normal, ...c.priority])
              if (o.cls === me!.cls && o.typePriority === me!.typePriority)
                expect(o.ticket.arrivalAt).toBeGreaterThanOrEqual(me!.ticket.arrivalAt);
            // within the bucket, nothing of a higher tier was skipped
            for (const o of me!.bucket === 'normal' ? c.normal : c.priority)
              expect(o.typePriority).toBeLessThanOrEqual(me!.typePriority);
            // the interleave rule, counted only over contested picks (both buckets waiting)
            const contested = c.normal.length > 0 && c.priority.length > 0;
            if (contested && me!.bucket === 'normal') {
              contestedNormalRun += 1;
              contestedPriorityRun = 0;
              if (rc.priority > 0) expect(contestedNormalRun).toBeLessThanOrEqual(rc.normal);
            } else if (contested && me!.bucket === 'priority') {
              contestedPriorityRun += 1;
              contestedNormalRun = 0;
              if (rc.normal > 0) expect(contestedPriorityRun).toBeLessThanOrEqual(rc.priority);
            } else {
              contestedNormalRun = 0;
              contestedPriorityRun = 0;
            }
            state = p.state;
            pool = pool.filter((t) => t.id !== p.ticketId);
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it('with both buckets always waiting the pattern is exactly (priority^b normal^a)*', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 5 }),
        fc.integer({ min: 1, max: 4 }),
        fc.integer({ min: 10, max: 80 }),
        (a, b, picks) => {
          const r = rules({ interleave: { normal: a, priority: b } });
          const pool: QueueTicket[] = [];
          for (let i = 0; i < picks; i++) {
            pool.push(
              ticket(`n${i}`, { issuedSec: i }),
              ticket(`p${i}`, { issuedSec: i, cls: i % 2 ? 'green' : 'vip' }),
            );
          }
          const { out } = drain(pool, r);
          const pattern: Bucket[] = out.slice(0, picks).map((id) => (id.startsWith('n') ? 'normal' : 'priority'));
          const cycle: Bucket[] = [...Array<Bucket>(b).fill('priority'), ...Array<Bucket>(a).fill('normal')];
          expect(pattern).toEqual(Array.from({ length: picks }, (_, i) => cycle[i % cycle.length]));
          // counts over the run match the ratio
          const full = Math.floor(picks / (a + b));
          expect(pattern.filter((x) => x === 'normal').length).toBeGreaterThanOrEqual(full * a);
          expect(pattern.filter((x) => x === 'priority').length).toBeGreaterThanOrEqual(full * b);
          // FIFO in each bucket: normals in arrival order
          const normals = out.filter((id) => id.startsWith('n')).map((id) => Number(id.slice(1)));
          expect(normals).toEqual([...normals].sort((x, y) => x - y));
        },
      ),
    );
  });

  it('is deterministic and does not depend on input order', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            cls: fc.constantFrom(...CLASSES),
            sec: fc.nat({ max: 5000 }),
            type: fc.constantFrom('PAY', 'CARD'),
          }),
          { minLength: 1, maxLength: 40 },
        ),
        fc.integer(),
        (specs, seed) => {
          const ts = specs.map((s, i) =>
            ticket(`x${i}`, {
              cls: s.cls,
              issuedSec: s.sec,
              businessType: s.type,
              appointmentAt: s.cls === 'appointment' ? at(s.sec + 60) : null,
            }),
          );
          const shuffled = [...ts].sort(
            (p, q) => ((p.id.length * 31 + seed) % 7) - ((q.id.length * 17 + seed) % 5) || (p.id < q.id ? 1 : -1),
          );
          const r = rules();
          expect(drain(shuffled, r, at(6000)).out).toEqual(drain(ts, r, at(6000)).out);
        },
      ),
    );
  });
});

describe('FairnessStateSchema', () => {
  it('round-trips a state through JSON and rejects junk', () => {
    const r = rules();
    const { state } = drain([ticket('N1'), ticket('G1', { cls: 'green' })], r);
    expect(FairnessStateSchema.parse(JSON.parse(JSON.stringify(state)))).toEqual(state);
    expect(FairnessStateSchema.safeParse({ normalsSincePriority: -1, prioritiesInBlock: 0, recent: [] }).success).toBe(
      false,
    );
  });
});

describe('pickNext — a custom class order', () => {
  it('a priority class the order leaves out is served after the listed ones, in arrival order', () => {
    const r = rules({ priorityClassOrder: ['vip'], interleave: { normal: 0, priority: 1 } });
    const ts = [
      ticket('G1', { issuedSec: 1, cls: 'green' }),
      ticket('V1', { issuedSec: 2, cls: 'vip' }),
      ticket('G2', { issuedSec: 3, cls: 'green' }),
      ticket('V2', { issuedSec: 4, cls: 'vip' }),
    ];
    expect(drain(ts, r).out).toEqual(['V1', 'V2', 'G1', 'G2']);
  });

  it('the listed order decides between listed classes, whatever their arrival', () => {
    const r = rules({ priorityClassOrder: ['vip', 'green'], interleave: { normal: 0, priority: 1 } });
    const ts = [ticket('G1', { issuedSec: 1, cls: 'green' }), ticket('V1', { issuedSec: 2, cls: 'vip' })];
    expect(drain(ts, r).out).toEqual(['V1', 'G1']);
  });
});

describe('pickNext — the rule and the state between picks', () => {
  const ms = (id: string, number: string, sec = 0) => ({ ...ticket(id, { issuedSec: sec }), number });

  it('priority 0 wins over normal 0: priority tickets wait until no normal ticket does', () => {
    const r = rules({ interleave: { normal: 0, priority: 0 } });
    const ts = [ticket('G1', { cls: 'green' }), ticket('N1', { issuedSec: 5 })];
    expect(drain(ts, r).out).toEqual(['N1', 'G1']);
  });

  it('a priority block shortened by the manager ends at once: normals are served next', () => {
    const r = rules({ interleave: { normal: 2, priority: 1 } });
    const midBlock: FairnessState = { normalsSincePriority: 2, prioritiesInBlock: 1, recent: ['priority'] };
    const ts = [ticket('G1', { cls: 'green' }), ticket('N1', { issuedSec: 5 })];
    expect(pickNext(ts, r, midBlock, at(100))).toMatchObject({ ticketId: 'N1', bucket: 'normal' });
  });

  it(`the window remembers only the last ${RECENT_MAX} buckets it served, newest last`, () => {
    const ts = Array.from({ length: RECENT_MAX + 5 }, (_, i) => ticket(`N${i}`, { issuedSec: i }));
    const { state } = drain([...ts, ticket('G1', { cls: 'green', issuedSec: 99 })], rules());
    expect(state.recent).toHaveLength(RECENT_MAX);
    expect(state.recent.at(-1)).toBe('normal');
    // G1 went first on the fresh window; 25 normals later it has dropped out of the record.
    expect(state.recent.every((b) => b === 'normal')).toBe(true);
  });

  it('the default class order is green, vip, appointment — whatever the arrival', () => {
    const r = rules({ interleave: { normal: 0, priority: 1 } });
    const appt = {
      ...ticket('A1', { cls: 'appointment', issuedSec: 0 }),
      appointmentAt: at(60),
    };
    const ts = [appt, ticket('V1', { cls: 'vip', issuedSec: 1 }), ticket('G1', { cls: 'green', issuedSec: 2 })];
    expect(drain(ts, r, at(30)).out).toEqual(['G1', 'V1', 'A1']);
  });

  it('same type, class and arrival: the lower number first, then the id — the input order never decides', () => {
    const r = rules();
    // ids deliberately in the opposite order to the numbers: the number decides first
    const a = [ms('y', 'A002'), ms('z', 'A001'), ms('x', 'A003')];
    expect(drain(a, r).out).toEqual(['z', 'y', 'x']);
    expect(drain([...a].reverse(), r).out).toEqual(['z', 'y', 'x']);
    const twins = [ms('b', 'A001'), ms('c', 'A001'), ms('a', 'A001')];
    expect(drain(twins, r).out).toEqual(['a', 'b', 'c']);
    expect(drain([...twins].reverse(), r).out).toEqual(['a', 'b', 'c']);
  });
});

describe('FairnessStateSchema — a stored state read back', () => {
  it('a window in the middle of a priority block reads back as it was stored', () => {
    const s: FairnessState = { normalsSincePriority: 2, prioritiesInBlock: 1, recent: ['normal', 'priority'] };
    expect(FairnessStateSchema.parse(JSON.parse(JSON.stringify(s)))).toEqual(s);
    expect(FairnessStateSchema.safeParse({ ...s, prioritiesInBlock: -1 }).success).toBe(false);
  });
});
