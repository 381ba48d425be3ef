import fs from 'node:fs';
import ExcelJS from 'exceljs';
import { expect, test, type Page } from './fixtures';
import { connectWsApi } from '../support/ws-client';
import { HALL_CONTROL_URL, STATION_PORTS } from './hall-ports';
import { openStationPage, submitCounterLogin } from './station-pages';

/**
 * Screens that stay current, at window 9 (agent 1008, the hall's "counter" station): a paused window
 * on the TV and on its customer screen; a QR payment that finishes by itself when the gateway has the
 * scan; a refund the manager approves on their own station showing up in 今日收费; the whole-hall
 * reconciliation with each agent's cash declaration, on screen and in the Excel. The customer screen
 * is the counter PC's second monitor (the same station); the TV and the manager are stations of their own.
 */
const WINDOW = 9;
const AGENT = '1008';
const control = async <T>(path: string): Promise<T> => (await (await fetch(`${HALL_CONTROL_URL}${path}`)).json()) as T;
const shot = (page: Page, name: string) => page.screenshot({ path: `tests/screenshots/visit-live-${name}.png` });
const input = (page: Page, testid: string) =>
  page
    .locator(`input[data-testid="${testid}"], [data-testid="${testid}"] input, textarea[data-testid="${testid}"]`)
    .first();

const open = openStationPage;

const login = submitCounterLogin;

async function openCustomer(page: Page, q: string): Promise<string> {
  await page.getByRole('tab', { name: '客户视图' }).click();
  await input(page, 'customer-search-input').fill(q);
  await page.getByTestId('customer-search-btn').click();
  await page.getByTestId('customer-results').locator('tbody tr').first().getByTestId('open-customer').click();
  await expect(page.getByTestId('cv-account')).toHaveText(/^\d{10}$/);
  return (await page.getByTestId('cv-account').innerText()).trim();
}

test('a paused window shows 暂停服务 on the TV and on its customer screen', async ({ browser }) => {
  const counter = await open(browser, 'counter', `#/counter/${WINDOW}`);
  const rate = await open(browser, 'counter', `#/rate/${WINDOW}`);
  const display = await open(browser, 'display', '#/display');
  await login(counter, AGENT);
  await expect(counter.getByTestId('counter-workstation')).toBeVisible();
  await expect(rate.getByTestId('rate-agent-staffno')).toContainText(AGENT);
  await counter.getByTestId('btn-pause').click();
  await counter.getByTestId('pause-break').click();
  await counter.getByTestId('pause-confirm').click();
  await expect(counter.getByTestId('paused-hint')).toBeVisible();
  await expect(display.getByTestId(`window-${WINDOW}`)).toContainText('暂停服务');
  await expect(display.getByTestId(`window-${WINDOW}`)).not.toContainText('空闲');
  await expect(rate.getByTestId('rate-paused')).toContainText('暂停服务');
  await expect(rate.getByText('欢迎光临')).toBeHidden();
  await shot(counter, 'paused-counter');
  await display.screenshot({ path: 'tests/screenshots/visit-live-paused-display.png' });
  await rate.screenshot({ path: 'tests/screenshots/visit-live-paused-rate.png' });
  await counter.getByTestId('btn-open').click();
  await expect(display.getByTestId(`window-${WINDOW}`)).toContainText('空闲');
  await expect(rate.getByTestId('rate-paused')).toBeHidden();
});

