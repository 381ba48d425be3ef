import { defineConfig } from '@playwright/test';
import { HALL_CONTROL_URL } from './tests/e2e/hall-ports';
import { chromiumLaunchOptions } from './scripts/chromium';

/**
 * Browser e2e in the system's Chromium (scripts/chromium.ts: never a downloaded browser;
 * CHROMIUM_PATH overrides). The hall server starts a central, a simulated printer and five
 * station hosts, each a station of its own with its own database.
 */
export { CHROMIUM_ARGS } from './scripts/chromium';

export default defineConfig({
  timeout: 60_000,
  expect: { timeout: 15_000 },
  fullyParallel: false,
  workers: 1,
  reporter: [['list'], ['json', { outputFile: 'test-results/playwright.json' }]],
  use: {
    launchOptions: chromiumLaunchOptions(),
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    trace: 'retain-on-failure',
  },
  projects: [
    { name: 'browser', testDir: 'tests/e2e' },
    { name: 'electron', testDir: 'tests/electron' },
  ],
  webServer: {
    command: 'npx tsx tests/e2e/hall-server.ts',
    url: `${HALL_CONTROL_URL}/healthz`,
    timeout: 180_000,
    reuseExistingServer: false,
    stdout: 'pipe',
  },
});
