import { expect, test, type Browser, type Page } from '@playwright/test';
import { decodeEscPos } from '../../devices/printer/escpos-decoder';
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
const FORM = { accountNo: '3300012345', applicantName: '司马光明', phone: '13912345678', capacityKwp: 12.5, inverter: 'SUN2000-12KTL', connection: '自发自用余电上网' };
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('IHDR-roof-deed-scan')]);
const shot = (page: Page, name: string) => page.screenshot({ path: `tests/screenshots/application-track-${name}.png`, fullPage: true });

async function phone(browser: Browser, url: string): Promise<Page> {
  const ctx = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true });
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
      const all = ((await (await fetch(`${HALL_CONTROL_URL}/printer/receipts`)).json()) as { bytes: string }[]).slice(after);
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
  expect((await api.call('application.attach', { id: application.id, kind: 'roofProof', fileName: 'roof.png', dataBase64: PNG.toString('base64') })).ok).toBe(true);
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
