import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { startCentral, type CentralServer } from '../../../central/server';
import {
  KIOSK_EXIT_CHANNEL,
  KioskExitGuard,
  staffPinVerifier,
  stationExitAudit,
} from '../../../main/electron/kiosk-exit-glue';
import { startStationHost, type StationHost } from '../../../main/host';
import { DEFAULT_PIN } from '../../../hall/seed';
import { STAFF } from '../../../hall/seed/hall';
import { RawClient } from '../../support/central-backends';
import { makeTempDir, seededDataDir } from '../../support/hall-fixture';
import { FakeBrowserWindow, fakeEvent, ipcMain, resetFakeElectron } from './fake-electron';

/**
 * Every attempt to leave a kiosk or full-screen window — refused or released — is an audit entry
 * of the station (who typed what, when, on which screen), pushed to the central like any audit
 * entry. The guard runs against fake Electron windows and a real station host syncing with a real
 * central.
 */
const staffNo = (role: string) => STAFF.find((s) => s.role === role)!.staffNo;
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function kioskStation(): Promise<{ host: StationHost; central: CentralServer; dataDir: string }> {
  const central = await startCentral({
    dbFile: path.join(seededDataDir('central.db', makeTempDir('exit-central-')), 'central.db'),
  });
  cleanups.push(() => central.close());
  const dataDir = seededDataDir('station.db', makeTempDir('exit-station-'));
  const host = await startStationHost({
    dataDir,
    centralUrl: central.url,
    // A hall station (kiosk windows of a one-PC hall): a kiosk-only station receives no PIN hashes to check against.
    enrollCode: central.issueEnrollmentCode('H001', 'hall'),
  });
  cleanups.push(() => host.close());
  return { host, central, dataDir };
}

function guardedKiosk(host: StationHost) {
  resetFakeElectron();
  const lines: string[] = [];
  const guard = new KioskExitGuard(
    staffPinVerifier(host.storage),
    (l) => lines.push(l),
    stationExitAudit(host.storage, () => host.sync?.trigger()),
  );
  guard.attach(ipcMain as never);
  const win = new FakeBrowserWindow({ kiosk: true }) as FakeBrowserWindow & {
    setKiosk(v: boolean): void;
    setFullScreen(v: boolean): void;
    kiosk: boolean;
  };
  win.kiosk = true;
  win.setKiosk = (v) => void (win.kiosk = v);
  win.setFullScreen = () => {};
  guard.guard(win as never, 'kiosk', { role: 'kiosk', windowNo: null });
  const attempt = (no: unknown, pin: unknown) =>
    ipcMain.handlers.get(KIOSK_EXIT_CHANNEL)!(fakeEvent({ sender: win.webContents }), no, pin) as Promise<{
      ok: boolean;
      reason?: string;
    }>;
  return { win, attempt, lines };
}

describe('kiosk exit attempts are audited', () => {
  it('a wrong PIN, an agent, and the technician: three audit rows at the station, all pushed to the central', async () => {
    const { host, central, dataDir } = await kioskStation();
    const { win, attempt } = guardedKiosk(host);

    expect(await attempt(staffNo('technician'), '000000')).toEqual({ ok: false, reason: 'wrongPin' });
    expect(await attempt(staffNo('agent'), DEFAULT_PIN)).toEqual({ ok: false, reason: 'notAllowed' });
    expect(win.kiosk).toBe(true);
    expect(await attempt(staffNo('technician'), DEFAULT_PIN)).toEqual({ ok: true });
    expect(win.kiosk).toBe(false);

    const db = new Database(path.join(dataDir, 'station.db'), { readonly: true });
    const rows = db
      .prepare(
        `SELECT station_id, actor, action, detail, at FROM audit_log WHERE action LIKE 'kiosk.exit%' ORDER BY at, rowid`,
      )
      .all() as { station_id: string; actor: string | null; action: string; detail: string; at: string }[];
    db.close();
    expect(rows.map((r) => [r.action, JSON.parse(r.detail)])).toEqual([
      ['kiosk.exitRefused', { role: 'kiosk', windowNo: null, staffNo: staffNo('technician'), reason: 'wrongPin' }],
      ['kiosk.exitRefused', { role: 'kiosk', windowNo: null, staffNo: staffNo('agent'), reason: 'notAllowed' }],
      ['kiosk.exit', { role: 'kiosk', windowNo: null, staffNo: staffNo('technician') }],
    ]);
    for (const r of rows) {
      expect(r.station_id).toBe(host.storage.stationId);
      expect(r.actor).toBeNull();
      expect(Math.abs(Date.parse(r.at) - Date.now())).toBeLessThan(60_000);
    }

    // The station's push carries them to the central, like any audit entry.
    await host.sync!.idle();
    host.sync!.trigger();
    await host.sync!.idle();
    const manager = await RawClient.enroll(central, 'manager-exit-audit', 'manager');
    const audits = (await manager.pull()).changes.filter(
      (ch) => ch.entity === 'audit' && String(ch.row.action).startsWith('kiosk.exit'),
    );
    expect(audits.map((ch) => ch.row.action)).toEqual(['kiosk.exitRefused', 'kiosk.exitRefused', 'kiosk.exit']);
    expect((await host.sync!.status()).rejected).toBe(0);
  });

  it('a malformed attempt and a locked window are audited too, without a staff number that is not one', async () => {
    const { host, dataDir } = await kioskStation();
    const { attempt } = guardedKiosk(host);
    expect(await attempt({ staffNo: '1025' }, null)).toEqual({ ok: false, reason: 'wrongPin' });
    for (let i = 0; i < 4; i++) await attempt(staffNo('technician'), '999999');
    expect((await attempt(staffNo('technician'), DEFAULT_PIN)).reason).toBe('locked');

    const db = new Database(path.join(dataDir, 'station.db'), { readonly: true });
    const details = (
      db.prepare(`SELECT detail FROM audit_log WHERE action = 'kiosk.exitRefused' ORDER BY at, rowid`).all() as {
        detail: string;
      }[]
    ).map((r) => JSON.parse(r.detail) as { staffNo: string | null; reason: string });
    db.close();
    expect(details).toHaveLength(6);
    expect(details[0]).toEqual({ role: 'kiosk', windowNo: null, staffNo: null, reason: 'wrongPin' });
    expect(details.map((d) => d.reason).slice(-2)).toEqual(['locked', 'locked']);
  });
});
