/** Prints a self-contained HTML page to an A4 PDF. */
export interface PdfRenderer {
  readonly name: string;
  print(html: string): Promise<Buffer>;
}

/** Flags for a headless Chromium on a hall PC: no sandbox helper, no GPU, nothing phoning home. */
export const CHROMIUM_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/**
 * Browser mode's printer: a headless Chromium launched for the one report and closed after it, so a
 * station that never prints keeps no browser running. The page gets no network: the report is inline.
 */
const PLAYWRIGHT = 'playwright-core';

export function chromiumPdfRenderer(
  executablePath = process.env.HALL_CHROMIUM_PATH || '/usr/bin/chromium',
): PdfRenderer {
  return {
    name: 'chromium',
    async print(html) {
      // Loaded on first use, and by a name the Electron bundler cannot follow: the app prints with
      // Electron's printToPDF and ships no Playwright.
      const { chromium } = (await import(PLAYWRIGHT)) as typeof import('playwright-core');
      const browser = await chromium.launch({ executablePath, headless: true, args: CHROMIUM_FLAGS });
      try {
        const context = await browser.newContext({ offline: true, javaScriptEnabled: false });
        const page = await context.newPage();
        await page.setContent(html, { waitUntil: 'load' });
        return await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true });
      } finally {
        await browser.close();
      }
    },
  };
}

let installed: PdfRenderer | null = null;

/** The Electron entry installs its printToPDF printer once at start; browser mode keeps Chromium. */
export function installPdfRenderer(renderer: PdfRenderer): void {
  installed = renderer;
}

export function defaultPdfRenderer(): PdfRenderer {
  return installed ?? chromiumPdfRenderer();
}
