import { expect, test, type Page } from './fixtures';
import { HALL_CONTROL_URL, STATION_PORTS } from './hall-ports';

/**
 * The technician's devices page at 1920×1080 on the display station (its own simulated reader; the
 * hall's one simulated printer): read a card, print both sample slips, see them decoded, survive
 * paper out, reprint, and get a typed error for a bad device config.
 */
const url = (hash: string) => `http://127.0.0.1:${STATION_PORTS.display}/${hash}`;
const control = (path: string) => fetch(`${HALL_CONTROL_URL}${path}`).then((r) => r.json());

async function login(page: Page): Promise<void> {
  await page.goto(url('#/devices'));
  await page.getByTestId('login-staffno').fill('1020');
  await page.getByTestId('login-pin').fill('123456');
  await page.getByTestId('login-submit').click();
  await expect(page.getByTestId('printer-connected')).toHaveText(/已连接/);
  await expect(page.getByTestId('reader-connected')).toHaveText(/已连接/);
}

test('devices page: read a card, print the sample slips, live log, paper out and reprint', async ({ page }) => {
  await page.setViewportSize({ width: 1920, height: 1080 });
  await login(page);

  await control('/devices/display/card-on');
  await page.getByTestId('btn-read-card').click();
  await expect(page.getByTestId('card-read')).toContainText('欧**华');
  await expect(page.getByTestId('card-read')).toContainText('3301**********0015');
  await expect(page.getByTestId('card-read')).not.toContainText('欧阳明华');

  await page.getByTestId('btn-print-acceptance').click();
  await expect(page.getByTestId('receipt-text').filter({ hasText: '业务受理回执' }).first()).toBeVisible();
  await expect(page.getByTestId('receipt-qr').filter({ hasText: '业务=新装' }).first()).toBeVisible();
  await page.getByTestId('btn-print-receipt').click();
  await expect(page.getByTestId('receipt-text').filter({ hasText: '电费缴费凭证' }).first()).toBeVisible();
  await expect(page.getByTestId('device-log-line').filter({ hasText: '已打印' }).first()).toBeVisible();
  await expect(page.getByTestId('device-log-line').filter({ hasText: '读卡成功' }).first()).toBeVisible();
  await page.screenshot({ path: 'tests/screenshots/devices-1920.png' });

  // Paper out: the sample waits with a clear error, then prints after refill.
  await control('/printer/paper-out');
  await page.getByTestId('btn-print-test').click();
  await expect(page.getByTestId('printer-last-error')).toContainText('缺纸');
  await expect(page.getByTestId('device-log-line').filter({ hasText: '缺纸' }).first()).toBeVisible();
  await page.screenshot({ path: 'tests/screenshots/devices-paper-out.png' });
  await control('/printer/paper-in');
  await expect(page.getByTestId('printer-queued')).toHaveText('0');

  // Reprint the newest printed job.
  const before = await page.getByTestId('receipt').count();
  await page.getByTestId('btn-reprint').first().click();
  await expect(page.getByTestId('devices-notice')).toContainText('补打');
  await expect.poll(() => page.getByTestId('receipt').count()).toBeGreaterThan(before > 9 ? before - 1 : before);

  await control('/devices/display/card-off');
});

test('device config: a bad rule is refused naming the field', async ({ page }) => {
  await page.setViewportSize({ width: 1920, height: 1080 });
  await login(page);
  await page.getByTestId('btn-config').click();
  await page.getByTestId('config-text').fill(
    JSON.stringify(
      {
        version: 1,
        devices: [{ id: 'printer', driver: 'escpos-printer', match: { host: '192.168.1.50', port: 70000 } }],
      },
      null,
      2,
    ),
  );
  await page.getByTestId('config-save').click();
  await expect(page.getByTestId('config-error')).toContainText('devices.0.match.port');
  await page.screenshot({ path: 'tests/screenshots/devices-config.png' });
  await page.getByTestId('config-text').fill(
    JSON.stringify(
      {
        version: 1,
        devices: [{ id: 'reader', driver: 'ga467-idcard', match: { vendorId: '0400', productId: 'c35a' } }],
      },
      null,
      2,
    ),
  );
  await page.getByTestId('config-save').click();
  await expect(page.getByTestId('config-dialog')).toBeHidden();
  await expect(page.getByTestId('device-log-line').filter({ hasText: '设备配置已保存' }).first()).toBeVisible();
});
