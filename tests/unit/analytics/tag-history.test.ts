import Database from 'better-sqlite3';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyMutation } from '@common/mutators';
import { computeFeatures } from '@common/analytics/features';
import { DEFAULT_TAGS, ruleTags } from '@common/analytics/catalogue';
import { evaluateRule } from '@common/analytics/rules';
import { loadCustomerFacts } from '@common/analytics/facts-sql';
import { AppFailure } from '@common/result';
import { migrate } from '../../../node/sqlite/migrate';
import { sqliteTx } from '../../../node/sqlite/sqlite-tx';

/**
 * Tag history on a real migrated database, over generated payment histories: a customer's bills
 * are paid on time, late by some days or not at all, and the rule tags are recomputed at each
 * month end as the months go by.
 */
const MONTHS = 24;
const period = (k: number) => `${2024 + Math.floor(k / 12)}-${String((k % 12) + 1).padStart(2, '0')}`;
const dueDate = (k: number) => `${period(k + 1)}-25`;
/** Month end k, hall time: what has happened by then. */
const monthEnd = (k: number) => new Date(Date.parse(`${period(k + 1)}-28T12:00:00+08:00`)).toISOString();

type Behaviour = { daysLate: number | null; kwh: number }; // null: never paid

function freshDb(behaviour: Behaviour[], usageType = '居民'): Database.Database {
  const db = new Database(':memory:');
  migrate(db);
  db.prepare(
    `INSERT INTO customers (id, hall_id, account_no, name_masked, name_enc, id_masked, id_enc, id_hash, phone_masked, phone_enc, phone_hash, phone_tail,
       address_masked, address_enc, meter_no, tariff, usage_type, prepaid, balance_fen)
     VALUES (7, 'H001', 'A7', '*', x'00', '*', x'00', x'00', '*', x'00', x'00', '0000', '*', x'00', 'M7', '居民合表', ?, 0, 0)`,
  ).run(usageType);
  behaviour.forEach((b, k) => {
    const amount = b.kwh * 60;
    const paid = b.daysLate !== null;
    db.prepare(
      'INSERT INTO bills (customer_id, period, kwh, amount_fen, paid_fen, due_date) VALUES (7, ?, ?, ?, ?, ?)',
    ).run(period(k), b.kwh, amount, paid ? amount : 0, dueDate(k));
    if (paid)
      db.prepare(
        "INSERT INTO payments (id, customer_id, period, amount_fen, channel, status, paid_at) VALUES (?, 7, ?, ?, '微信', 'succeeded', ?)",
      ).run(
        `P${k}`,
        period(k),
        amount,
        new Date(Date.parse(`${dueDate(k)}T20:00:00+08:00`) + (b.daysLate! - 5) * 86_400_000).toISOString(),
      );
  });
  return db;
}

const run = (db: Database.Database, name: string, args: unknown) =>
  db.transaction(() => applyMutation({ tx: sqliteTx(db), side: 'station', changed: () => {} }, name, args))();

const behaviours = fc.array(
  fc.record({
    daysLate: fc.oneof(
      { weight: 6, arbitrary: fc.constant(0) },
      { weight: 3, arbitrary: fc.integer({ min: 1, max: 60 }) },
      { weight: 1, arbitrary: fc.constant(null) },
    ),
    kwh: fc.integer({ min: 0, max: 400 }),
  }),
  { minLength: MONTHS, maxLength: MONTHS },
);

interface TagRow {
  code: string;
  source: string;
  evidence: string;
  started_at: string;
  ended_at: string | null;
}

