import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { startStationHost } from '../main/host';
import { launchChromium } from '../scripts/chromium';
import { ensureRendererBuilt, RENDERER_DIR } from '../scripts/renderer-build';
import { seedDataDir, stationDbPath } from '../hall/seed/data-dir';
import { figure, type BenchResult } from './harness';

/**
 * Initial JavaScript of the kiosk route, gzipped: every script Chromium fetched until the kiosk's
 * business buttons are on screen, against all the JavaScript the build emits (same build). And the
 * time from starting the station host to the kiosk's home painted in a browser already open (the
 * Electron kiosk's window opens with the host), against the host's own start.
 */
const gz = (file: string): number => zlib.gzipSync(fs.readFileSync(file), { level: 9 }).length;

export async function bundleBench(): Promise<BenchResult> {
  ensureRendererBuilt();
  const dir = path.resolve(import.meta.dirname, '..', '.data', 'bench-0');
  if (!fs.existsSync(stationDbPath(dir))) seedDataDir({ dataDir: dir, customers: 0 });
  const browser = await launchChromium();
  const page = await browser.newPage({ viewport: { width: 1080, height: 1920 } });
  const startedAt = performance.now();
  const host = await startStationHost({
    dataDir: path.dirname(stationDbPath(dir)),
    http: { port: 0, rendererDir: RENDERER_DIR },
  });
  const hostReadyMs = performance.now() - startedAt;
  const scripts = new Set<string>();
  let paintedMs: number;
  try {
    page.on('response', (r) => {
      if (r.request().resourceType() === 'script') scripts.add(new URL(r.url()).pathname);
    });
    await page.goto(`${host.url}/#/kiosk`);
    await page.getByTestId('biz-PAY').waitFor();
    // Painted: two animation frames after the first business button is in the DOM.
    await page.evaluate(
      () => new Promise<void>((done) => requestAnimationFrame(() => requestAnimationFrame(() => done()))),
    );
    paintedMs = performance.now() - startedAt;
  } finally {
    await browser.close();
    await host.close();
  }
  const initial = [...scripts].reduce((sum, p) => sum + gz(path.join(RENDERER_DIR, p)), 0);
  const all = fs
    .readdirSync(path.join(RENDERER_DIR, 'assets'))
    .filter((f) => f.endsWith('.js'))
    .reduce((sum, f) => sum + gz(path.join(RENDERER_DIR, 'assets', f)), 0);
  return {
    bench: 'bundle',
    figures: [
      figure(
        'kiosk route initial JavaScript (gzip -9)',
        initial / 1024,
        'KiB',
        { name: 'all JavaScript of the build', value: all / 1024 },
        { target: '< 100 KiB', note: `${scripts.size} script files until the first business button shows` },
      ),
      figure(
        'station start to kiosk home painted (empty hall)',
        paintedMs,
        'ms',
        { name: 'station host start alone', value: hostReadyMs },
        { note: 'startStationHost() → 电费缴纳 on screen, two frames later, browser already open' },
      ),
    ],
  };
}
