import fs from 'node:fs';
import { expect, test, type Page } from './fixtures';
import ExcelJS from 'exceljs';
import { decodeEscPos } from '../../devices/printer/escpos-decoder';
import { HALL_CONTROL_URL, STATION_PORTS } from './hall-ports';

/**
 * Money at the counter, window 1, agent 1002 (manager 1001 approves): a cash payment with change and
 * its receipt decoded from the simulated printer's bytes; a QR payment whose create times out at the
 * gateway and is resolved by querying; a refund approved on the spot with the manager's PIN; the
 * day-end reconciliation with a cash difference, exported to Excel; an oral consultation counted in
 * the manager's evaluation.
 * No ticket of an A-prefix type (PAY) is issued here: hall-loop.spec.ts runs later in the same hall
 * and expects its kiosk ticket to be A001 (see display-guide-kpi.spec.ts). Payments need no ticket.
 */
const url = (name: keyof typeof STATION_PORTS, hash: string) => `http://127.0.0.1:${STATION_PORTS[name]}/${hash}`;
const control = async <T>(path: string): Promise<T> => (await (await fetch(`${HALL_CONTROL_URL}${path}`)).json()) as T;
const input = (page: Page, testid: string) =>
  page
    .locator(`input[data-testid="${testid}"], [data-testid="${testid}"] input, textarea[data-testid="${testid}"]`)
    .first();

async function receipts(): Promise<string[]> {
  const all = await control<{ bytes: string }[]>('/printer/receipts');
  return all.map((r) => {
    const d = decodeEscPos(new Uint8Array(Buffer.from(r.bytes, 'base64')));
    if (!d.ok) throw new Error(`receipt did not decode: ${d.error.message}`);
    return d.value.text;
  });
}

/** Open the first customer among the results who owes more than `minYuan` and is not prepaid. */
async function openDebtor(page: Page, minYuan: number): Promise<string> {
  for (const q of ['王', '李', '张', '陈', '刘']) {
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
      if (arrears > minYuan && !(await page.getByTestId('pay-kind').isVisible())) return account;
      await page.getByRole('tab', { name: '客户视图' }).click();
    }
  }
  throw new Error('no customer with arrears found');
}

