import path from 'node:path';
import { buildFreshness, rebuildLine, type FileTimes } from './build-freshness';
import { runNodeBin } from './node-bin';

export const ROOT = path.resolve(import.meta.dirname, '..');
export const RENDERER_DIR = path.join(ROOT, 'out', 'renderer');
const ELECTRON_DIR = path.join(ROOT, 'out', 'electron');

/** What each build reads and writes (vite.config.ts and scripts/build-electron.ts list the same). */
export const BUILDS = {
  renderer: {
    sources: ['renderer', 'common', 'vite.config.ts'].map((p) => path.join(ROOT, p)),
    // vite empties out/renderer and writes index.html last but one: its time is the build's.
    outputs: [path.join(RENDERER_DIR, 'index.html')],
  },
  electron: {
    sources: ['hall', 'main', 'central', 'node', 'common', 'devices', 'preload', 'scripts/build-electron.ts'].map((p) =>
      path.join(ROOT, p),
    ),
    outputs: ['main.cjs', 'preload.cjs', 'worker.cjs'].map((f) => path.join(ELECTRON_DIR, f)),
  },
} as const;

export class BuildFailedError extends Error {}

/** Builds the renderer when it is missing or older than its sources (one line saying so). */
export function ensureRendererBuilt(log: (line: string) => void = console.log, fs?: FileTimes): void {
  const line = rebuildLine('界面 renderer', buildFreshness(BUILDS.renderer, fs), ROOT);
  if (!line) return;
  log(line);
  const r = runNodeBin('vite', ['build', '--logLevel', 'warn'], { cwd: ROOT });
  if (r.status !== 0) throw new BuildFailedError('the renderer build (vite build) failed; its errors are above');
}

/**
 * Builds the renderer (and with `electron`, the Electron bundles) when they are missing or older
 * than their sources, saying so in one line each; fresh builds are left alone.
 */
export async function ensureBuildsFresh(
  options: { electron?: boolean; log?: (line: string) => void; fs?: FileTimes } = {},
): Promise<void> {
  const log = options.log ?? ((line: string) => console.log(line));
  ensureRendererBuilt(log, options.fs);
  if (!options.electron) return;
  const electron = rebuildLine('Electron bundles', buildFreshness(BUILDS.electron, options.fs), ROOT);
  if (electron) {
    log(electron);
    const { buildElectron } = await import('./build-electron');
    await buildElectron({ root: ROOT, only: ['main', 'preload', 'worker'] });
  }
}
