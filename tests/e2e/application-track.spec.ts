import { expect, test, type Browser, type Page } from './fixtures';
import { idCheckDigit } from '@common/domain/id-number';
import { decodeEscPos } from '../../devices/printer/escpos-decoder';
import { onePagePdf, scannedPagePng } from '../support/sample-documents';
import { connectWsApi } from '../support/ws-client';
import { HALL_CONTROL_URL, STATION_PORTS } from './hall-ports';

/**
 * The public application-progress page on a phone (390×844): agent 1010 at window 13 (the e2e
 * hall's extra window) submits a 分布式光伏并网 application on the hall's display station, the slip
 * prints with a QR holding the page's link, the customer opens it, the agent accepts the
 * application, the page shows the new step after a refresh; a tampered link shows 未找到该申请.
 * The display station is used so no other spec's per-station application numbers move.
 */
const WINDOW = 13;
const AGENT = '1010';
const STATION = 'display' as const;
const base = `http://127.0.0.1:${STATION_PORTS[STATION]}`;
const FORM = {
  accountNo: '3300012345',
  applicantName: '司马光明',
  phone: '13912345678',
  capacityKwp: 12.5,
  inverter: 'SUN2000-12KTL',
  connection: '自发自用余电上网',
};
const PNG = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  Buffer.from('IHDR-roof-deed-scan'),
]);
const shot = (page: Page, name: string) =>
  page.screenshot({ path: `tests/screenshots/application-track-${name}.png`, fullPage: true });

async function phone(browser: Browser, url: string): Promise<Page> {
  const ctx = await browser.newContext({
    viewport: { width: 390, height: 844 },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
  });
  const page = await ctx.newPage();
  await page.goto(url);
  return page;
}

async function receiptCount(): Promise<number> {
  return ((await (await fetch(`${HALL_CONTROL_URL}/printer/receipts`)).json()) as unknown[]).length;
}

/** The QR codes on the printed slips after `after` that carry `text`, decoded from the printer's bytes. */
async function slipQr(text: string, after: number): Promise<string[]> {
  let qr: string[] = [];
  await expect
    .poll(async () => {
      const all = ((await (await fetch(`${HALL_CONTROL_URL}/printer/receipts`)).json()) as { bytes: string }[]).slice(
        after,
      );
      for (const r of all.reverse()) {
        const d = decodeEscPos(new Uint8Array(Buffer.from(r.bytes, 'base64')));
        if (d.ok && d.value.text.includes(text)) {
          qr = d.value.qr;
          return true;
        }
      }
      return false;
    })
    .toBe(true);
  return qr;
}