test('cash with change and receipt, QR timeout resolved by query, refund with approval, reconciliation with a difference', async ({
  page,
}) => {
  test.setTimeout(180_000);
  await page.setViewportSize({ width: 1920, height: 1080 });
  await page.goto(url('counter', '#/counter/1'));
  await page.getByTestId('login-staffno').fill('1002');
  await page.getByTestId('login-pin').fill('123456');
  await page.getByTestId('login-submit').click();
  await expect(page.getByTestId('counter-workstation')).toBeVisible();
  const account = await openDebtor(page, 30);

  // Cash: an amount that is not a number is refused with the field named; then 12.34 with 20 tendered → 7.66 change.
  await input(page, 'pay-amount').fill('12.345');
  await expect(page.getByText('「应收金额」请输入正确的金额，最多两位小数')).toBeVisible();
  await input(page, 'pay-amount').fill('12.34');
  await input(page, 'pay-tendered').fill('20');
  await expect(page.getByTestId('pay-change')).toContainText('¥ 7.66');
  await page.screenshot({ path: 'tests/screenshots/counter-payment-cash-form.png' });
  const printedBefore = (await receipts()).length;
  await page.getByTestId('pay-submit').click();
  await expect(page.getByTestId('pay-result')).toContainText('支付成功');
  await expect(page.getByTestId('pay-result-change')).toHaveText('找零 ¥ 7.66');
  await expect.poll(async () => (await receipts()).length).toBeGreaterThan(printedBefore);
  const receipt = (await receipts()).at(-1)!;
  expect(receipt).toContain(`户号：${account}`);
  expect(receipt).toContain('金额：12.34 元');
  expect(receipt).toContain('找零：7.66 元');
  await page.screenshot({ path: 'tests/screenshots/counter-payment-cash-done.png' });

  // QR: the gateway takes the order but the answer is lost → 超时待查询; the query finds the order
  // waiting for the scan (its QR appears); the customer scans; the gateway's notice settles it.
  await page.getByTestId('pay-next').click();
  await control('/gateway/config?timeoutNext=1&timeoutMode=after_commit');
  await page.getByTestId('pay-channel').getByText('扫码支付').click();
  await input(page, 'pay-amount').fill('5.00');
  await page.getByTestId('pay-submit').click();
  await expect(page.getByTestId('pay-result')).toContainText('超时待查询', { timeout: 20_000 });
  await expect(page.getByTestId('pay-result-note')).toContainText('支付网关超时');
  await page.screenshot({ path: 'tests/screenshots/counter-payment-qr-timeout.png' });
  await page.getByTestId('pay-resolve').click();
  await expect(page.getByTestId('pay-qr').locator('img')).toBeVisible();
  // Still unresolved (timed_out only moves to succeeded or failed), now with the QR the gateway holds.
  await expect(page.getByTestId('pay-result')).toContainText('超时待查询');
  await page.screenshot({ path: 'tests/screenshots/counter-payment-qr-scan.png' });
  const qr = (await control<{ merchantOrderId: string; method: string; amountFen: number }[]>('/gateway/orders'))
    .filter((o) => o.method === 'qr' && o.amountFen === 500)
    .at(-1)!;
  // The scan's notice from the gateway settles it: no second query needed.
  await control(`/gateway/scan/${qr.merchantOrderId}`);
  await expect(page.getByTestId('pay-result')).toContainText('支付成功');

  // Refund of the cash payment: reason, then the manager's PIN at the counter (a wrong PIN first).
  const cashRow = page.getByTestId('pay-today').locator('tbody tr').filter({ hasText: '12.34' }).first();
  await cashRow.getByRole('button', { name: '申请退款' }).click();
  const dialog = page.getByTestId('refund-dialog');
  await input(page, 'refund-amount').fill('2.34');
  await dialog.getByTestId('refund-submit').click();
  await expect(dialog.getByText('请填写退款原因')).toBeVisible();
  await input(page, 'refund-reason').fill('客户多缴，退还多缴部分');
  await dialog.getByTestId('refund-submit').click();
  await expect(dialog.getByText('等待主任审批')).toBeVisible();
  await input(page, 'refund-manager-no').fill('1001');
  await input(page, 'refund-manager-pin').fill('000000');
  await dialog.getByTestId('refund-approve').click();
  await expect(dialog.getByText('主任工号或密码错误')).toBeVisible();
  await input(page, 'refund-manager-pin').fill('123456');
  await dialog.getByTestId('refund-approve').click();
  await expect(dialog.getByTestId('refund-decision')).toContainText('已批准 · 陈静');
  await expect(dialog.getByTestId('refund-decision')).toContainText('退款支付成功');
  await page.screenshot({ path: 'tests/screenshots/counter-payment-refund.png' });
  await expect.poll(async () => (await receipts()).at(-1)).toContain('电费退款凭证');
  expect((await receipts()).at(-1)).toContain('金额：-2.34 元');
  await page.keyboard.press('Escape');

  // Oral consultation: one click on a topic.
  await page.getByTestId('consultation-open').click();
  await page.getByTestId('consultation-topics').getByText('电价政策').click();
  await expect(page.getByText('已记录口头咨询：电价政策')).toBeVisible();

  // Day end: cash in the system is 12.34 − 2.34 = 10.00; declaring 9.00 shows a 1.00 short.
  await page.getByRole('tab', { name: '日结对账' }).click();
  await expect(page.getByTestId('reconciliation')).toBeVisible();
  await input(page, 'recon-declared').fill('9');
  await page.getByTestId('recon-declare').click();
  const diffs = page.getByTestId('recon-differences');
  await expect(diffs).toContainText('现金短款 1.00 元');
  await page.screenshot({ path: 'tests/screenshots/counter-reconciliation.png' });
  const download = page.waitForEvent('download');
  await page.getByTestId('recon-export').click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^日结对账-\d{4}-\d{2}-\d{2}-1002\.xlsx$/);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(fs.readFileSync(await file.path()) as never);
  expect(
    wb
      .getWorksheet('差异')!
      .getColumn(4)
      .values.map(String)
      .some((c) => c.includes('现金短款 1.00 元')),
  ).toBe(true);

  // The same workstation at 1366×768.
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.getByRole('tab', { name: '收费' }).click();
  await page.screenshot({ path: 'tests/screenshots/counter-payment-1366.png' });

  // The manager sees agent 1002's reconciliation and the consultation in the evaluation.
  const manager = await page.context().newPage();
  await manager.setViewportSize({ width: 1920, height: 1080 });
  await manager.goto(url('manager', '#/manager'));
  await manager.getByTestId('login-staffno').fill('1001');
  await manager.getByTestId('login-pin').fill('123456');
  await manager.getByTestId('login-submit').click();
  await manager.getByRole('tab', { name: '员工评价' }).click();
  await expect(manager.getByTestId('eval-consultations-1002')).not.toHaveText('0');
  await manager.getByRole('tab', { name: '日结对账' }).click();
  await input(manager, 'recon-staff').fill('1002');
  await manager.getByTestId('reconciliation').getByRole('button', { name: '查询' }).click();
  await expect(manager.getByTestId('recon-differences')).toContainText('现金短款 1.00 元');
  await manager.screenshot({ path: 'tests/screenshots/manager-reconciliation.png' });
});
