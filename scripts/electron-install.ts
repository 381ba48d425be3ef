import { spawn, spawnSync } from 'node:child_process';
import { lookup } from 'node:dns/promises';
import { connect } from 'node:net';
import path from 'node:path';
import { electronBinaryPath, findElectronBinary, realProbe, type ElectronProbe } from './electron-available';

/*
 * Makes sure an Electron binary is there before `npm start` / `npm run dist` need it: when the
 * package is installed but its binary is not (installs that ran without download access), run
 * electron's own installer (its `install-electron` bin). When that fails, find out WHY from what
 * the installer printed and, for a network failure, from the download host itself, so the one
 * line the user reads is true: no internet, host unreachable, no build for this platform, a
 * library missing to start it.
 */

export interface InstallAttempt {
  /** Exit status of the installer (null when it could not be started or was killed). */
  status: number | null;
  /** What it printed (stderr and stdout). */
  output: string;
}

/** How the download host answers from here. */
export type HostReach = 'reachable' | 'no-dns' | 'unreachable';

export interface ElectronInstallDeps {
  probe: ElectronProbe;
  install(): Promise<InstallAttempt>;
  reach(host: string): Promise<HostReach>;
  /** Starts the binary once (`--version` as Node); null when it runs, else what it printed. */
  launchError(binary: string): string | null;
  env: NodeJS.ProcessEnv;
  platform: string;
  log(line: string): void;
}

const INSTALL_TIMEOUT_MS = 10 * 60_000;

export function realInstaller(packageDir: string): () => Promise<InstallAttempt> {
  return () =>
    new Promise((resolve) => {
      const child = spawn(process.execPath, [path.join(packageDir, 'install.js')], {
        stdio: ['ignore', 'pipe', 'pipe'],
        windowsHide: true,
        timeout: INSTALL_TIMEOUT_MS,
      });
      let output = '';
      child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
      child.on('error', (e) => resolve({ status: null, output: `${output}${e.message}` }));
      child.on('close', (status) => resolve({ status, output }));
    });
}

export async function realReach(host: string): Promise<HostReach> {
  try {
    await lookup(host);
  } catch {
    return 'no-dns';
  }
  return new Promise((resolve) => {
    const socket = connect({ host, port: 443, timeout: 5000 });
    const done = (reach: HostReach) => {
      socket.destroy();
      resolve(reach);
    };
    socket.once('connect', () => done('reachable'));
    socket.once('timeout', () => done('unreachable'));
    socket.once('error', () => done('unreachable'));
  });
}

export function realLaunchError(binary: string): string | null {
  const r = spawnSync(binary, ['--version'], {
    env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' },
    encoding: 'utf8',
    timeout: 20_000,
    windowsHide: true,
  });
  if (r.status === 0) return null;
  return `${r.stderr ?? ''}${r.stdout ?? ''}${r.error ? r.error.message : ''}`.trim() || `exit status ${r.status}`;
}

/** Where @electron/get downloads from: a configured mirror, else GitHub's releases. */
export function downloadHost(env: NodeJS.ProcessEnv): string {
  const mirror = env.ELECTRON_MIRROR ?? env.npm_config_electron_mirror;
  try {
    return new URL(mirror ?? 'https://github.com/').hostname;
  } catch {
    return 'github.com';
  }
}

const firstLine = (text: string): string =>
  text
    .split('\n')
    .map((l) => l.trim())
    .find((l) => l.length > 0 && !l.startsWith('at ')) ?? 'no output';

/** A shared library the dynamic loader did not find, as Linux's loader words it. */
const MISSING_LIBRARY = /error while loading shared libraries: ([^\s:]+)/;

/** Why the binary does not start, as the middle of a sentence. */
export function launchFailureReason(output: string): string {
  const library = MISSING_LIBRARY.exec(output)?.[1];
  if (library)
    return `Electron is installed but cannot start because the system library ${library} is missing (install the packages listed in README.md, "Run it")`;
  return `Electron is installed but does not start here (${firstLine(output)})`;
}

/** Why the installer failed, as the middle of a sentence. */
export async function installFailureReason(
  attempt: InstallAttempt,
  deps: Pick<ElectronInstallDeps, 'reach' | 'env' | 'platform'>,
): Promise<string> {
  const out = attempt.output;
  const unsupported = /Electron builds are not available on platform: (\S+)/.exec(out);
  if (unsupported) return `Electron cannot be installed because it has no build for this platform (${unsupported[1]})`;
  if (/HTTPError|Response code 4\d\d|status code 4\d\d/.test(out))
    return `Electron cannot be installed because the download server has no such release (${firstLine(out)})`;
  if (/checksum|sha256/i.test(out))
    return 'Electron cannot be installed because the downloaded file failed its checksum';
  if (/EACCES|EPERM/.test(out))
    return 'Electron cannot be installed because node_modules/electron is not writable by this user';
  if (
    /fetch failed|ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ECONNRESET|ETIMEDOUT|ENETUNREACH|socket hang up|timed out/i.test(out)
  ) {
    const host = downloadHost(deps.env);
    const reach = await deps.reach(host);
    if (reach === 'no-dns')
      return `Electron cannot be installed because this machine has no internet access (the download host ${host} cannot be resolved)`;
    if (reach === 'unreachable')
      return `Electron cannot be installed because the download host ${host} cannot be reached from this machine (a firewall or proxy is in the way)`;
    return `Electron cannot be installed because its download from ${host} failed (${firstLine(out)})`;
  }
  if (attempt.status === null) return `Electron's installer did not finish (${firstLine(out)})`;
  return `Electron's installer failed (${firstLine(out)})`;
}

export type ElectronSetup = { binary: string } | { binary: null; reason: string };

/**
 * A runnable Electron binary, installing it first when the package is there without one; or the
 * reason (one clause, for "…, so <what happens instead>.") there is none.
 */
export async function ensureElectron(deps: ElectronInstallDeps): Promise<ElectronSetup> {
  const packageDir = deps.probe.packageDir();
  if (!packageDir) return { binary: null, reason: 'the electron package is not installed (run npm install)' };
  let binary = findElectronBinary(deps.probe);
  if (!binary) {
    deps.log('Electron 的程序文件缺失，正在安装 the Electron binary is missing; running its installer…');
    const attempt = await deps.install();
    binary = findElectronBinary(deps.probe);
    if (!binary) {
      const reason =
        attempt.status === 0
          ? `Electron's installer finished but left no binary for ${deps.platform}`
          : await installFailureReason(attempt, deps);
      return { binary: null, reason };
    }
  }
  const failure = deps.launchError(binary);
  return failure === null ? { binary } : { binary: null, reason: launchFailureReason(failure) };
}

/** ensureElectron with the real package, installer, network and binary. */
export function ensureElectronHere(log: (line: string) => void = console.log): Promise<ElectronSetup> {
  const cached = electronBinaryPath();
  if (cached) return Promise.resolve({ binary: cached });
  const packageDir = realProbe.packageDir();
  return ensureElectron({
    probe: realProbe,
    install: packageDir ? realInstaller(packageDir) : async () => ({ status: null, output: 'no electron package' }),
    reach: realReach,
    launchError: realLaunchError,
    env: process.env,
    platform: process.platform,
    log,
  });
}
