import { readFileSync } from 'node:fs';
import path from 'node:path';
import { launchChromium } from './chromium';

/**
 * `npx tsx scripts/make-icon.ts`: renders build/icon.svg to build/icon.png (512×512, transparent
 * corners) in the system's Chromium. electron-builder makes the Windows .ico and the Linux icons
 * from that PNG. Run it after editing the SVG and commit both files.
 */
const root = path.resolve(import.meta.dirname, '..');
const svg = readFileSync(path.join(root, 'build', 'icon.svg'), 'utf8');
const browser = await launchChromium();
try {
  const page = await browser.newPage({ viewport: { width: 512, height: 512 }, deviceScaleFactor: 1 });
  await page.setContent(`<!doctype html><html><body style="margin:0;background:transparent">${svg}</body></html>`);
  await page.locator('svg').screenshot({ path: path.join(root, 'build', 'icon.png'), omitBackground: true });
  console.log('build/icon.png written (512×512)');
} finally {
  await browser.close();
}
