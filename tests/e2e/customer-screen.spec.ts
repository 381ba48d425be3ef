import { expect, test, type Browser, type BrowserContext, type Locator, type Page } from './fixtures';
import { idCheckDigit } from '@common/domain/id-number';
import { STAFF } from '../../hall/seed/hall';
import { connectWsApi } from '../support/ws-client';
import { HALL_CONTROL_URL, STATION_PORTS } from './hall-ports';

/**
 * The customer-facing screen beside window 2 (agent 1009), with its counter on the same station —
 * the hall's "rate" station, whose simulated Wacom STU is that counter's pad:
 * a QR payment shows its QR, amount and countdown on the customer screen, then 支付成功; the form is
 * signed on the pad (real STU report bytes through the main process), first with the pad unplugged
 * after two strokes (the touchscreen takes over with them), then, after an amendment, on the pad to
 * the end; the customer rates 非常满意 and then the four dimensions; at the next visit the counter's
 * customer view lists the earlier ticket with its rating and dimensions, and the manager's drill-down
 * shows the dimensions.
 * Window 2 is set to serve 电能表校验 (D) here, and its agent given that skill: no A ticket may be
 * issued before hall-loop.spec.
 */
const WINDOW = 2;
const AGENT = '1009';
const STATION = 'rate' as const;
const CARD = {
  name: '司马文静',
  genderCode: '2',
  birthDate: '19850312',
  address: '浙江省杭州市西湖区文三路90号1单元502室',
  idNumber: '33010619850312004' + idCheckDigit('33010619850312004'),
  validFrom: '20180101',
  validTo: '20380101',
};
const url = (name: keyof typeof STATION_PORTS, hash: string) => `http://127.0.0.1:${STATION_PORTS[name]}/${hash}`;
const control = async <T>(path: string, init?: RequestInit): Promise<T> =>
  (await (await fetch(`${HALL_CONTROL_URL}${path}`, init)).json()) as T;
const input = (page: Page, testid: string) =>
  page
    .locator(`input[data-testid="${testid}"], [data-testid="${testid}"] input, textarea[data-testid="${testid}"]`)
    .first();
const shot = (page: Page, name: string) => page.screenshot({ path: `tests/screenshots/customer-screen-${name}.png` });

const contexts: BrowserContext[] = [];
test.afterAll(async () => {
  for (const c of contexts.splice(0)) await c.close();
});
async function open(
  browser: Browser,
  name: keyof typeof STATION_PORTS,
  hash: string,
  viewport: { width: number; height: number },
): Promise<Page> {
  const context = await browser.newContext({ viewport });
  contexts.push(context);
  const page = await context.newPage();
  await page.goto(url(name, hash));
  return page;
}

async function pick(page: Page, field: string, option: string): Promise<void> {
  await page.getByTestId(`input-${field}`).click();
  await page.getByTestId(`field-${field}`).locator('.el-select-dropdown__item', { hasText: option }).click();
}

/** A finger on the touchscreen: real PointerEvents. */
async function fingerStroke(canvas: Locator, points: { x: number; y: number }[]): Promise<void> {
  await canvas.evaluate((el, pts) => {
    const rect = el.getBoundingClientRect();
    const at = (p: { x: number; y: number }, type: string) =>
      new PointerEvent(type, {
        pointerId: 21,
        pointerType: 'touch',
        isPrimary: true,
        bubbles: true,
        cancelable: true,
        clientX: rect.left + p.x * rect.width,
        clientY: rect.top + p.y * rect.height,
        pressure: type === 'pointerup' ? 0 : 0.5,
        buttons: type === 'pointerup' ? 0 : 1,
      });
    el.dispatchEvent(at(pts[0]!, 'pointerdown'));
    for (let i = 1; i < pts.length; i++) el.dispatchEvent(at(pts[i]!, 'pointermove'));
    el.dispatchEvent(at(pts[pts.length - 1]!, 'pointerup'));
  }, points);
}

