import { defineConfig } from '@playwright/test';
import { HALL_CONTROL_URL } from './tests/e2e/hall-ports';

/**
 * Browser e2e in Debian's Chromium (never a downloaded browser). The hall server starts a central,
 * a simulated printer and five station hosts, each a station of its own with its own database.
 */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export default defineConfig({
  timeout: 60_000,
  expect: { timeout: 15_000 },
  fullyParallel: false,
  workers: 1,
  reporter: [['list'], ['json', { outputFile: 'test-results/playwright.json' }]],
  use: {
    launchOptions: { executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS },
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
