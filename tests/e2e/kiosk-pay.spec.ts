import { expect, test, type Browser, type Locator, type Page } from './fixtures';
import { maskIdNumber, maskName } from '@common/domain/mask';
import { decodeEscPos } from '../../devices/printer/escpos-decoder';
import { connectWsApi } from '../support/ws-client';
import { HALL_CONTROL_URL, STATION_PORTS } from './hall-ports';

/**
 * 自助缴费 at the kiosk (portrait 1080×1920): the customer's ID card on the kiosk station's reader →
 * masked account, arrears and usage → QR pay, scanned at the gateway, settled by the kiosk's query →
 * the receipt as ESC/POS bytes from the printer → the payment in the manager's per-kiosk
 * reconciliation, exported; then 户号 on the keypad at 200%, a card payment with the printer out of
 * paper (请到窗口领取) and the receipt reprinted from the manager page. Customers are taken from the
 * high ids with a surname the counter payment spec never searches (it pays the first 王/李/张/陈/刘
 * debtors).
 */
const url = (station: keyof typeof STATION_PORTS, hash: string) => `http://127.0.0.1:${STATION_PORTS[station]}/${hash}`;
const control = async <T>(path: string, init?: RequestInit): Promise<T> =>
  (await (await fetch(`${HALL_CONTROL_URL}${path}`, init)).json()) as T;
const shot = (name: string) => `tests/screenshots/kiosk-pay-${name}.png`;

interface Chosen {
  id: number;
  accountNo: string;
  arrearsFen: number;
  idNumber: string;
  name: string;
}

/**
 * Two non-prepaid debtors and one prepaid customer nobody else's spec pays for, with ID number and
 * name in full (for the card), looked up once by the manager at window 10 (no spec serves there).
 */
let candidates: { debtors: Chosen[]; prepaid: Chosen } | null = null;
async function customers(): Promise<{ debtors: Chosen[]; prepaid: Chosen }> {
  if (candidates) return candidates;
  const api = connectWsApi(url('manager', '').replace(/\/$/, ''), 'counter', 10);
  const debtors: Chosen[] = [];
  let prepaid: Chosen | null = null;
  const full = async (id: number, accountNo: string, arrearsFen: number): Promise<Chosen> => {
    const idNumber = await api.call('customer.reveal', { customerId: id, field: 'idNumber' });
    const name = await api.call('customer.reveal', { customerId: id, field: 'name' });
    if (!idNumber.ok || !name.ok) throw new Error('reveal failed');
    return { id, accountNo, arrearsFen, idNumber: idNumber.value.value, name: name.value.value };
  };
  try {
    const login = await api.call('auth.login', { staffNo: '1001', pin: '123456' });
    if (!login.ok) throw new Error(login.error.message);
    for (let id = 200; id > 0 && (debtors.length < 2 || !prepaid); id--) {
      const v = await api.call('customer.view', { customerId: id });
      if (!v.ok || '王李张陈刘'.includes(v.value.customer.nameMasked[0]!)) continue;
      const c = v.value.customer;
      if (c.prepaid && !prepaid) prepaid = await full(id, c.accountNo, v.value.arrearsFen);
      else if (!c.prepaid && v.value.arrearsFen >= 100 && debtors.length < 2)
        debtors.push(await full(id, c.accountNo, v.value.arrearsFen));
    }
  } finally {
    await api.call('auth.logout', {});
    api.close();
  }
  if (debtors.length < 2 || !prepaid) throw new Error('not enough suitable customers in the hall');
  candidates = { debtors, prepaid };
  return candidates;
}
const debtor = async (n: 0 | 1): Promise<Chosen> => (await customers()).debtors[n]!;

async function receiptTexts(from = 0): Promise<string[]> {
  return (await control<{ bytes: string }[]>('/printer/receipts')).slice(from).map((r) => {
    const d = decodeEscPos(new Uint8Array(Buffer.from(r.bytes, 'base64')));
    if (!d.ok) throw new Error(`receipt did not decode: ${d.error.message}`);
    return d.value.text;
  });
}

async function managerReconciliation(browser: Browser): Promise<{ manager: Page; kioskRecon: Locator }> {
  const manager = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
  await manager.goto(url('manager', '#/manager'));
  await manager.getByTestId('login-staffno').fill('1001');
  await manager.getByTestId('login-pin').fill('123456');
  await manager.getByTestId('login-submit').click();
  await manager.getByRole('tab', { name: '日结对账' }).click();
  const kioskRecon = manager.getByTestId('kiosk-reconciliation');
  await expect(kioskRecon).toBeVisible();
  return { manager, kioskRecon };
}

/** The kiosk's payment reaches the manager's station through the central. */
async function lineFor(kioskRecon: Locator, accountNo: string): Promise<Locator> {
  await expect
    .poll(async () => {
      await kioskRecon.getByTestId('kiosk-recon-load').click();
      return kioskRecon.getByTestId('kiosk-recon-lines').locator('tr', { hasText: accountNo }).count();
    })
    .toBeGreaterThan(0);
  return kioskRecon.getByTestId('kiosk-recon-lines').locator('tr', { hasText: accountNo });
}