/** The kiosk issues a 电能表校验 ticket; window 2 calls and starts it. */
async function serveNext(kiosk: Page, counter: Page, rate: Page): Promise<string> {
  await kiosk.getByTestId('biz-METER').click();
  const ticketNo = (await kiosk.getByTestId('ticket-number').innerText()).trim();
  expect(ticketNo).toMatch(/^D\d{3}$/);
  await expect(counter.getByTestId('waiting-list')).toContainText(ticketNo);
  await counter.getByTestId('btn-call-next').click();
  await expect(counter.getByTestId('current-ticket')).toContainText(ticketNo);
  await counter.getByTestId('btn-start').click();
  await expect(rate.getByTestId('rate-ticket')).toHaveText(ticketNo);
  await kiosk.getByTestId('kiosk-done').click();
  return ticketNo;
}

/** Opens the first customer found for a surname who owes money on a postpaid account; returns the account. */
async function openDebtor(page: Page): Promise<string> {
  for (const q of ['周', '吴', '郑', '孙', '赵']) {
    await input(page, 'customer-search-input').fill(q);
    await page.getByTestId('customer-search-btn').click();
    const rows = page.getByTestId('customer-results').locator('tbody tr');
    await expect(rows.first()).toBeVisible();
    const count = Math.min(await rows.count(), 8);
    for (let i = 0; i < count; i++) {
      await rows.nth(i).getByTestId('open-customer').click();
      await expect(page.getByTestId('cv-account')).toHaveText(/^\d{10}$/);
      const account = (await page.getByTestId('cv-account').innerText()).trim();
      await page.getByRole('tab', { name: '收费' }).click();
      const arrears = Number(
        (await page.getByTestId('pay-arrears').locator('.el-statistic__number').innerText()).replace(/[^\d.]/g, ''),
      );
      if (arrears > 20 && !(await page.getByTestId('pay-kind').isVisible())) return account;
      await page.getByRole('tab', { name: '客户视图' }).click();
    }
  }
  throw new Error('no customer with arrears found');
}

