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
 * business buttons are on screen, against all the JavaScript the build emits (same build).
 */
const gz = (file: string): number => zlib.gzipSync(fs.readFileSync(file), { level: 9 }).length;

export async function bundleBench(): Promise<BenchResult> {
  ensureRendererBuilt();
  const dir = path.resolve(import.meta.dirname, '..', '.data', 'bench-0');
  if (!fs.existsSync(stationDbPath(dir))) seedDataDir({ dataDir: dir, customers: 0 });
  const host = await startStationHost({
    dataDir: path.dirname(stationDbPath(dir)),
    http: { port: 0, rendererDir: RENDERER_DIR },
  });
  const browser = await launchChromium();
  const scripts = new Set<string>();
  try {
    const page = await browser.newPage();
    page.on('response', (r) => {
      if (r.request().resourceType() === 'script') scripts.add(new URL(r.url()).pathname);
    });
    await page.goto(`${host.url}/#/kiosk`);
    await page.getByTestId('biz-PAY').waitFor();
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
        { note: `${scripts.size} script files until the first business button shows` },
      ),
    ],
  };
}
