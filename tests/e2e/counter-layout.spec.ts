import { expect, test, type Page } from './fixtures';
import { STATION_PORTS } from './hall-ports';

/**
 * The counter at the two screens halls have: 1920×1080 and a 1366×768 laptop. At 1366×768 the
 * calling controls stay compact, so identify and the customer view are in the first screen without
 * scrolling, and the hall's name is shown whole.
 */
const url = (hash: string) => `http://127.0.0.1:${STATION_PORTS.counter}/${hash}`;

async function login(page: Page, windowNo: number, staffNo: string): Promise<void> {
  await page.goto(url(`#/counter/${windowNo}`));
  await page.getByTestId('login-staffno').fill(staffNo);
  await page.getByTestId('login-pin').fill('123456');
  await page.getByTestId('login-submit').click();
  await expect(page.getByTestId('counter-workstation')).toBeVisible();
}

/** The element's box lies inside the first viewport (nothing to scroll to reach its top part). */
async function inFirstScreen(page: Page, testid: string, minVisiblePx = 160): Promise<void> {
  const box = await page.getByTestId(testid).boundingBox();
  const vp = page.viewportSize()!;
  expect(box, testid).not.toBeNull();
  expect(box!.x, `${testid} left`).toBeGreaterThanOrEqual(0);
  expect(box!.x + box!.width, `${testid} right`).toBeLessThanOrEqual(vp.width);
  expect(box!.y + minVisiblePx, `${testid} top`).toBeLessThanOrEqual(vp.height);
}

async function notCut(page: Page, testid: string): Promise<void> {
  const cut = await page
    .getByTestId(testid)
    .first()
    .evaluate((el) => el.scrollWidth > el.clientWidth + 1);
  expect(cut, `${testid} is cut`).toBe(false);
}

for (const [width, height] of [
  [1920, 1080],
  [1366, 768],
] as const) {
  test(`the counter at ${width}×${height}: identify and the customer view in the first screen`, async ({ page }) => {
    await page.setViewportSize({ width, height });
    await login(page, 10, '1012');
    await expect(page.getByTestId('identify-panel')).toBeVisible();
    await page.screenshot({ path: `tests/screenshots/counter-layout-${width}x${height}.png` });
    await inFirstScreen(page, 'identify-panel');
    await inFirstScreen(page, 'workstation-tabs');
    await notCut(page, 'hall-name');
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
  });
}

/** Open the first customer among the results who owes money and is not prepaid. */
async function openDebtor(page: Page, field: (testid: string) => ReturnType<Page['locator']>): Promise<void> {
  for (const q of ['王', '李', '张']) {
    await field('customer-search-input').fill(q);
    await page.getByTestId('customer-search-btn').click();
    const rows = page.getByTestId('customer-results').locator('tbody tr');
    await expect(rows.first()).toBeVisible();
    for (let i = 0; i < Math.min(await rows.count(), 8); i++) {
      await rows.nth(i).getByTestId('open-customer').click();
      await expect(page.getByTestId('cv-account')).toHaveText(/^\d{10}$/);
      await page.getByRole('tab', { name: '收费' }).click();
      const arrears = Number(
        (await page.getByTestId('pay-arrears').locator('.el-statistic__number').innerText()).replace(/[^\d.]/g, ''),
      );
      if (arrears > 1 && !(await page.getByTestId('pay-kind').isVisible())) return;
      await page.getByRole('tab', { name: '客户视图' }).click();
    }
  }
  throw new Error('no customer with arrears found');
}

test('at 1366×768 a payment row offers 申请退款 whole, not clipped', async ({ page }) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 1366, height: 768 });
  await login(page, 10, '1012');
  const field = (testid: string) =>
    page.locator(`input[data-testid="${testid}"], [data-testid="${testid}"] input`).first();
  await openDebtor(page, field);
  await field('pay-amount').fill('1.00');
  await field('pay-tendered').fill('1.00');
  await page.getByTestId('pay-submit').click();
  await expect(page.getByTestId('pay-result')).toContainText('支付成功');
  const refund = page.getByTestId('pay-today').getByRole('button', { name: '申请退款' }).first();
  await refund.scrollIntoViewIfNeeded();
  await expect(refund).toBeVisible();
  await page.screenshot({ path: 'tests/screenshots/counter-layout-1366x768-payment.png' });
  const table = await page.getByTestId('pay-today').boundingBox();
  const button = await refund.boundingBox();
  expect(button!.x + button!.width).toBeLessThanOrEqual(table!.x + table!.width + 1);
  // The whole row fits: the table is not scrolled sideways to reach the button.
  expect(
    await page
      .getByTestId('pay-today')
      .locator('.el-scrollbar__wrap')
      .first()
      .evaluate((el) => el.scrollLeft),
  ).toBe(0);
  const cut = await refund.evaluate((el) => {
    const cell = el.closest('.cell')!;
    return cell.scrollWidth > cell.clientWidth + 1;
  });
  expect(cut).toBe(false);
});
