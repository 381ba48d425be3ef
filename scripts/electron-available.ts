import { spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

/*
 * Is there an Electron binary that runs here? Never `require('electron')` to find out: the
 * package's index.js tries to DOWNLOAD the binary when it is missing. We read its path.txt and
 * look at dist/ ourselves, then run `electron --version` as Node (ELECTRON_RUN_AS_NODE) to prove
 * the binary loads (its shared libraries are present).
 */

export interface ElectronProbe {
  /** Directory of the installed electron package, or null. */
  packageDir(): string | null;
  env: NodeJS.ProcessEnv;
  exists(file: string): boolean;
  read(file: string): string;
  isExecutable(file: string): boolean;
  /** True when the binary starts (exit status 0). */
  runs(file: string): boolean;
}

const require = createRequire(import.meta.url);

export const realProbe: ElectronProbe = {
  packageDir() {
    try {
      return path.dirname(require.resolve('electron/package.json'));
    } catch {
      return null;
    }
  },
  env: process.env,
  exists: existsSync,
  read: (file) => readFileSync(file, 'utf8'),
  isExecutable(file) {
    try {
      accessSync(file, process.platform === 'win32' ? constants.F_OK : constants.X_OK);
      return true;
    } catch {
      return false;
    }
  },
  runs(file) {
    const result = spawnSync(file, ['--version'], {
      env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' },
      stdio: 'ignore',
      timeout: 20_000,
      windowsHide: true,
    });
    return result.status === 0;
  },
};

/** The binary's path from the package layout (path.txt + dist/), without running it. */
export function findElectronBinary(probe: ElectronProbe): string | null {
  const dir = probe.packageDir();
  if (!dir) return null;
  const pathFile = path.join(dir, 'path.txt');
  if (!probe.exists(pathFile)) return null;
  const relative = probe.read(pathFile).trim();
  if (!relative) return null;
  const distDir = probe.env.ELECTRON_OVERRIDE_DIST_PATH || path.join(dir, 'dist');
  const binary = path.join(distDir, relative);
  if (!probe.exists(binary) || !probe.isExecutable(binary)) return null;
  return binary;
}

let cached: string | null | undefined;

/**
 * The path of a runnable Electron binary, or null when the package or its binary is absent or
 * the binary does not start here. Used by `npm start` (fall back to browser mode), `npm run dist`
 * and the Electron e2e (skip). Cached for the process.
 */
export function electronBinaryPath(probe: ElectronProbe = realProbe): string | null {
  if (probe === realProbe && cached !== undefined) return cached;
  const binary = findElectronBinary(probe);
  const result = binary && probe.runs(binary) ? binary : null;
  if (probe === realProbe) cached = result;
  return result;
}

const invokedDirectly =
  process.argv[1] !== undefined && path.resolve(process.argv[1]) === path.resolve(new URL(import.meta.url).pathname);
if (invokedDirectly) {
  const binary = electronBinaryPath();
  console.log(binary ?? 'Electron binary not installed');
  process.exitCode = binary ? 0 : 1;
}
