import { expect, test, type Browser, type Page } from './fixtures';
import { STATION_PORTS } from './hall-ports';

/**
 * Sync status and the manager's sync section, in the e2e hall (five stations enrolled with the
 * central at start). Nothing here revokes a station: the hall is shared with the other specs.
 */
async function open(
  browser: Browser,
  name: keyof typeof STATION_PORTS,
  hash: string,
  viewport: { width: number; height: number },
): Promise<Page> {
  const page = await (await browser.newContext({ viewport })).newPage();
  await page.goto(`http://127.0.0.1:${STATION_PORTS[name]}/${hash}`);
  return page;
}

test('every role shows its sync status in the header', async ({ browser }) => {
  for (const [name, hash, viewport] of [
    ['kiosk', '#/kiosk', { width: 1080, height: 1920 }],
    ['display', '#/display', { width: 1920, height: 1080 }],
    ['rate', '#/rate/3', { width: 1920, height: 1080 }],
    ['counter', '#/counter/3', { width: 1366, height: 768 }],
  ] as const) {
    const page = await open(browser, name, hash, viewport);
    const badge = page.getByTestId('sync-status');
    await expect(badge).toHaveAttribute('data-state', 'online');
    await expect(badge).toContainText('已联网同步');
    if (name === 'kiosk') await page.screenshot({ path: 'tests/screenshots/sync-badge-kiosk.png' });
    if (name === 'display') await page.screenshot({ path: 'tests/screenshots/sync-badge-display.png' });
    await page.context().close();
  }
});

test('the manager sees every station and issues an enrollment code', async ({ browser }) => {
  for (const viewport of [
    { width: 1920, height: 1080 },
    { width: 1366, height: 768 },
  ]) {
    const manager = await open(browser, 'manager', '#/manager', viewport);
    await manager.getByTestId('login-staffno').fill('1001');
    await manager.getByTestId('login-pin').fill('123456');
    await manager.getByTestId('login-submit').click();
    await manager.getByTestId('manager-tabs').getByRole('tab', { name: '站点同步' }).click();
    const section = manager.getByTestId('manager-sync');
    await section.scrollIntoViewIfNeeded();
    // Five stations enrolled; each has been in contact with the central.
    await expect(section.getByTestId('sync-contact')).toHaveCount(5);
    await expect(section.getByText('本机')).toHaveCount(1);
    await section.getByRole('radio', { name: '自助取号机' }).check({ force: true });
    await section.getByTestId('enroll-generate').click();
    await expect(section.getByTestId('enroll-code')).toHaveText(/^[A-HJ-NP-Z2-9]{8}$/);
    await expect(section).toContainText('npm run serve -- --enroll');
    await section.screenshot({ path: `tests/screenshots/manager-sync-${viewport.width}.png` });
    await manager.context().close();
  }
});