test('QR finishes by itself; a refund approved on the manager station shows in 今日收费; hall reconciliation with declarations', async ({
  browser,
}) => {
  test.setTimeout(180_000);
  const counter = await open(browser, 'counter', `#/counter/${WINDOW}`);
  const rate = await open(browser, 'counter', `#/rate/${WINDOW}`);
  await login(counter, AGENT);
  await expect(counter.getByTestId('counter-workstation')).toBeVisible();
  await openCustomer(counter, '张');

  // QR: the customer scans; the gateway's notice settles it on both screens with no click.
  await counter.getByRole('tab', { name: '收费' }).click();
  await counter.getByTestId('pay-channel').getByText('扫码支付').click();
  await input(counter, 'pay-amount').fill('0.50');
  await counter.getByTestId('pay-submit').click();
  await expect(counter.getByTestId('pay-qr').locator('img')).toBeVisible();
  await expect(rate.getByTestId('rate-pay-qr')).toBeVisible();
  await shot(counter, 'qr-waiting');
  const order = (
    await control<{ merchantOrderId: string; method: string; amountFen: number; status: string }[]>('/gateway/orders')
  )
    .filter((o) => o.method === 'qr' && o.amountFen === 50 && o.status === 'pending')
    .at(-1)!;
  await control(`/gateway/scan/${order.merchantOrderId}`);
  await expect(counter.getByTestId('pay-result')).toContainText('支付成功', { timeout: 8_000 });
  await expect(rate.getByTestId('rate-pay-status')).toContainText('支付成功', { timeout: 8_000 });
  await shot(counter, 'qr-done');

  // Cash 3.00, then a refund of 1.00 requested here and approved on the manager's own station.
  await counter.getByTestId('pay-next').click();
  await counter.getByTestId('pay-channel').getByText('现金').click();
  await input(counter, 'pay-amount').fill('3.00');
  await input(counter, 'pay-tendered').fill('3');
  await counter.getByTestId('pay-submit').click();
  await expect(counter.getByTestId('pay-result')).toContainText('支付成功');
  const row = counter.getByTestId('pay-today').locator('tbody tr').filter({ hasText: '3.00' }).first();
  await row.getByRole('button', { name: '申请退款' }).click();
  await input(counter, 'refund-amount').fill('1.00');
  await input(counter, 'refund-reason').fill('客户多缴一元');
  await counter.getByTestId('refund-dialog').getByTestId('refund-submit').click();
  await expect(counter.getByTestId('refund-dialog').getByText('等待主任审批')).toBeVisible();
  await counter.keyboard.press('Escape');
  const managerApi = connectWsApi(`http://127.0.0.1:${STATION_PORTS.manager}`, 'manager');
  expect((await managerApi.call('auth.login', { staffNo: '1001', pin: '123456' })).ok).toBe(true);
  let requestId = '';
  await expect
    .poll(
      async () => {
        const r = await managerApi.call('payment.refunds', { openOnly: true });
        requestId = r.ok ? (r.value.find((x) => x.amountFen === 100 && x.reason === '客户多缴一元')?.id ?? '') : '';
        return requestId;
      },
      { timeout: 30_000 },
    )
    .not.toBe('');
  const decided = await managerApi.call('payment.decideRefund', { requestId, approve: true });
  expect(decided.ok).toBe(true);
  managerApi.close();
  await expect(counter.getByTestId('pay-today')).toContainText('-1.00', { timeout: 30_000 });
  await shot(counter, 'refund-in-today');

  // Day end: agent 1008 declares 2.00; the manager's whole-hall view and Excel carry it.
  await counter.getByRole('tab', { name: '日结对账' }).click();
  await input(counter, 'recon-declared').fill('2');
  await counter.getByTestId('recon-declare').click();
  await expect(counter.getByTestId('recon-declared-value')).toContainText('2.00');
  const manager = await open(browser, 'manager', '#/manager');
  await login(manager, '1001');
  await manager.getByRole('tab', { name: '日结对账' }).click();
  const declarations = manager.getByTestId('recon-declarations');
  await expect
    .poll(
      async () => {
        await manager.getByTestId('reconciliation').getByRole('button', { name: '查询' }).click();
        return declarations
          .locator('tr', { hasText: AGENT })
          .innerText()
          .catch(() => '');
      },
      { timeout: 30_000 },
    )
    .toContain('2.00');
  await expect(declarations.locator('tr', { hasText: AGENT })).not.toContainText('未申报');
  await manager.screenshot({ path: 'tests/screenshots/visit-live-hall-reconciliation.png' });
  const download = manager.waitForEvent('download');
  await manager.getByTestId('recon-export').click();
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(fs.readFileSync(await (await download).path()) as never);
  const sheet = wb.getWorksheet('现金申报')!;
  const rows: string[] = [];
  sheet.eachRow((r) => rows.push((r.values as unknown[]).map(String).join('|')));
  const mine = rows.find((r) => r.includes(AGENT))!;
  expect(mine).toContain('2');
  expect(mine).not.toContain('未申报');
});
