import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { MIGRATIONS } from '@common/schema/migrations';
import { migrate } from '../../../node/sqlite/migrate';

/** One test per numbered migration: it applies on top of its predecessor and creates what it says. */
const tablesOf = (db: Database.Database) =>
  new Set(
    (db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table'`).all() as { name: string }[]).map((r) => r.name),
  );

const expected: Record<number, string[]> = {
  1: ['halls', 'business_types', 'windows', 'staff'],
  2: ['customers', 'bills', 'payments'],
  3: ['tickets', 'calls', 'window_sessions', 'ratings', 'audit_log'],
  4: ['sync_outbox', 'sync_state', 'sync_rejected', 'login_attempts', 'announcements'],
  5: ['sync_clients', 'sync_changes'],
  6: ['sync_enrollment_codes', 'sync_credentials', 'number_leases', 'customer_contacts'],
  7: ['window_state', 'queue_settings', 'queue_type_config', 'appointments'],
  8: ['applications', 'application_events'],
  9: [
    'payment_orders',
    'payment_events',
    'payment_allocations',
    'refund_requests',
    'refund_decisions',
    'invoice_requests',
    'invoice_events',
    'cash_declarations',
    'consultations',
  ],
  10: ['signature_requests', 'application_signatures', 'application_attachments'],
  11: ['sync_mutation_digests'],
  12: ['relay_outbox', 'relay_state'],
  13: ['customer_flags', 'customer_remote'],
  14: ['sync_compaction_marks', 'sync_horizon'],
  15: [], // columns, an index and a trigger only (migration-15-bill-sync.test.ts)
  16: ['sync_batch_digests'],
  17: [], // a column of sync_outbox only
  18: [], // columns of sync_rejected only
  19: ['paired_devices'],
  20: ['sync_staff_presence'],
  21: [
    'rating_appeals',
    'appeal_decisions',
    'evaluation_weights',
    'evaluation_daily',
    'handling_daily',
    'evaluation_monthly',
    'handling_monthly',
  ],
  22: ['tag_definitions', 'customer_tags'],
  23: ['risk_models', 'customer_followups'],
};

describe('migrations', () => {
  it('are numbered 1…n without gaps', () => {
    expect(MIGRATIONS.map((m) => m.version)).toEqual(MIGRATIONS.map((_, i) => i + 1));
    expect(Object.keys(expected).map(Number)).toEqual(MIGRATIONS.map((m) => m.version));
  });

  for (const m of MIGRATIONS) {
    it(`${m.version}: ${m.name}`, () => {
      const db = new Database(':memory:');
      migrate(db, MIGRATIONS, m.version - 1);
      const before = tablesOf(db);
      for (const t of expected[m.version]!) expect(before.has(t)).toBe(false);
      expect(migrate(db, MIGRATIONS, m.version)).toBe(m.version);
      const after = tablesOf(db);
      for (const t of expected[m.version]!) expect(after.has(t)).toBe(true);
      expect(db.pragma('user_version', { simple: true })).toBe(m.version);
      // Applying again changes nothing.
      expect(migrate(db, MIGRATIONS, m.version)).toBe(m.version);
    });
  }

  it('rolls back a failing migration whole, leaving the version where it was', () => {
    const db = new Database(':memory:');
    const broken = [
      ...MIGRATIONS.slice(0, 1),
      { version: 2, name: 'broken', sql: 'CREATE TABLE half (x); CREATE TABLE nope (' },
    ];
    expect(() => migrate(db, broken)).toThrow();
    expect(db.pragma('user_version', { simple: true })).toBe(1);
    expect(tablesOf(db).has('half')).toBe(false);
  });

  it('refuses a gap in numbering', () => {
    const db = new Database(':memory:');
    expect(() => migrate(db, [MIGRATIONS[0]!, { ...MIGRATIONS[2]! }])).toThrow(/gap/);
  });

  it('6: keeps one credential per token hash and one lease per first number', () => {
    const db = new Database(':memory:');
    migrate(db);
    const cred = db.prepare(
      `INSERT INTO sync_credentials (client_id, hall_id, role, token_hash, enrolled_at) VALUES (?, 'H001', 'kiosk', 'same', 'x')`,
    );
    cred.run('c1');
    expect(() => cred.run('c2')).toThrow(/UNIQUE/);
    const lease = db.prepare(
      `INSERT INTO number_leases (hall_id, day, prefix, first, last, client_id, leased_at) VALUES ('H001', '2026-11-23', 'A', 501, 600, ?, 'x')`,
    );
    lease.run('c1');
    expect(() => lease.run('c2')).toThrow(/UNIQUE|PRIMARY/);
  });

  it('keeps one ticket number per hall and day', () => {
    const db = new Database(':memory:');
    migrate(db);
    const ins = db.prepare(
      `INSERT INTO tickets (id, hall_id, day, number, business_type, status, issued_at, issued_by) VALUES (?, 'H001', '2026-11-23', 'A001', 'PAY', 'waiting', 'x', 's')`,
    );
    ins.run('t1');
    expect(() => ins.run('t2')).toThrow(/UNIQUE/);
  });
});