test.use({ viewport: { width: 1080, height: 1920 } });

test('ID card → bills and usage → QR pay → receipt → per-kiosk reconciliation on the manager page', async ({
  page,
  browser,
}) => {
  test.setTimeout(150_000);
  const who = await debtor(0);

  await page.goto(url('kiosk', '#/kiosk'));
  await page.getByTestId('kiosk-pay').click();
  await expect(page.getByTestId('ss-identify')).toBeVisible();
  await expect(page.getByTestId('ss-session-left')).toContainText('秒后自动退出');
  await page.screenshot({ path: shot('identify') });

  // The customer's card goes on the kiosk's reader: the screen identifies by itself.
  await control('/devices/kiosk/card', {
    method: 'POST',
    body: JSON.stringify({ idNumber: who.idNumber, name: who.name }),
  });
  await expect(page.getByTestId('ss-account')).toBeVisible({ timeout: 20_000 });
  await expect(page.getByTestId('ss-account-no')).toHaveText(who.accountNo);
  await expect(page.getByTestId('ss-name')).toHaveText(maskName(who.name));
  await expect(page.getByTestId('ss-arrears')).toHaveAttribute('data-fen', String(who.arrearsFen));
  const body = await page.locator('body').innerText();
  expect(body).not.toContain(who.idNumber);
  expect(body).not.toContain(maskIdNumber(who.idNumber)); // not even masked: the kiosk shows no ID number
  if (who.name.length > 1) expect(body).not.toContain(who.name);
  await expect(page.getByTestId('kiosk-usage-chart').locator('canvas')).toBeVisible();
  await expect(page.getByTestId('ss-bills').locator('tbody tr')).toHaveCount(6);
  await page.screenshot({ path: shot('account') });
  await page.getByTestId('ss-months-24').click();
  await page.screenshot({ path: shot('account-24') });

  // Pay the arrears by QR: the QR shows with its countdown; exactly one order is at the gateway.
  await page.getByTestId('ss-pay-bill').click();
  await expect(page.getByTestId('ss-to-pay')).toContainText((who.arrearsFen / 100).toFixed(2));
  await page.screenshot({ path: shot('channel') });
  await page.getByTestId('ss-channel-qr').click();
  await expect(page.getByTestId('ss-qr').locator('img')).toBeVisible();
  await expect(page.getByTestId('ss-qr-left')).toContainText('秒内有效');
  await page.screenshot({ path: shot('qr') });
  const orders =
    await control<{ merchantOrderId: string; amountFen: number; method: string; status: string }[]>('/gateway/orders');
  const mine = orders.filter((o) => o.method === 'qr' && o.status === 'pending' && o.amountFen === who.arrearsFen);
  expect(mine).toHaveLength(1);
  const receiptsBefore = (await control<unknown[]>('/printer/receipts')).length;

  // The customer scans; the kiosk learns it by asking the gateway.
  await control(`/gateway/scan/${mine[0]!.merchantOrderId}`);
  await expect(page.getByTestId('ss-result')).toHaveAttribute('data-status', 'succeeded', { timeout: 20_000 });
  await expect(page.getByTestId('ss-receipt')).toHaveAttribute('data-printed', 'true');
  await expect(page.getByTestId('ss-payment-id')).toHaveText(mine[0]!.merchantOrderId);
  await page.screenshot({ path: shot('result') });

  // The receipt, decoded from the bytes the printer received.
  await expect.poll(async () => (await control<unknown[]>('/printer/receipts')).length).toBeGreaterThan(receiptsBefore);
  const receipts = await receiptTexts(receiptsBefore);
  const receipt = receipts.find((x) => x.includes(`户号：${who.accountNo}`));
  expect(receipt).toBeDefined();
  expect(receipt).toContain('电费缴费凭证');
  expect(receipt).toContain(`${(who.arrearsFen / 100).toFixed(2)} 元`);
  expect(receipt).toContain('自助终端');

  // Back on the account: nothing owed now; 退出 clears it all.
  await page.getByTestId('ss-again').click();
  await expect(page.getByTestId('ss-account')).toBeVisible();
  await expect(page.getByTestId('ss-arrears')).toHaveCount(0);
  await page.getByTestId('ss-exit').click();
  await expect(page.getByTestId('kiosk-pay')).toBeVisible();

  // The manager: the per-kiosk reconciliation under the agents', this payment matched to the statement.
  const { manager, kioskRecon } = await managerReconciliation(browser);
  const row = await lineFor(kioskRecon, who.accountNo);
  await expect(row).toContainText('支付成功');
  await expect(row).toContainText((who.arrearsFen / 100).toFixed(2));
  await expect(
    kioskRecon.locator('[data-testid="kiosk-recon-differences"]', { hasText: mine[0]!.merchantOrderId }),
  ).toHaveCount(0);
  await kioskRecon.scrollIntoViewIfNeeded();
  await manager.screenshot({ path: shot('manager-reconciliation'), fullPage: true });
  const download = manager.waitForEvent('download');
  await kioskRecon.getByTestId('kiosk-recon-export').click();
  expect((await download).suggestedFilename()).toMatch(/^自助终端对账-\d{4}-\d{2}-\d{2}\.xlsx$/);
  await manager.close();
});