test('customer screen at window 2: QR payment, pad signature (unplugged, then whole), rating dimensions, past visits', async ({
  browser,
}) => {
  test.setTimeout(240_000);
  const managerApi = connectWsApi(`http://127.0.0.1:${STATION_PORTS.manager}`, 'manager');
  expect((await managerApi.call('auth.login', { staffNo: '1001', pin: '123456' })).ok).toBe(true);
  expect(
    (await managerApi.call('manager.configureWindow', { windowNo: WINDOW, types: [{ code: 'METER', priority: 0 }] }))
      .ok,
  ).toBe(true);
  // Call-next follows the roster's skills too: the agent is given 电能表校验 for this shift.
  const skills = [...STAFF.find((x) => x.staffNo === AGENT)!.skills, 'METER'];
  expect((await managerApi.call('manager.configureSkills', { staffId: `S${AGENT}`, skills })).ok).toBe(true);
  managerApi.close();

  const counter = await open(browser, STATION, `#/counter/${WINDOW}`, { width: 1920, height: 1080 });
  const rate = await open(browser, STATION, `#/rate/${WINDOW}`, { width: 1920, height: 1080 });
  const kiosk = await open(browser, 'kiosk', '#/kiosk', { width: 1080, height: 1920 });
  await counter.getByTestId('login-staffno').fill(AGENT);
  await counter.getByTestId('login-pin').fill('123456');
  await counter.getByTestId('login-submit').click();
  await expect(counter.getByTestId('counter-workstation')).toBeVisible();
  await expect(rate.getByTestId('rate-agent-staffno')).toContainText(AGENT);

  // ── Visit 1: a QR payment; the customer screen shows the QR, the amount and the countdown. ──
  const first = await serveNext(kiosk, counter, rate);
  const account = await openDebtor(counter);
  await counter.getByTestId('pay-channel').getByText('扫码支付').click();
  await input(counter, 'pay-amount').fill('23.45');
  await counter.getByTestId('pay-submit').click();
  await expect(counter.getByTestId('pay-qr').locator('img')).toBeVisible();
  const onScreen = rate.getByTestId('rate-payment');
  await expect(onScreen).toHaveAttribute('data-phase', 'scan');
  await expect(rate.getByTestId('rate-pay-amount')).toHaveText('¥ 23.45');
  await expect(rate.getByTestId('rate-pay-countdown')).toContainText(/请在 1[01]\d 秒内完成支付/);
  // The QR on the customer screen is the one the gateway issued for this order.
  const order = (
    await control<
      { merchantOrderId: string; gatewayOrderId: string; method: string; amountFen: number; qrPayload: string | null }[]
    >('/gateway/orders')
  )
    .filter((o) => o.method === 'qr' && o.amountFen === 2345)
    .at(-1)!;
  expect(order.qrPayload).toBeTruthy();
  await expect(rate.getByTestId('rate-pay-qr')).toHaveAttribute('data-payload', order.qrPayload!);
  expect(await rate.getByTestId('rate-pay-qr').getAttribute('alt')).toBe(order.qrPayload);
  await shot(rate, 'qr');
  await shot(counter, 'counter-qr');
  // The scan's notice from the gateway settles it on both screens, with no click at the counter.
  await control(`/gateway/scan/${order.merchantOrderId}`);
  await expect(counter.getByTestId('pay-result')).toContainText('支付成功');
  await expect(rate.getByTestId('rate-pay-status')).toHaveText('支付成功');
  await shot(rate, 'paid');

  // ── The form: the card fills it; review on the customer screen; the pad signs it. ──
  await counter.getByRole('tab', { name: '电子表单' }).click();
  expect(
    (await fetch(`${HALL_CONTROL_URL}/devices/${STATION}/card`, { method: 'POST', body: JSON.stringify(CARD) })).ok,
  ).toBe(true);
  await expect(input(counter, 'input-applicantName')).toHaveValue(CARD.name);
  await input(counter, 'input-phone').fill('13857100231');
  await pick(counter, 'category', '低压居民');
  await input(counter, 'input-capacityKva').fill('6');
  await pick(counter, 'usageType', '居民生活');
  await counter.getByTestId('btn-submit').click();
  // The card holder is not the customer open in the view: asked whose it is, the agent files it under that customer.
  await counter
    .locator('.applicant-confirm-box')
    .getByRole('button', { name: /归入客户/ })
    .click();
  await expect(counter.getByTestId('application-no')).toBeVisible();

  // First try: the pad's cable is pulled after two strokes → the touchscreen opens with them.
  expect(await control('/pads/rate/unplug-mid-signature')).toEqual({ ok: true });
  await counter.getByTestId('btn-request-signature').click();
  const review = rate.getByTestId('rate-review');
  await expect(review).toBeVisible();
  await rate.getByTestId('rate-review-confirm').click();
  await expect(rate.getByTestId('rate-pad-ended')).toContainText('签名板已断开，已保留 2 笔');
  const canvas = rate.getByTestId('signature-canvas');
  await expect(canvas).toHaveAttribute('data-strokes', '2');
  await shot(rate, 'pad-unplugged');
  await fingerStroke(
    canvas,
    Array.from({ length: 20 }, (_, i) => ({ x: 0.2 + i * 0.03, y: 0.8 - i * 0.004 })),
  );
  await expect(canvas).toHaveAttribute('data-strokes', '3');
  await rate.getByTestId('signature-confirm').click();
  await expect(rate.getByTestId('rate-signed')).toBeVisible();
  await expect(counter.getByTestId('flow-signature-state')).toHaveAttribute('data-state', 'valid');

  // The agent amends the form: the signature is void; sent again, the customer signs on the pad to the end.
  await counter.getByTestId('btn-amend').click();
  const dialog = counter.getByTestId('amend-dialog');
  await dialog.locator('[data-testid="input-capacityKva"] input').fill('10');
  await input(counter, 'amend-note').fill('客户改为 10 kVA');
  await counter.getByTestId('btn-amend-save').click();
  await expect(counter.getByTestId('flow-signature-state')).toHaveAttribute('data-state', 'invalidated');
  await counter.getByTestId('btn-request-signature').click();
  await expect(review).toBeVisible();
  await expect(review).toContainText('10 kVA');
  await shot(rate, 'review');
  await rate.getByTestId('rate-review-confirm').click();
  // The simulated STU writes the recorded signature and presses 确认; the station stores it.
  await expect(rate.getByTestId('rate-signed')).toBeVisible();
  await expect(counter.getByTestId('flow-signature-state')).toHaveAttribute('data-state', 'valid');
  await expect(counter.getByTestId('counter-signature-img')).toBeVisible();
  await shot(rate, 'pad-signed');
  await shot(counter, 'counter-signed');

  // ── Rating: the level at once, then the four dimensions. ──
  await counter.getByTestId('btn-finish').click();
  await rate.getByTestId('rate-level-very_satisfied').click();
  await expect(rate.getByTestId('rate-thanks')).toBeVisible();
  await expect(rate.getByTestId('rate-dims')).toBeVisible();
  await expect(rate.getByTestId('rate-dims-submit')).toBeDisabled();
  for (const [d, n] of [
    ['attitude', 5],
    ['efficiency', 4],
    ['quality', 5],
    ['integrity', 5],
  ] as const)
    await rate.getByTestId(`rate-dim-${d}-${n}`).click();
  await shot(rate, 'dims');
  await rate.getByTestId('rate-dims-submit').click();
  await expect(rate.getByTestId('rate-dims-sent')).toBeVisible();

  // ── Visit 2: the same customer; the customer view lists visit 1 with its rating and dimensions. ──
  const second = await serveNext(kiosk, counter, rate);
  expect(second).not.toBe(first);
  await counter.getByRole('tab', { name: '客户视图' }).click();
  await input(counter, 'customer-search-input').fill(account);
  await counter.getByTestId('customer-search-btn').click();
  await counter.getByTestId('customer-results').locator('tbody tr').first().getByTestId('open-customer').click();
  await expect(counter.getByTestId('cv-account')).toHaveText(account);
  const visit = counter.getByTestId(`cv-visit-${first}`);
  await expect(visit).toContainText('非常满意');
  await expect(visit).toContainText('态度 5 · 效率 4 · 质量 5 · 廉洁 5');
  const visits = counter.getByTestId('cv-visits');
  await expect(visits).toContainText('电能表校验');
  await expect(visits.locator('tbody tr').filter({ hasText: first })).toContainText(AGENT);
  await visits.scrollIntoViewIfNeeded();
  await shot(counter, 'counter-visits-1920');
  await counter.setViewportSize({ width: 1366, height: 768 });
  await visits.scrollIntoViewIfNeeded();
  await shot(counter, 'counter-visits-1366');
  await counter.setViewportSize({ width: 1920, height: 1080 });

  // The 差异 card says what it counts.
  await counter.getByRole('tab', { name: '日结对账' }).click();
  await expect(counter.getByTestId('recon-diff-count')).toContainText('项');
  await expect(counter.getByTestId('recon-diff-total')).toBeVisible();

  // Visit 2 ends with a skipped dimensions step.
  await counter.getByTestId('btn-finish').click();
  await rate.getByTestId('rate-level-satisfied').click();
  await rate.getByTestId('rate-dims-skip').click();
  await expect(rate.getByTestId('rate-dims')).toHaveCount(0);

  // The manager's drill-down under agent 1009 shows the dimensions.
  const manager = await open(browser, 'manager', '#/manager', { width: 1920, height: 1080 });
  await manager.getByTestId('login-staffno').fill('1001');
  await manager.getByTestId('login-pin').fill('123456');
  await manager.getByTestId('login-submit').click();
  await manager.getByRole('tab', { name: '员工评价' }).click();
  await manager.getByTestId(`eval-row-${AGENT}`).click();
  await expect(manager.getByTestId(`eval-detail-${AGENT}`)).toContainText('态度 5 · 效率 4 · 质量 5 · 廉洁 5');
  await shot(manager, 'manager-dims');
});
