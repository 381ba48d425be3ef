import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ElectronProbe } from '../../../scripts/electron-available';
import {
  ensureElectron,
  type ElectronInstallDeps,
  type HostReach,
  type InstallAttempt,
} from '../../../scripts/electron-install';

/*
 * `npm start` / `npm run dist` when the Electron binary is missing: electron's own installer runs
 * (injected here as a fake that behaves like the real one: it writes dist/ and path.txt, or fails
 * with the real installer's words), and a failure becomes one true clause.
 */
const PKG = '/repo/node_modules/electron';
const BINARY = path.join(PKG, 'dist', 'electron');

function world(options: {
  installed?: boolean;
  install?: InstallAttempt & { writesBinary?: boolean };
  reach?: HostReach;
  launch?: string | null;
  env?: NodeJS.ProcessEnv;
}) {
  const files = new Set<string>();
  if (options.installed) files.add(path.join(PKG, 'path.txt')).add(BINARY);
  const calls = { install: 0, reach: [] as string[], log: [] as string[] };
  const probe: ElectronProbe = {
    packageDir: () => PKG,
    env: options.env ?? {},
    exists: (f) => files.has(f),
    read: () => 'electron',
    isExecutable: (f) => files.has(f),
    runs: () => true,
  };
  const deps: ElectronInstallDeps = {
    probe,
    install: async () => {
      calls.install++;
      const attempt = options.install ?? { status: 1, output: '' };
      if (attempt.writesBinary) files.add(path.join(PKG, 'path.txt')).add(BINARY);
      return { status: attempt.status, output: attempt.output };
    },
    reach: async (host) => {
      calls.reach.push(host);
      return options.reach ?? 'reachable';
    },
    launchError: () => options.launch ?? null,
    env: options.env ?? {},
    platform: 'linux',
    log: (line) => calls.log.push(line),
  };
  return { deps, calls };
}

/** What electron's install.js prints when @electron/get's fetch fails (its err.stack). */
const FETCH_FAILED = 'TypeError: fetch failed\n    at node:internal/deps/undici/undici:13510:13\n';

describe('ensureElectron', () => {
  it('an installed binary that starts is used as it is: the installer does not run', async () => {
    const { deps, calls } = world({ installed: true });
    expect(await ensureElectron(deps)).toEqual({ binary: BINARY });
    expect(calls.install).toBe(0);
  });

  it('a missing binary is installed with electron installer, then used', async () => {
    const { deps, calls } = world({ install: { status: 0, output: '', writesBinary: true } });
    expect(await ensureElectron(deps)).toEqual({ binary: BINARY });
    expect(calls.install).toBe(1);
    expect(calls.log).toHaveLength(1);
  });

  it('no internet: the download host does not resolve', async () => {
    const { deps, calls } = world({ install: { status: 1, output: FETCH_FAILED }, reach: 'no-dns' });
    expect(await ensureElectron(deps)).toEqual({
      binary: null,
      reason:
        'Electron cannot be installed because this machine has no internet access (the download host github.com cannot be resolved)',
    });
    expect(calls.reach).toEqual(['github.com']);
  });

  it('a configured mirror is the host that is checked and named', async () => {
    const { deps, calls } = world({
      install: { status: 1, output: 'RequestError: connect ECONNREFUSED 10.0.0.9:443' },
      reach: 'unreachable',
      env: { ELECTRON_MIRROR: 'https://mirror.hall.example/electron/' },
    });
    expect(await ensureElectron(deps)).toMatchObject({
      binary: null,
      reason:
        'Electron cannot be installed because the download host mirror.hall.example cannot be reached from this machine (a firewall or proxy is in the way)',
    });
    expect(calls.reach).toEqual(['mirror.hall.example']);
  });

  it('an unsupported platform is named as such, without asking the network', async () => {
    const { deps, calls } = world({
      install: {
        status: 1,
        output: 'Error: Electron builds are not available on platform: aix\n    at getPlatformPath',
      },
    });
    expect(await ensureElectron(deps)).toEqual({
      binary: null,
      reason: 'Electron cannot be installed because it has no build for this platform (aix)',
    });
    expect(calls.reach).toEqual([]);
  });

  it('installed but missing a system library: the library is named', async () => {
    const { deps } = world({
      installed: true,
      launch: 'electron: error while loading shared libraries: libnss3.so: cannot open shared object file',
    });
    expect(await ensureElectron(deps)).toEqual({
      binary: null,
      reason:
        'Electron is installed but cannot start because the system library libnss3.so is missing (install the packages listed in README.md, "Run it")',
    });
  });

  it('a download that failed while the host answers says the download failed, quoting the installer', async () => {
    const { deps } = world({ install: { status: 1, output: 'Error: socket hang up\n    at x' }, reach: 'reachable' });
    expect(await ensureElectron(deps)).toEqual({
      binary: null,
      reason: 'Electron cannot be installed because its download from github.com failed (Error: socket hang up)',
    });
  });

  it('no electron package at all is said as such', async () => {
    const { deps, calls } = world({});
    deps.probe.packageDir = () => null;
    expect(await ensureElectron(deps)).toEqual({
      binary: null,
      reason: 'the electron package is not installed (run npm install)',
    });
    expect(calls.install).toBe(0);
  });
});