test('户号 on the keypad at 200% text, bank card with the printer out of paper → 请到窗口领取 → reprinted from the manager page', async ({
  page,
  browser,
}) => {
  test.setTimeout(150_000);
  const who = await debtor(1);
  await page.goto(url('kiosk', '#/kiosk'));
  await page.getByTestId('font-scale').click();
  await page.getByTestId('font-scale').click();
  await expect(page.getByTestId('font-scale')).toContainText('200%');
  await page.getByTestId('kiosk-pay').click();
  for (const k of who.accountNo) await page.getByTestId(`ss-key-${k}`).click();
  await expect(page.getByTestId('ss-account-value')).toHaveAttribute('data-value', who.accountNo);
  await page.screenshot({ path: shot('keypad-200') });
  await page.getByTestId('ss-account-submit').click();
  await expect(page.getByTestId('ss-account-no')).toHaveText(who.accountNo);
  // Elderly-friendly: every button on the screen is at least 60 px tall at this size.
  for (const b of await page.getByTestId('kiosk-self-service').locator('button:visible').all())
    expect((await b.boundingBox())!.height).toBeGreaterThanOrEqual(60);
  await page.screenshot({ path: shot('account-200'), fullPage: true });

  await control('/printer/paper-out');
  try {
    await page.getByTestId('ss-pay-bill').click();
    await page.getByTestId('ss-channel-card').click();
    await expect(page.getByTestId('ss-result')).toHaveAttribute('data-status', 'succeeded', { timeout: 30_000 });
    await expect(page.getByTestId('ss-receipt')).toHaveAttribute('data-printed', 'false');
    await expect(page.getByTestId('ss-receipt')).toContainText('请到窗口领取');
    await page.screenshot({ path: shot('paper-out-200') });
  } finally {
    await control('/printer/paper-in');
  }
  const paymentId = (await page.getByTestId('ss-payment-id').innerText()).trim();
  await page.getByTestId('ss-exit').click();

  const { manager, kioskRecon } = await managerReconciliation(browser);
  await expect(await lineFor(kioskRecon, who.accountNo)).toContainText('支付成功');
  const before = (await receiptTexts()).filter((x) => x.includes(`户号：${who.accountNo}`)).length;
  await kioskRecon.getByTestId(`kiosk-reprint-${paymentId}`).click();
  await expect(kioskRecon.getByTestId(`kiosk-reprint-${paymentId}`)).toContainText('已补打');
  await expect
    .poll(
      async () =>
        (await receiptTexts()).filter((x) => x.includes(`户号：${who.accountNo}`) && x.includes('自助终端')).length,
    )
    .toBeGreaterThan(before);
  await manager.close();
});

test('prepaid top-up: both balances shown, amount chosen; with no card in the writer nothing is charged and the customer is told to insert it', async ({
  page,
}) => {
  test.setTimeout(120_000);
  const { prepaid } = await customers();
  await page.goto(url('kiosk', '#/kiosk'));
  await page.getByTestId('kiosk-pay').click();
  for (const k of prepaid.accountNo) await page.getByTestId(`ss-key-${k}`).click();
  await page.getByTestId('ss-account-submit').click();
  await expect(page.getByTestId('ss-account-no')).toHaveText(prepaid.accountNo);
  await expect(page.getByTestId('ss-balances')).toContainText('系统余额');
  await expect(page.getByTestId('ss-balances')).toContainText('电表余额');
  await page.screenshot({ path: shot('prepaid-account') });
  await page.getByTestId('ss-topup').click();
  await expect(page.getByTestId('ss-amount')).toBeVisible();
  await page.screenshot({ path: shot('topup-amount') });
  await page.getByTestId('ss-amount-100').click();
  await expect(page.getByTestId('ss-to-pay')).toContainText('100.00');
  const ordersBefore = (await control<unknown[]>('/gateway/orders')).length;
  await page.getByTestId('ss-channel-card').click();
  // The card is read before any order exists: no card, no charge.
  await expect(page.getByTestId('ss-error')).toContainText('请先把购电卡插入卡槽', { timeout: 30_000 });
  expect((await control<unknown[]>('/gateway/orders')).length).toBe(ordersBefore);
  await page.screenshot({ path: shot('topup-no-card') });
  await page.getByTestId('ss-exit').click();
  await expect(page.getByTestId('kiosk-pay')).toBeVisible();
});
