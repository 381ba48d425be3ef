import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';

/*
 * Is a build older than its sources? `npm start` and `npm run serve` rebuild the renderer and the
 * Electron bundles when any source file is newer than the build's output, so nobody ever runs
 * yesterday's pages against today's host.
 */

export interface FileTimes {
  /** mtime in ms, or null when the path does not exist. */
  mtime(file: string): number | null;
  isDirectory(file: string): boolean;
  list(dir: string): string[];
}

export const realFileTimes: FileTimes = {
  mtime(file) {
    try {
      return statSync(file).mtimeMs;
    } catch {
      return null;
    }
  },
  isDirectory(file) {
    try {
      return statSync(file).isDirectory();
    } catch {
      return false;
    }
  },
  list: (dir) => readdirSync(dir),
};

/** Skipped while walking sources: dependencies, build output and dot folders (.git, .vite, .data). */
const IGNORED = new Set(['node_modules', 'out', 'dist', 'release']);

/** The newest file under the given files/directories, or null when there is none. */
export function newestSource(
  sources: readonly string[],
  fs: FileTimes = realFileTimes,
): { file: string; mtimeMs: number } | null {
  let newest: { file: string; mtimeMs: number } | null = null;
  const visit = (file: string): void => {
    if (fs.isDirectory(file)) {
      for (const name of fs.list(file)) if (!name.startsWith('.') && !IGNORED.has(name)) visit(path.join(file, name));
      return;
    }
    const mtimeMs = fs.mtime(file);
    if (mtimeMs !== null && (!newest || mtimeMs > newest.mtimeMs)) newest = { file, mtimeMs };
  };
  for (const source of sources) visit(source);
  return newest;
}

export type Freshness =
  | { stale: false }
  | { stale: true; reason: 'missing'; output: string }
  | { stale: true; reason: 'newer'; source: string };

/**
 * Stale when an output is missing, or when some source is newer than the OLDEST output (a build
 * that wrote two of three bundles is not fresh).
 */
export function buildFreshness(
  build: { sources: readonly string[]; outputs: readonly string[] },
  fs: FileTimes = realFileTimes,
): Freshness {
  let oldestOutput = Infinity;
  for (const output of build.outputs) {
    const mtime = fs.mtime(output);
    if (mtime === null) return { stale: true, reason: 'missing', output };
    oldestOutput = Math.min(oldestOutput, mtime);
  }
  const newest = newestSource(build.sources, fs);
  if (newest && newest.mtimeMs > oldestOutput) return { stale: true, reason: 'newer', source: newest.file };
  return { stale: false };
}

/** The one line saying why a build runs, e.g. "renderer: renderer/App.vue changed since the last build; rebuilding". */
export function rebuildLine(what: string, freshness: Freshness, root: string): string | null {
  if (!freshness.stale) return null;
  return freshness.reason === 'missing'
    ? `${what}: no build yet (${path.relative(root, freshness.output)}); building`
    : `${what}: ${path.relative(root, freshness.source)} changed since the last build; rebuilding`;
}