test('slip QR → phone progress page → accepted after a refresh; a tampered link is not found', async ({ browser }) => {
  test.setTimeout(120_000);
  const api = connectWsApi(base, 'counter', WINDOW);
  expect((await api.call('auth.login', { staffNo: AGENT, pin: '123456' })).ok).toBe(true);
  const before = await receiptCount();
  const submitted = await api.call('application.submit', { type: 'PV', values: FORM });
  if (!submitted.ok) throw new Error(submitted.error.message);
  const { application, followUrl } = submitted.value;
  expect(followUrl.startsWith(`${base}/#/track/`)).toBe(true);
  expect(followUrl).not.toContain(application.applicationNo!);

  // The printed slip's QR holds exactly that link.
  expect(await slipQr(application.applicationNo!, before)).toEqual([followUrl]);

  const page = await phone(browser, followUrl);
  await expect(page.getByTestId('track-application-no')).toHaveText(application.applicationNo!);
  await expect(page.getByTestId('track-business')).toHaveText('分布式光伏并网');
  await expect(page.getByTestId('track-applicant')).toHaveText('司**明');
  await expect(page.getByTestId('track-status')).toHaveText('已提交，等待受理');
  await expect(page.getByTestId('track-step-submitted')).toHaveAttribute('data-state', 'current');
  await expect(page.getByTestId('track-todo')).toContainText('补交材料：屋顶产权证明');
  await expect(page.getByTestId('track-todo')).toContainText('补交材料：身份证件（读卡器图像）');
  const text = await page.locator('body').innerText();
  for (const secret of ['司马光明', '13912345678', '3300012345']) expect(text).not.toContain(secret);
  await shot(page, 'submitted-390');

  // The agent attaches the roof deed and accepts; the customer refreshes.
  expect(
    (
      await api.call('application.attach', {
        id: application.id,
        kind: 'roofProof',
        fileName: 'roof.png',
        dataBase64: PNG.toString('base64'),
      })
    ).ok,
  ).toBe(true);
  expect((await api.call('application.setStatus', { id: application.id, status: 'accepted' })).ok).toBe(true);
  await page.getByTestId('track-refresh').click();
  await expect(page.getByTestId('track-status')).toHaveText('已受理');
  await expect(page.getByTestId('track-step-submitted')).toHaveAttribute('data-state', 'done');
  await expect(page.getByTestId('track-step-accepted')).toHaveAttribute('data-state', 'current');
  await expect(page.getByTestId('track-todo')).not.toContainText('屋顶产权证明');
  await expect(page.getByTestId('track-todo')).toContainText('身份证件');
  await shot(page, 'accepted-390');

  // English on the same page.
  await page.getByTestId('lang-switch').getByText('EN').click();
  await expect(page.getByTestId('track-status')).toHaveText('Accepted');
  await expect(page.getByTestId('track-business')).toHaveText('Distributed PV grid connection');
  await page.getByTestId('lang-switch').getByText('中文').click();

  // A link with one character of its MAC changed, and a made-up one: the same 未找到该申请.
  const token = decodeURIComponent(followUrl.split('#/track/')[1]!);
  const tampered = token.slice(0, -1) + (token.endsWith('A') ? 'B' : 'A');
  const bad = await phone(browser, `${base}/#/track/${encodeURIComponent(tampered)}`);
  await expect(bad.getByTestId('track-error')).toContainText('未找到该申请');
  await expect(bad.getByTestId('track-error-code')).toHaveText('not_found');
  await shot(bad, 'not-found-390');
  const made = await phone(browser, `${base}/#/track/${encodeURIComponent(application.applicationNo!)}`);
  await expect(made.getByTestId('track-error-code')).toHaveText('not_found');
  api.close();
});

/** Element Plus puts a data-testid on the <input> itself (ElInput) or on a wrapper (ElInputNumber). */
const input = (page: Page, testid: string) =>
  page.locator(`input[data-testid="${testid}"], [data-testid="${testid}"] input`).first();
async function pick(page: Page, field: string, option: string): Promise<void> {
  await page.getByTestId(`input-${field}`).click();
  await page.getByTestId(`field-${field}`).locator('.el-select-dropdown__item', { hasText: option }).click();
}