describe('tag history', () => {
  it('holds, at every month end, exactly the rule tags the features earn; intervals per tag never overlap', () => {
    fc.assert(
      fc.property(behaviours, (bs) => {
        const db = freshDb(bs);
        for (let k = 2; k < MONTHS; k++) {
          const at = monthEnd(k);
          run(db, 'tag.recompute', { hallId: 'H001', customerId: 7, at });
          const facts = loadCustomerFacts(sqliteTx(db), 7, at)!;
          const f = computeFeatures(facts, at);
          const expected = ruleTags(DEFAULT_TAGS, f)
            .map((h) => h.code)
            .sort();
          const open = db
            .prepare(
              "SELECT code, evidence FROM customer_tags WHERE ended_at IS NULL AND source = 'rule' ORDER BY code",
            )
            .all() as { code: string; evidence: string }[];
          expect(open.map((t) => t.code)).toEqual(expected);
          // The evidence shown is the one true now.
          for (const t of open)
            expect(JSON.parse(t.evidence)).toEqual(
              evaluateRule(DEFAULT_TAGS.find((d) => d.code === t.code)!.rule!, f).evidence,
            );
        }
        const rows = db.prepare('SELECT * FROM customer_tags ORDER BY code, started_at').all() as TagRow[];
        for (let i = 1; i < rows.length; i++) {
          const [a, b] = [rows[i - 1]!, rows[i]!];
          if (a.code !== b.code) continue;
          expect(a.ended_at).not.toBeNull();
          expect(a.ended_at! <= b.started_at).toBe(true);
        }
        db.close();
      }),
      { numRuns: 40 },
    );
  });

  it('ends the arrears tag when the bill is paid, and keeps its start and end', () => {
    const bs: Behaviour[] = Array.from({ length: MONTHS }, (_, k) => ({ daysLate: k >= 21 ? null : 0, kwh: 200 }));
    const db = freshDb(bs);
    run(db, 'tag.recompute', { hallId: 'H001', customerId: 7, at: monthEnd(23) });
    const open = db
      .prepare("SELECT id, evidence FROM customer_tags WHERE code = 'arrears' AND ended_at IS NULL")
      .get() as {
      id: string;
      evidence: string;
    };
    expect(JSON.parse(open.evidence)).toEqual([{ field: 'arrearsPeriods', op: '>=', threshold: 1, value: 3 }]);
    // Paid at the counter: the bills are settled, and a recompute ends the tag.
    db.prepare('UPDATE bills SET paid_fen = amount_fen WHERE customer_id = 7').run();
    const paidAt = new Date(Date.parse(monthEnd(23)) + 3_600_000).toISOString();
    run(db, 'tag.recompute', { hallId: 'H001', customerId: 7, at: paidAt });
    expect(db.prepare('SELECT ended_at, end_reason FROM customer_tags WHERE id = ?').get(open.id)).toEqual({
      ended_at: paidAt,
      end_reason: 'ruleNoLongerHolds',
    });
    // A replayed recompute changes nothing.
    const before = db.prepare('SELECT * FROM customer_tags ORDER BY id').all();
    run(db, 'tag.recompute', { hallId: 'H001', customerId: 7, at: paidAt });
    expect(db.prepare('SELECT * FROM customer_tags ORDER BY id').all()).toEqual(before);
  });

  it('sets a manual tag with a reason for its validity, refuses one computed by rule, and ends it on removal', () => {
    const db = freshDb(Array.from({ length: MONTHS }, () => ({ daysLate: 0, kwh: 100 })));
    const at = '2026-01-10T02:00:00.000Z';
    const args = { hallId: 'H001', staffId: 'S1', at, customerId: 7, code: 'elderly_alone', reason: '本人告知独居' };
    run(db, 'tag.assign', args);
    expect(
      db.prepare("SELECT source, reason, set_by, valid_until FROM customer_tags WHERE code = 'elderly_alone'").get(),
    ).toEqual({
      source: 'manual',
      reason: '本人告知独居',
      set_by: 'S1',
      valid_until: '2027-01-10T02:00:00.000Z',
    });
    const refused = (name: string, a: unknown) => {
      try {
        run(db, name, a);
      } catch (e) {
        return (e as AppFailure).key;
      }
      return null;
    };
    expect(refused('tag.assign', { ...args, code: 'arrears' })).toBe('analytics.tagNotManual');
    expect(refused('tag.assign', { ...args, code: 'no_such_tag' })).toBe('analytics.tagUnknown');
    expect(refused('tag.assign', { ...args, reason: '  ' })).toBe('analytics.tagReasonRequired');
    // A rule recompute a year later ends the manual tag as expired.
    run(db, 'tag.recompute', { hallId: 'H001', customerId: 7, at: '2027-01-11T00:00:00.000Z' });
    expect(db.prepare("SELECT end_reason FROM customer_tags WHERE code = 'elderly_alone'").get()).toEqual({
      end_reason: 'expired',
    });
    run(db, 'tag.assign', { ...args, at: '2027-02-01T00:00:00.000Z' });
    run(db, 'tag.remove', { ...args, at: '2027-02-02T00:00:00.000Z', reason: '已搬至子女家' });
    expect(refused('tag.remove', { ...args, at: '2027-02-03T00:00:00.000Z' })).toBe('analytics.tagNotSet');
  });

  it("lets the manager redefine a tag, refusing a rule that names an unknown field, and applies the hall's version", () => {
    const db = freshDb(Array.from({ length: MONTHS }, (_, k) => ({ daysLate: k % 4 === 0 ? 10 : 0, kwh: 100 })));
    const def = {
      hallId: 'H001',
      staffId: 'M1',
      at: '2026-02-01T00:00:00.000Z',
      code: 'late_payer',
      nameZh: '多次逾期',
      nameEn: 'Often pays late',
      kind: 'rule',
      rule: { field: 'late12m', op: '>=', value: 5 },
      validDays: null,
      owner: '电费回收班',
      hint: null,
      active: true,
    };
    try {
      run(db, 'tag.define', { ...def, rule: { field: 'late_12m', op: '>=', value: 5 } });
      expect.unreachable();
    } catch (e) {
      expect((e as AppFailure).key).toBe('analytics.ruleUnknownField');
      expect((e as AppFailure).message).toContain('late_12m');
    }
    const at = monthEnd(23);
    run(db, 'tag.recompute', { hallId: 'H001', customerId: 7, at });
    expect(
      db.prepare("SELECT count(*) AS n FROM customer_tags WHERE code = 'late_payer' AND ended_at IS NULL").get(),
    ).toEqual({ n: 1 });
    run(db, 'tag.define', def); // 3 late payments a year no longer make a late payer
    run(db, 'tag.recompute', { hallId: 'H001', customerId: 7, at: new Date(Date.parse(at) + 1000).toISOString() });
    expect(
      db.prepare("SELECT count(*) AS n FROM customer_tags WHERE code = 'late_payer' AND ended_at IS NULL").get(),
    ).toEqual({ n: 0 });
    expect(db.prepare("SELECT version, rule FROM tag_definitions WHERE id = 'H001/late_payer'").get()).toEqual({
      version: 1,
      rule: JSON.stringify(def.rule),
    });
  });
});
