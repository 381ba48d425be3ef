import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { OPS } from '../../../main/storage/ops';
import { Storage } from '../../../main/storage/storage';
import { seededDataDir } from '../../support/hall-fixture';

/** Bench- and test-only storage ops stay out of production's table; the worker adds them on request. */
const BURST_OPS = new URL('../../../bench/write-burst.ops.ts', import.meta.url).href;
const dbFile = () => path.join(seededDataDir('station.db'), 'station.db');

describe('extra storage ops', () => {
  it('are not in the production op table, nor reachable without being asked for', async () => {
    expect(Object.keys(OPS)).not.toContain('writeBurst');
    const storage = await Storage.open(dbFile());
    try {
      await expect(storage.runExtra('writeBurst', { rows: 1 })).rejects.toThrow('unknown storage op writeBurst');
    } finally {
      await storage.close();
    }
  });

  it('run beside the production ops when the storage is opened with their module', async () => {
    const storage = await Storage.open(dbFile(), { extraOps: BURST_OPS });
    try {
      expect(await storage.runExtra('writeBurst', { rows: 10 })).toBe(10);
      expect((await storage.run('identity')).hallId).toBe('H001');
    } finally {
      await storage.close();
    }
  });

  it('may not replace a production op', async () => {
    const clashing = new URL('./fixtures/clashing.ops.ts', import.meta.url).href;
    await expect(Storage.open(dbFile(), { extraOps: clashing })).rejects.toThrow(
      'extra storage op identity would replace a production op',
    );
  });
});