test("counter: an application's documents previewed (image, PDF) and downloaded, each opening audited", async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const ctx = await browser.newContext({ viewport: { width: 1920, height: 1080 }, acceptDownloads: true });
  const counter = await ctx.newPage();
  await counter.goto(`${base}/#/counter/${WINDOW}`);
  await counter.getByTestId('login-staffno').fill(AGENT);
  await counter.getByTestId('login-pin').fill('123456');
  await counter.getByTestId('login-submit').click();
  await expect(counter.getByTestId('counter-workstation')).toBeVisible();

  await counter.getByRole('tab', { name: '电子表单' }).click();
  await input(counter, 'input-applicantName').fill('诸葛明远');
  await input(counter, 'input-idNumber').fill('33010619850312123' + idCheckDigit('33010619850312123'));
  await input(counter, 'input-phone').fill('13957112345');
  await input(counter, 'input-address').fill('浙江省杭州市西湖区古墩路58号3幢502室');
  await pick(counter, 'category', '低压居民');
  await input(counter, 'input-capacityKva').fill('10');
  await pick(counter, 'usageType', '居民生活');
  await counter.getByTestId('btn-submit').click();
  await expect(counter.getByTestId('application-no')).toHaveText(/^SQ-H001-\d{8}-NEW-\d{4}-[A-Z0-9]{4}$/);

  const scan = scannedPagePng();
  const pdf = onePagePdf('Residential Lease Agreement');
  await counter
    .getByTestId('attach-input')
    .setInputFiles({ name: '房产证明.png', mimeType: 'image/png', buffer: scan });
  await expect(counter.getByTestId('attachment-list')).toContainText('房产证明.png');
  await counter.getByTestId('attach-kind').click();
  await counter.getByTestId('attach-kind').locator('.el-select-dropdown__item', { hasText: '其他' }).click();
  await counter
    .getByTestId('attach-input')
    .setInputFiles({ name: '租赁合同.pdf', mimeType: 'application/pdf', buffer: pdf });
  await expect(counter.getByTestId('attachment-list')).toContainText('租赁合同.pdf');

  // Preview the scan: the dialog shows the decrypted image, verified against its upload digest.
  const rows = counter.getByTestId('attachment-list').locator('tbody tr');
  await rows.filter({ hasText: '房产证明.png' }).getByText('预览').click();
  const dialog = counter.getByTestId('attachment-preview');
  await expect(dialog.getByTestId('attachment-image')).toBeVisible();
  await expect(dialog.getByTestId('attachment-verified')).toBeVisible();
  await expect(dialog).toContainText('房产证明或租赁合同');
  const shown = await dialog
    .getByTestId('attachment-image')
    .evaluate((img: HTMLImageElement) => ({ w: img.naturalWidth, h: img.naturalHeight }));
  expect(shown).toEqual({ w: 620, h: 860 });
  await counter.screenshot({ path: 'tests/screenshots/application-track-attachment-preview-1920.png' });
  await counter.setViewportSize({ width: 1366, height: 768 });
  await counter.screenshot({ path: 'tests/screenshots/application-track-attachment-preview-1366.png' });
  await counter.setViewportSize({ width: 1920, height: 1080 });

  // Download from the dialog: the file saved is byte for byte the scan.
  const [download] = await Promise.all([
    counter.waitForEvent('download'),
    dialog.getByTestId('attachment-download').click(),
  ]);
  expect(download.suggestedFilename()).toBe('房产证明.png');
  const saved = await download.createReadStream();
  const chunks: Buffer[] = [];
  for await (const c of saved) chunks.push(c as Buffer);
  expect(Buffer.concat(chunks).equals(scan)).toBe(true);
  await dialog.getByTestId('attachment-close').click();
  await expect(dialog).toBeHidden();

  // The PDF opens in the dialog's viewer frame.
  await rows.filter({ hasText: '租赁合同.pdf' }).getByText('预览').click();
  await expect(dialog.getByTestId('attachment-pdf')).toBeVisible();
  await expect(dialog.getByTestId('attachment-pdf')).toHaveAttribute(
    'src',
    /^\/api\/attachment-preview\/[A-Za-z0-9_-]{43}$/,
  );
  const pdfPath = await dialog.getByTestId('attachment-pdf').getAttribute('src');
  const served = await fetch(`${base}${pdfPath}`);
  expect(served.headers.get('content-type')).toBe('application/pdf');
  expect(Buffer.from(await served.arrayBuffer()).equals(pdf)).toBe(true);
  expect((await fetch(`${base}/api/attachment-preview/${'A'.repeat(43)}`)).status).toBe(404);
  await counter.screenshot({ path: 'tests/screenshots/application-track-attachment-pdf-1920.png' });
  await dialog.getByTestId('attachment-close').click();

  await ctx.close();
});

