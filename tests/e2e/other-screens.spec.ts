import { expect, test } from './fixtures';
import { STATION_PORTS } from './hall-ports';

/** The screens outside the hall loop, and the pages for URLs that name no role or window. */
const url = (hash: string) => `http://127.0.0.1:${STATION_PORTS.manager}/${hash}`;

test('the launcher lists every role', async ({ page }) => {
  await page.setViewportSize({ width: 1920, height: 1080 });
  await page.goto(url('#/'));
  for (const role of ['kiosk', 'counter', 'rate', 'display', 'guide', 'manager', 'devices'])
    await expect(page.getByTestId(`launcher-${role}`)).toBeVisible();
  await page.screenshot({ path: 'tests/screenshots/launcher.png' });
});

test('the guide issues a green-channel ticket for a customer who cannot use the kiosk', async ({ page }) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.goto(url('#/guide'));
  await page.getByTestId('login-staffno').fill('1018');
  await page.getByTestId('login-pin').fill('123456');
  await page.getByTestId('login-submit').click();
  await page.getByTestId('guide-type-FAULT').click();
  await page.getByTestId('guide-priority-green').click();
  await page.screenshot({ path: 'tests/screenshots/guide.png' });
  await page.getByTestId('guide-issue').click();
  await expect(page.getByTestId('guide-ticket-number')).toHaveText(/^D\d{3}$/);
  await page.screenshot({ path: 'tests/screenshots/guide-issued.png' });
});

test('the technician prints a test page and sees it decoded from the printer', async ({ page }) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.goto(url('#/devices'));
  await page.getByTestId('login-staffno').fill('1020');
  await page.getByTestId('login-pin').fill('123456');
  await page.getByTestId('login-submit').click();
  await expect(page.getByTestId('printer-connected')).toBeVisible();
  await page.getByTestId('btn-print-test').click();
  await expect(page.getByTestId('receipt-text').filter({ hasText: '打印测试页' }).first()).toBeVisible();
  await page.screenshot({ path: 'tests/screenshots/devices.png' });
});

test('the counter fits a 1366×768 screen', async ({ page }) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.goto(url('#/counter/5'));
  await page.getByTestId('login-staffno').fill('1005');
  await page.getByTestId('login-pin').fill('123456');
  await page.getByTestId('login-submit').click();
  await expect(page.getByTestId('btn-call-next')).toBeVisible();
  await page.screenshot({ path: 'tests/screenshots/counter-1366.png' });
});

test('a wrong PIN is refused on the login card', async ({ page }) => {
  await page.goto(url('#/counter/6'));
  await page.getByTestId('login-staffno').fill('1006');
  await page.getByTestId('login-pin').fill('000000');
  await page.getByTestId('login-submit').click();
  await expect(page.getByTestId('login-error')).toBeVisible();
});

test('an unknown role and a window the hall does not have get pages that say so', async ({ page }) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.goto(url('#/cashier'));
  await expect(page.getByText('页面不存在').first()).toBeVisible();
  await page.screenshot({ path: 'tests/screenshots/not-found.png' });
  await page.goto(url('#/counter/99'));
  await expect(page.getByTestId('window-missing')).toContainText('窗口 99 不存在');
  await page.screenshot({ path: 'tests/screenshots/window-missing.png' });
  await page.goto(url('#/rate/abc'));
  await expect(page.getByTestId('window-missing')).toContainText('不存在');
});
