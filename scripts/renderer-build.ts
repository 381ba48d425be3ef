import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

export const ROOT = path.resolve(import.meta.dirname, '..');
export const RENDERER_DIR = path.join(ROOT, 'out', 'renderer');

/** Build the renderer once if it is missing (a fresh clone), so browser mode always has pages. */
export function ensureRendererBuilt(log: (l: string) => void = console.log): void {
  if (fs.existsSync(path.join(RENDERER_DIR, 'index.html'))) return;
  log('构建界面 building the renderer (first run)…');
  const r = spawnSync('npx', ['vite', 'build', '--logLevel', 'warn'], { stdio: 'inherit', cwd: ROOT });
  if (r.status !== 0) throw new Error('vite build failed');
}
