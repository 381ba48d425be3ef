import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { App } from 'electron';
import { chooseStationType, FIRST_RUN_CHOICES } from '../../../main/electron/first-run';
import { applyLoginItem, wantsLoginItem } from '../../../main/electron/login-item';
import { parseStationConfig } from '../../../main/electron/roles-config';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('first run', () => {
  it('the chosen station is written to station.json, which then loads as that station', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'first-run-'));
    dirs.push(dir);
    const file = path.join(dir, 'userData', 'station.json');
    const counter = FIRST_RUN_CHOICES.findIndex((c) => c.config.station === 'counter');
    const dialog = { showMessageBoxSync: vi.fn(() => counter) };
    expect(chooseStationType(dialog, file)).toMatchObject({ station: 'counter', windowNo: 1 });
    const loaded = parseStationConfig(readFileSync(file, 'utf8'), file);
    expect(loaded).toMatchObject({ ok: true, source: 'file', config: { station: 'counter', windowNo: 1 } });
    // Written whole: no temporary file left beside it.
    expect(readdirSync(path.dirname(file))).toEqual(['station.json']);
    const asked = dialog.showMessageBoxSync.mock.calls[0] as unknown as [{ buttons: string[]; cancelId: number }];
    expect(asked[0].buttons).toHaveLength(FIRST_RUN_CHOICES.length + 1);
  });

  it('closing the dialog writes nothing', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'first-run-'));
    dirs.push(dir);
    const file = path.join(dir, 'station.json');
    expect(chooseStationType({ showMessageBoxSync: () => FIRST_RUN_CHOICES.length }, file)).toBeNull();
    expect(existsSync(file)).toBe(false);
  });
});

describe('login item', () => {
  const fakeApp = (packaged: boolean, openAtLogin: boolean) => {
    const set = vi.fn();
    const app = {
      isPackaged: packaged,
      getLoginItemSettings: () => ({ openAtLogin }),
      setLoginItemSettings: set,
    } as unknown as App;
    return { app, set };
  };

  it('kiosks and displays start at login; staff stations do not', () => {
    expect(
      ['kiosk', 'display', 'counter', 'manager', 'guide', 'devices', 'demo'].filter((station) =>
        wantsLoginItem({ station: station as 'kiosk' }),
      ),
    ).toEqual(['kiosk', 'display']);
  });

  it('an installed kiosk sets the login item once; a counter clears one left from before', () => {
    const kiosk = fakeApp(true, false);
    applyLoginItem(kiosk.app, { station: 'kiosk' }, () => {});
    expect(kiosk.set).toHaveBeenCalledWith({ openAtLogin: true });
    const already = fakeApp(true, true);
    applyLoginItem(already.app, { station: 'display' }, () => {});
    expect(already.set).not.toHaveBeenCalled();
    const counter = fakeApp(true, true);
    applyLoginItem(counter.app, { station: 'counter' }, () => {});
    expect(counter.set).toHaveBeenCalledWith({ openAtLogin: false });
  });

  it('a development run leaves the OS login items alone', () => {
    const dev = fakeApp(false, false);
    applyLoginItem(dev.app, { station: 'kiosk' }, () => {});
    expect(dev.set).not.toHaveBeenCalled();
  });
});
