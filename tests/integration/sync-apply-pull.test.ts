/**
 * What a station does with the rows of a pull batch: each row written with only its table's
 * columns, under the id the change names, whatever order its keys come in; a batch whose checksum
 * does not match, or with a row under another id, is refused whole.
 */
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import type { Change } from '@common/sync/protocol';
import { startStationHost, type StationHost } from '../../main/host';
import { batchChecksum } from '../../node/sync/checksum';
import { makeTempDir, seededDataDir } from '../support/hall-fixture';

const hosts: StationHost[] = [];
afterEach(async () => {
  await Promise.all(hosts.splice(0).map((h) => h.close()));
});

async function station(): Promise<{ host: StationHost; audit(): unknown[] }> {
  const dataDir = seededDataDir('station.db', makeTempDir('apply-pull-'));
  const host = await startStationHost({ dataDir });
  hosts.push(host);
  const audit = () => {
    const db = new Database(path.join(dataDir, 'station.db'), { readonly: true });
    try {
      return db.prepare("SELECT id, actor, action, detail FROM audit_log WHERE id LIKE 'pulled-%' ORDER BY id").all();
    } finally {
      db.close();
    }
  };
  return { host, audit };
}

const row = (id: string, actor: string) => ({
  id,
  at: '2026-11-23T02:00:00.000Z',
  station_id: 'counter-03',
  actor,
  action: 'payment.recorded',
  detail: '{"payer":"张*明"}',
});
const batch = (changes: Change[], kind: 'fnv1a' | 'sha256' = 'sha256') => {
  const cursor = changes.at(-1)?.version ?? 0;
  return { cursor, lastMutationId: 0, changes, more: false, checksum: batchChecksum(cursor, changes, kind) };
};

describe('a station applying a pull batch', () => {
  it('writes rows whatever order their keys come in, drops columns its table does not have, and checks either checksum kind', async () => {
    const { host, audit } = await station();
    const { station_id, ...rest } = row('pulled-2', 'S1002');
    const changes: Change[] = [
      { version: 1, entity: 'audit', id: 'pulled-1', row: row('pulled-1', 'S1001') },
      // The same entity with its keys in another order, and a column the table does not have.
      { version: 2, entity: 'audit', id: 'pulled-2', row: { evil: 'DROP TABLE audit_log', ...rest, station_id } },
      { version: 3, entity: 'audit', id: 'pulled-3', row: row('pulled-3', 'S1003') },
    ];
    await host.storage.run('applyPull', { response: batch(changes.slice(0, 2), 'fnv1a') });
    await host.storage.run('applyPull', { response: batch(changes.slice(2)) });
    expect(audit()).toEqual([
      { id: 'pulled-1', actor: 'S1001', action: 'payment.recorded', detail: '{"payer":"张*明"}' },
      { id: 'pulled-2', actor: 'S1002', action: 'payment.recorded', detail: '{"payer":"张*明"}' },
      { id: 'pulled-3', actor: 'S1003', action: 'payment.recorded', detail: '{"payer":"张*明"}' },
    ]);
    expect(await host.storage.run('syncCounters')).toMatchObject({ cursor: 3 });
  });

  it('refuses a whole batch with a row under another id than its change names, or a damaged checksum, and keeps its checkpoint', async () => {
    const { host, audit } = await station();
    const good = { version: 1, entity: 'audit' as const, id: 'pulled-1', row: row('pulled-1', 'S1001') };
    const forged = { version: 2, entity: 'audit' as const, id: 'pulled-2', row: row('pulled-9', 'S1009') };
    await expect(host.storage.run('applyPull', { response: batch([good, forged]) })).rejects.toThrow(
      /row key does not match id/,
    );
    await expect(
      host.storage.run('applyPull', { response: { ...batch([good]), checksum: 'sha256:AAAAAAAAAAAAAAAAAAAAAA' } }),
    ).rejects.toThrow(/checksum mismatch/);
    expect(audit()).toEqual([]);
    expect(await host.storage.run('syncCounters')).toMatchObject({ cursor: 0 });
  });
});