test("counter: 冲正 of today's cash payment with a manager's PIN, the void slip printed, shown in reconciliation", async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const ctx = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
  const page = await ctx.newPage();
  const field = (testid: string) =>
    page
      .locator(`input[data-testid="${testid}"], [data-testid="${testid}"] input, textarea[data-testid="${testid}"]`)
      .first();
  await page.goto(`${base}/#/counter/${WINDOW}`);
  await page.getByTestId('login-staffno').fill(AGENT);
  await page.getByTestId('login-pin').fill('123456');
  await page.getByTestId('login-submit').click();
  await expect(page.getByTestId('counter-workstation')).toBeVisible();

  // A customer who owes more than 20 yuan and is not prepaid.
  let account = '';
  search: for (const q of ['周', '吴', '郑', '王', '李']) {
    await field('customer-search-input').fill(q);
    await page.getByTestId('customer-search-btn').click();
    const rows = page.getByTestId('customer-results').locator('tbody tr');
    await expect(rows.first()).toBeVisible();
    for (let i = 0; i < Math.min(await rows.count(), 8); i++) {
      await rows.nth(i).getByTestId('open-customer').click();
      await expect(page.getByTestId('cv-account')).toHaveText(/^\d{10}$/);
      const acc = (await page.getByTestId('cv-account').innerText()).trim();
      await page.getByRole('tab', { name: '收费' }).click();
      const arrears = Number(
        (await page.getByTestId('pay-arrears').locator('.el-statistic__number').innerText()).replace(/[^\d.]/g, ''),
      );
      if (arrears > 20 && !(await page.getByTestId('pay-kind').isVisible())) {
        account = acc;
        break search;
      }
      await page.getByRole('tab', { name: '客户视图' }).click();
    }
  }
  expect(account).toMatch(/^\d{10}$/);
  const arrearsText = async () =>
    (await page.getByTestId('pay-arrears').locator('.el-statistic__number').innerText()).trim();
  const before = await arrearsText();

  const printed = await receiptCount();
  await field('pay-amount').fill('18.60');
  await field('pay-tendered').fill('20');
  await page.getByTestId('pay-submit').click();
  await expect(page.getByTestId('pay-result')).toContainText('支付成功');
  await expect.poll(arrearsText).not.toBe(before);

  await page.getByTestId('pay-reverse').click();
  const dialog = page.getByTestId('reverse-dialog');
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText(account);
  await expect(dialog).toContainText('18.60');
  await expect(dialog.getByTestId('reverse-confirm')).toBeDisabled();
  await dialog.getByRole('button', { name: '金额输错' }).click();
  await field('reverse-manager-no').fill('1001');
  await field('reverse-manager-pin').fill('111111');
  await page.screenshot({ path: 'tests/screenshots/application-track-reverse-dialog-1920.png' });
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.screenshot({ path: 'tests/screenshots/application-track-reverse-dialog-1366.png' });
  await page.setViewportSize({ width: 1920, height: 1080 });

  // A wrong manager PIN is refused on its field; the right one reverses.
  await dialog.getByTestId('reverse-confirm').click();
  await expect(dialog).toContainText('主任工号或密码错误');
  await field('reverse-manager-pin').fill('123456');
  await dialog.getByTestId('reverse-confirm').click();
  await expect(dialog.getByTestId('reverse-done')).toBeVisible();
  await expect(dialog.getByTestId('reverse-status')).toHaveText('已冲正');
  await expect(dialog.getByTestId('reverse-done')).toContainText('请当面退还现金');
  await page.screenshot({ path: 'tests/screenshots/application-track-reverse-done-1920.png' });
  await dialog.getByTestId('reverse-close').click();
  await expect.poll(arrearsText).toBe(before);
  await expect(page.getByTestId('pay-today')).toContainText('已冲正');

  // The void slip: the account and the negative amount, decoded from the printer's bytes.
  let voidSlip = '';
  await expect
    .poll(async () => {
      const all = ((await (await fetch(`${HALL_CONTROL_URL}/printer/receipts`)).json()) as { bytes: string }[]).slice(
        printed,
      );
      const texts = all
        .map((r) => decodeEscPos(new Uint8Array(Buffer.from(r.bytes, 'base64'))))
        .flatMap((d) => (d.ok ? [d.value.text] : []));
      voidSlip = texts.find((x) => x.includes('冲正凭证')) ?? '';
      return voidSlip !== '';
    })
    .toBe(true);
  expect(voidSlip).toContain(account);
  expect(voidSlip).toContain('-18.60');

  // The day's reconciliation lists it as reversed.
  await page.getByRole('tab', { name: '日结对账' }).click();
  await expect(page.getByTestId('recon-lines')).toContainText('已冲正');
  await ctx.close();
});
