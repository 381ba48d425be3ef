/**
 * Disk full on a station: its data directory sits on a small tmpfs, filled up with a filler file
 * until nothing more fits. Local writes then fail with a typed storage_error (nothing of them
 * written, the outbox unchanged), pulls that cannot be stored show the same error in the sync
 * status with the checkpoint unmoved, and once space returns the station carries on and catches up.
 * Mounting needs root (CAP_SYS_ADMIN); elsewhere the test says why it is skipped.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startStationHost } from '../../main/host';
import { RawClient, useCentralBackends } from '../support/central-backends';
import { makeTempDir, seededTemplate } from '../support/hall-fixture';
import { auditArgs, FAULT_DAY, issueArgs } from '../support/sync-ops';

const { centralOn, cleanups } = useCentralBackends();
const mountPoint = makeTempDir('diskfull-');

function tryMount(): string | null {
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=4m', 'tmpfs', mountPoint], { stdio: 'pipe' });
    return null;
  } catch (e) {
    return `cannot mount a small tmpfs here (${(e as Error).message.split('\n')[0]}); needs root with CAP_SYS_ADMIN`;
  }
}
const unavailable = tryMount();
if (unavailable) console.warn(`disk-full test skipped: ${unavailable}`);
afterAll(() => {
  if (!unavailable) execFileSync('umount', ['-l', mountPoint]);
});

/** Fill the filesystem: write 64 KiB blocks until ENOSPC. */
function fillUp(file: string): void {
  const fd = fs.openSync(file, 'w');
  const block = Buffer.alloc(64 * 1024, 0x5a);
  try {
    for (;;) fs.writeSync(fd, block);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOSPC') throw e;
  } finally {
    fs.closeSync(fd);
  }
}

describe('disk full on a station', () => {
  it.skipIf(unavailable !== null)(
    'fails writes with a typed error, shows it in sync status, half-applies nothing, and recovers when space returns',
    async () => {
      const central = await centralOn('sqlite');
      const dataDir = path.join(mountPoint, 'station');
      fs.mkdirSync(dataDir, { recursive: true });
      fs.copyFileSync(seededTemplate(), path.join(dataDir, 'station.db'));
      const host = await startStationHost({
        dataDir,
        centralUrl: central.url,
        enrollCode: central.issueEnrollmentCode('H001', 'hall'),
      });
      cleanups.push(host.close);
      host.sync!.trigger();
      await host.sync!.idle();
      expect(await host.sync!.status()).toMatchObject({ online: true, pending: 0 });
      const cursorBefore = (await host.sync!.status()).cursor;

      const filler = path.join(mountPoint, 'filler.bin');
      fillUp(filler);
      // Writes until one no longer fits (the WAL may hold a little room already); each failure is typed and leaves nothing.
      let failure: { code: string; key?: string; message: string } | null = null;
      let written = 0;
      const pendingBefore = (await host.storage.run('syncCounters')).pending;
      for (let i = 0; i < 2000 && !failure; i++) {
        const at = new Date(Date.UTC(2030, 0, 7, 4, 0, i)).toISOString();
        const args = auditArgs(`au-full-${String(i).padStart(5, '0')}`, host.storage.stationId, at);
        args.detail = { pad: 'x'.repeat(2000) };
        try {
          await host.storage.run('mutate', { name: 'audit.append', args, now: at });
          written++;
        } catch (e) {
          failure = {
            code: (e as { code: string }).code,
            key: (e as { key?: string }).key,
            message: (e as Error).message,
          };
          expect((await host.storage.run('syncCounters')).pending).toBe(pendingBefore + written);
        }
      }
      expect(failure).toMatchObject({ code: 'storage_error', key: 'station.storageFull' });
      const kiosk = { connectionId: 'k', source: 'local:test', role: 'kiosk' as const, windowNo: null, session: null };
      const issued = await host.router.call(kiosk, 'queue.issueTicket', { businessType: 'PAY' });
      expect(issued).toMatchObject({ ok: false, error: { code: 'storage_error', key: 'station.storageFull' } });

      // Another station's rows arrive; this one cannot store them: the error shows, the checkpoint stays.
      const other = await RawClient.enroll(central, 'client-other-full');
      const many = Array.from({ length: 200 }, (_, i) => ({
        id: i + 1,
        name: 'ticket.issue',
        args: issueArgs(`tk-full-${i}`, i, '2030-01-07T04:00:00.000Z', FAULT_DAY, 'B'),
        createdAt: 'x',
      }));
      expect((await other.push(many)).status).toBe(200);
      host.sync!.trigger();
      await host.sync!.idle();
      const full = await host.sync!.status();
      expect(full.online).toBe(false);
      expect(full.lastError).toContain('存储空间已满');
      const { cursor: cursorWhileFull } = await host.storage.run('syncCounters');
      expect(cursorWhileFull).toBeGreaterThanOrEqual(cursorBefore);
      expect(cursorWhileFull).toBeLessThan(central.store.version());

      // Space returns: writes go through again and the station catches up with everything.
      fs.rmSync(filler);
      expect((await host.router.call(kiosk, 'queue.issueTicket', { businessType: 'PAY' })).ok).toBe(true);
      host.sync!.trigger();
      await host.sync!.idle();
      expect(await host.sync!.status()).toMatchObject({
        online: true,
        pending: 0,
        lastError: null,
        cursor: central.store.version(),
      });
    },
  );
});
