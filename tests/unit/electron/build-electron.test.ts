import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildElectron, NATIVE_EXTERNALS } from '../../../scripts/build-electron';

// Inside the repo (out/ is git-ignored) so the bundles resolve node_modules as the real ones do.
const repoOut = path.resolve(__dirname, '../../../out');
mkdirSync(repoOut, { recursive: true });
const outDir = mkdtempSync(path.join(repoOut, 'test-electron-'));
afterAll(() => rmSync(outDir, { recursive: true, force: true }));

/** One JSON line printed by fake-electron-main.cjs. */
interface Observation {
  kind: string;
  [k: string]: unknown;
}

const requiresOf = (file: string): string[] => [
  ...new Set([...readFileSync(file, 'utf8').matchAll(/\brequire\("([^"]+)"\)/g)].map((m) => m[1])),
];

describe('electron bundles', () => {
  it('the sandboxed preload requires nothing but electron and exposes only stationApi and kioskExit', async () => {
    await buildElectron({ outDir, only: ['preload'], sourcemap: false });
    const file = path.join(outDir, 'preload.cjs');
    expect(requiresOf(file)).toEqual(['electron']);
    const code = readFileSync(file, 'utf8');
    expect(code.match(/exposeInMainWorld\(/g)).toHaveLength(2);
    expect(code).toContain('exposeInMainWorld("stationApi"');
    expect(code).toContain('exposeInMainWorld("kioskExit"');
    expect(code).toContain('"station:call"');
  });

  it('main.cjs leaves only Node built-ins and the native modules external', async () => {
    await buildElectron({ outDir, only: ['main', 'worker'], sourcemap: false });
    const allowed = new Set([...builtinModules, ...builtinModules.map((m) => `node:${m}`), ...NATIVE_EXTERNALS]);
    for (const name of ['main.cjs', 'worker.cjs']) {
      const file = path.join(outDir, name);
      if (!existsSync(file)) continue;
      for (const id of requiresOf(file))
        expect(allowed.has(id) || id.startsWith('@serialport/'), `${name} requires ${id}`).toBe(true);
      expect(readFileSync(file, 'utf8')).not.toMatch(/\bimport\.meta\.url\b/);
    }
    expect(requiresOf(path.join(outDir, 'main.cjs'))).toContain('electron');
  }, 60_000);

  it('the built main.cjs boots in Node with a fake electron: host, IPC and app:// all answer', () => {
    const main = path.join(outDir, 'main.cjs');
    expect(existsSync(main)).toBe(true);
    const userData = mkdtempSync(path.join(tmpdir(), 'hall-electron-smoke-'));
    try {
      const run = spawnSync(process.execPath, ['-r', path.join(__dirname, 'fake-electron-main.cjs'), main], {
        env: { ...process.env, HALL_CONSOLE_USER_DATA: userData, ELECTRON_RUN_AS_NODE: undefined },
        encoding: 'utf8',
        timeout: 45_000,
      });
      const lines = run.stdout
        .split('\n')
        .filter((l) => l.startsWith('{'))
        .map((l) => JSON.parse(l) as Observation);
      const of = (kind: string) => lines.filter((l) => l.kind === kind);
      expect(of('timeout'), run.stderr).toEqual([]);
      expect(of('window')).toHaveLength(1);
      expect(of('window')[0].webPreferences).toMatchObject({
        sandbox: true,
        contextIsolation: true,
        nodeIntegration: false,
        preload: path.join(outDir, 'preload.cjs'),
      });
      expect(of('load')[0].url).toBe('app://hall/index.html#/kiosk');
      const [info, callNext] = of('result');
      expect(info.result, run.stderr).toMatchObject({ ok: true, value: { role: 'kiosk' } });
      expect(callNext.result).toMatchObject({ ok: false, error: { code: 'forbidden' } });
      expect(of('protocol')[0]).toMatchObject({ status: 404 });
      expect(of('protocol')[0].csp).toContain("default-src 'self' app:");
      // Native crash dumps stay on the PC; the JavaScript log is under userData/logs.
      expect(of('crashReporter')).toEqual([{ kind: 'crashReporter', uploadToServer: false, compress: true }]);
      expect(readdirSync(path.join(userData, 'logs')).some((f) => f.startsWith('electron-main.'))).toBe(true);
      expect(of('closing')).toHaveLength(1);
      expect(of('quit')).toHaveLength(1);
      expect(run.status).toBe(0);
    } finally {
      rmSync(userData, { recursive: true, force: true });
    }
  }, 60_000);
});
