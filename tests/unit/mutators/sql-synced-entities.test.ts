import { describe, expect, it } from 'vitest';
import {
  MONEY_ENTITIES,
  SYNCED_ENTITIES,
  billId,
  isMoneyEntity,
  parseBillId,
  projectedColumns,
  sameColumns,
  type SyncedEntity,
} from '@common/mutators';
import { openMutatorDb } from '../../support/mutator-db';

/** The map sync reads and writes rows by: every entity names a real table and its key column. */
describe('synced entities', () => {
  it('name a table of the schema and a key column it has, for every entity', () => {
    const { rows } = openMutatorDb();
    for (const [entity, spec] of Object.entries(SYNCED_ENTITIES)) {
      const columns = rows<{ name: string; pk: number }>(`SELECT name, pk FROM pragma_table_info(?)`, spec.table);
      expect(columns.length, `${entity}: table ${spec.table}`).toBeGreaterThan(0);
      expect(
        columns.some((c) => c.name === spec.key),
        `${entity}: key ${spec.key}`,
      ).toBe(true);
      for (const c of projectedColumns(entity as SyncedEntity) ?? [])
        expect(
          columns.some((col) => col.name === c),
          `${entity}: column ${c}`,
        ).toBe(true);
    }
  });

  it('give each table to one entity', () => {
    const tables = Object.values(SYNCED_ENTITIES).map((s) => s.table);
    expect(new Set(tables).size).toBe(tables.length);
  });

  it('project a customer balance to its id and balance only, never the personal data', () => {
    expect(projectedColumns('customerBalance')).toEqual(['id', 'balance_fen']);
    expect(projectedColumns('ticket')).toBeNull();
    expect(projectedColumns('bill')).toBeNull();
  });

  it('count bills, balances and allocations as money the central decides, and nothing else', () => {
    expect([...MONEY_ENTITIES].sort()).toEqual(['bill', 'customerBalance', 'paymentAllocation']);
    for (const e of Object.keys(SYNCED_ENTITIES)) expect(isMoneyEntity(e)).toBe(MONEY_ENTITIES.includes(e as never));
    expect(isMoneyEntity('payment')).toBe(false);
    expect(isMoneyEntity('')).toBe(false);
  });
});

describe('bill ids', () => {
  it('join customer and period, and parse back', () => {
    expect(billId(42, '2026-11')).toBe('42/2026-11');
    expect(parseBillId(billId(42, '2026-11'))).toEqual({ customerId: 42, period: '2026-11' });
    expect(parseBillId('123456789012345/p')).toEqual({ customerId: 123456789012345, period: 'p' });
    expect(parseBillId('1/' + 'p'.repeat(16))).toEqual({ customerId: 1, period: 'p'.repeat(16) });
  });

  it.each([
    '',
    '42',
    '/2026-11',
    '42/',
    'x42/2026-11',
    '4a/2026-11',
    '1234567890123456/p',
    '1/' + 'p'.repeat(17),
    ' 42/p',
  ])('refuse %j', (id) => {
    expect(parseBillId(id)).toBeNull();
  });
});

describe('sameColumns', () => {
  it('holds for the same names in the same order only', () => {
    expect(sameColumns(['a', 'b'], ['a', 'b'])).toBe(true);
    expect(sameColumns([], [])).toBe(true);
    expect(sameColumns(['a', 'b'], ['b', 'a'])).toBe(false);
    expect(sameColumns(['a'], ['a', 'b'])).toBe(false);
    expect(sameColumns(['a', 'b'], ['a'])).toBe(false);
    expect(sameColumns(['a', 'c'], ['a', 'b'])).toBe(false);
  });
});
