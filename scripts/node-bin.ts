import { spawnSync, type SpawnSyncOptions, type SpawnSyncReturns } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

/*
 * Runs a package's command through this Node (process.execPath + the package's bin script) rather
 * than `npx NAME`: on Windows `npx` is npx.cmd, which spawn() cannot start without a shell, and a
 * shell would re-quote the arguments. The same call works on Linux, macOS and Windows.
 */

const require = createRequire(import.meta.url);

/** The absolute path of a package's bin script (`bin` is a string or a name → path map). */
export function binScript(pkg: string, bin: string = pkg.split('/').pop()!): string {
  const manifestPath = require.resolve(`${pkg}/package.json`);
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as { bin?: string | Record<string, string> };
  const relative = typeof manifest.bin === 'string' ? manifest.bin : manifest.bin?.[bin];
  if (!relative) throw new Error(`${pkg} has no bin named ${bin}`);
  return path.join(path.dirname(manifestPath), relative);
}

/** The command and arguments that run `pkg`'s bin with `args` on any platform. */
export function nodeBinCommand(pkg: string, args: readonly string[], bin?: string): [string, string[]] {
  return [process.execPath, [binScript(pkg, bin), ...args]];
}

export function runNodeBin(
  pkg: string,
  args: readonly string[],
  options: SpawnSyncOptions & { bin?: string } = {},
): SpawnSyncReturns<Buffer> {
  const { bin, ...spawnOptions } = options;
  const [command, commandArgs] = nodeBinCommand(pkg, args, bin);
  return spawnSync(command, commandArgs, {
    stdio: 'inherit',
    windowsHide: true,
    ...spawnOptions,
  }) as SpawnSyncReturns<Buffer>;
}

/**
 * `npm run …` from a script: through the npm CLI that started us (npm_execpath) when there is
 * one, so no npm.cmd shim is needed on Windows.
 */
export function npmCommand(args: readonly string[], env: NodeJS.ProcessEnv = process.env): [string, string[]] {
  const npmCli = env.npm_execpath;
  if (npmCli && /\.(c|m)?js$/.test(npmCli)) return [process.execPath, [npmCli, ...args]];
  return [process.platform === 'win32' ? 'npm.cmd' : 'npm', [...args]];
}
