import { test as base } from '@playwright/test';

export { expect, type Browser, type BrowserContext, type Locator, type Page } from '@playwright/test';

/**
 * The e2e `test`: after each test, every browser context it opened is closed. The specs open
 * stations in contexts of their own; left open, their pages (clocks, the TV's animations, charts)
 * kept rendering for the rest of the run, and on two cores the later specs' clicks waited for frames
 * that came too slowly.
 */
export const test = base.extend<{ closeOpenedContexts: void }>({
  closeOpenedContexts: [
    async ({ browser }, use) => {
      const before = new Set(browser.contexts());
      await use();
      await Promise.all(
        browser
          .contexts()
          .filter((c) => !before.has(c))
          .map((c) => c.close()),
      );
    },
    { auto: true },
  ],
});
