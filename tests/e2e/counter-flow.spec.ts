import { expect, test, type Browser, type Locator, type Page } from './fixtures';
import { PNG } from 'pngjs';
import { idCheckDigit } from '@common/domain/id-number';
import { maskIdNumber, maskName } from '@common/domain/mask';
import { decodeEscPos } from '../../devices/printer/escpos-decoder';
import { connectWsApi } from '../support/ws-client';
import { HALL_CONTROL_URL, STATION_PORTS } from './hall-ports';

/**
 * The counter's customer journey, two screens on two stations: the counter at window 8 (agent 1007)
 * and its customer-facing screen. ID card read → 新装 application (fields from the card) → review on
 * the customer screen → signature on the touchscreen (pointer events) → acceptance slip printed
 * (decoded from the simulated printer's bytes) → amendment shows 签名已失效 on both screens and on the
 * reprinted slip → finish → 不满意 with a reason → the manager sees it. Every step is screenshotted.
 */
const WINDOW = 8;
// Every e2e station serves every role. The counter page runs on the hall's "manager" station (with its
// own simulated reader): application numbers count per station, and counter-workstation.spec expects
// the counter station's first 新装 of the day to be its own.
const COUNTER_STATION = 'manager' as const;
const AGENT = '1007';
const CARD = {
  name: '欧阳秀英',
  genderCode: '2',
  birthDate: '19790923',
  address: '浙江省杭州市拱墅区湖墅南路186号2幢1203室',
  idNumber: '33010519790923002' + idCheckDigit('33010519790923002'),
  validFrom: '20160505',
  validTo: '20360505',
};
const station = (name: keyof typeof STATION_PORTS, hash: string) => `http://127.0.0.1:${STATION_PORTS[name]}/${hash}`;
const shot = (page: Page, name: string) => page.screenshot({ path: `tests/screenshots/counter-flow-${name}.png` });

async function open(
  browser: Browser,
  name: keyof typeof STATION_PORTS,
  hash: string,
  viewport: { width: number; height: number },
): Promise<Page> {
  const page = await (await browser.newContext({ viewport })).newPage();
  await page.goto(station(name, hash));
  return page;
}

async function receipts(): Promise<Uint8Array[]> {
  const res = await fetch(`${HALL_CONTROL_URL}/printer/receipts`);
  return ((await res.json()) as { bytes: string }[]).map((r) => new Uint8Array(Buffer.from(r.bytes, 'base64')));
}

/** The newest slip carrying this text, decoded from the printer's raw ESC/POS bytes. */
async function slipWith(text: string, after: number): Promise<{ text: string; qr: string[] }> {
  let found: { text: string; qr: string[] } | null = null;
  await expect
    .poll(async () => {
      const all = (await receipts()).slice(after);
      for (const bytes of all.reverse()) {
        const d = decodeEscPos(bytes);
        if (d.ok && d.value.text.includes(text)) {
          found = { text: d.value.text, qr: d.value.qr };
          return true;
        }
      }
      return false;
    })
    .toBe(true);
  return found!;
}

/** Element Plus puts a data-testid on the <input> itself (ElInput) or on a wrapper (ElInputNumber). */
const input = (page: Page, testid: string) =>
  page.locator(`input[data-testid="${testid}"], [data-testid="${testid}"] input`).first();

async function pick(page: Page, field: string, option: string): Promise<void> {
  await page.getByTestId(`input-${field}`).click();
  await page.getByTestId(`field-${field}`).locator('.el-select-dropdown__item', { hasText: option }).click();
}

/** A finger writes on the touchscreen: real PointerEvents, as a touch monitor sends them. */
async function fingerStroke(canvas: Locator, points: { x: number; y: number }[]): Promise<void> {
  await canvas.evaluate((el, pts) => {
    const rect = el.getBoundingClientRect();
    const at = (p: { x: number; y: number }, type: string) =>
      new PointerEvent(type, {
        pointerId: 11,
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

async function sign(rate: Page): Promise<void> {
  const canvas = rate.getByTestId('signature-canvas');
  await expect(canvas).toBeVisible();
  await fingerStroke(
    canvas,
    Array.from({ length: 24 }, (_, i) => ({ x: 0.12 + i * 0.03, y: 0.55 - 0.25 * Math.sin(i / 3) })),
  );
  await fingerStroke(
    canvas,
    Array.from({ length: 16 }, (_, i) => ({ x: 0.45 + i * 0.02, y: 0.3 + i * 0.03 })),
  );
  await expect(rate.getByTestId('signature-count')).toContainText('2');
  await rate.getByTestId('signature-confirm').click();
}

function scanPng(): Buffer {
  const png = new PNG({ width: 40, height: 30 });
  for (let i = 0; i < png.data.length; i += 4) png.data.set([230, 236, 240, 255], i);
  return PNG.sync.write(png);
}

test('ID read → 新装 → review → touchscreen signature → slip → amendment voids it → 不满意 with a reason → manager', async ({
  browser,
}) => {
  test.setTimeout(240_000);

  // The manager lets window 8 serve 新装 too (its C-series types stay), over the station API.
  const managerApi = connectWsApi(`http://127.0.0.1:${STATION_PORTS.manager}`, 'manager');
  expect((await managerApi.call('auth.login', { staffNo: '1001', pin: '123456' })).ok).toBe(true);
  const configured = await managerApi.call('manager.configureWindow', {
    windowNo: WINDOW,
    types: ['XFER', 'RENAME', 'TARIFF', 'SUSP', 'CLOSE', 'NEW'].map((code) => ({
      code,
      priority: code === 'NEW' ? 10 : 0,
    })),
  });
  expect(configured.ok).toBe(true);
  managerApi.close();

  const counter = await open(browser, COUNTER_STATION, `#/counter/${WINDOW}`, { width: 1920, height: 1080 });
  const rate = await open(browser, 'rate', `#/rate/${WINDOW}`, { width: 1920, height: 1080 });
  const kiosk = await open(browser, 'kiosk', '#/kiosk', { width: 1080, height: 1920 });

  // Agent 1007 logs in at window 8; the customer screen shows who serves here.
  await counter.getByTestId('login-staffno').fill(AGENT);
  await counter.getByTestId('login-pin').fill('123456');
  await counter.getByTestId('login-submit').click();
  await expect(counter.getByTestId('counter-workstation')).toBeVisible();
  await expect(rate.getByTestId('rate-agent-staffno')).toContainText(AGENT);
  await shot(rate, 'rate-idle');

  // A customer takes a 新装 ticket at the kiosk; window 8 calls and starts it.
  await kiosk.getByTestId('biz-NEW').click();
  const ticketNo = (await kiosk.getByTestId('ticket-number').innerText()).trim();
  expect(ticketNo).toMatch(/^B\d{3}$/);
  await expect(counter.getByTestId('btn-call-next')).toBeEnabled();
  await expect(counter.getByTestId('waiting-list')).toContainText(ticketNo);
  await counter.getByTestId('btn-call-next').click();
  await expect(counter.getByTestId('current-ticket')).toContainText(ticketNo);
  await counter.getByTestId('btn-start').click();
  await expect(rate.getByTestId('rate-ticket')).toHaveText(ticketNo);
  await shot(rate, 'rate-serving');

  // The lock screen keeps the ticket in view; only the PIN opens it again.
  await counter.getByTestId('btn-lock').click();
  await expect(counter.getByTestId('lock-screen')).toBeVisible();
  await expect(counter.getByTestId('lock-ticket')).toContainText(ticketNo);
  await input(counter, 'unlock-pin').fill('999999');
  await counter.getByTestId('btn-unlock').click();
  await expect(counter.getByTestId('unlock-error')).toContainText('密码错误');
  await shot(counter, 'lock');
  await input(counter, 'unlock-pin').fill('123456');
  await counter.getByTestId('btn-unlock').click();
  await expect(counter.getByTestId('lock-screen')).toBeHidden();

  // The ID card goes on the reader: the identify panel shows it masked, the form fills itself.
  await counter.getByRole('tab', { name: '电子表单' }).click();
  const read = await fetch(`${HALL_CONTROL_URL}/devices/${COUNTER_STATION}/card`, {
    method: 'POST',
    body: JSON.stringify(CARD),
  });
  expect(read.ok).toBe(true);
  await expect(counter.getByTestId('idcard-box')).toBeVisible();
  await expect(counter.getByTestId('idcard-name')).toHaveText(maskName(CARD.name));
  await expect(counter.getByTestId('idcard-id')).toHaveText(maskIdNumber(CARD.idNumber));
  await expect(counter.getByTestId('idcard-box')).not.toContainText(CARD.idNumber);
  await expect(counter.getByTestId('idcard-valid')).toHaveText('2016-05-05 至 2036-05-05');
  await expect(input(counter, 'input-applicantName')).toHaveValue(CARD.name);
  await expect(input(counter, 'input-idNumber')).toHaveValue(CARD.idNumber);
  await expect(input(counter, 'input-address')).toHaveValue(CARD.address);
  await expect(input(counter, 'input-idValidTo')).toHaveValue('2036-05-05');
  await expect(counter.getByTestId('field-gender')).toContainText('女');
  await input(counter, 'input-phone').fill('13957112345');
  await pick(counter, 'category', '低压居民');
  await input(counter, 'input-capacityKva').fill('8');
  await pick(counter, 'usageType', '居民生活');
  await shot(counter, 'form-from-card');

  await counter.getByTestId('btn-submit').click();
  const appNo = (await counter.getByTestId('application-no').innerText()).trim();
  expect(appNo).toMatch(/^SQ-H001-\d{8}-NEW-\d{4}-[A-Z0-9]{4}$/);
  await expect(counter.getByTestId('flow-signature-state')).toHaveAttribute('data-state', 'none');

  // Documents: a scanned property proof (PNG from disk) and the card's photo from the reader.
  await counter
    .getByTestId('attach-input')
    .setInputFiles({ name: '租赁合同.png', mimeType: 'image/png', buffer: scanPng() });
  await expect(counter.getByTestId('attachment-list')).toContainText('租赁合同.png');
  await counter
    .getByTestId('attach-input')
    .setInputFiles({ name: '说明.png', mimeType: 'image/png', buffer: Buffer.from('not really a picture') });
  await expect(counter.getByTestId('flow-error')).toContainText('不是 PDF、JPEG 或 PNG');
  await counter.getByTestId('btn-attach-id-photo').click();
  await expect(counter.getByTestId('attachment-list')).toContainText('idcard-photo.wlt');
  await expect(counter.getByTestId('attachment-list')).toContainText('身份证件（读卡器图像）');

  // Review on the customer screen: masked lines only.
  await counter.getByTestId('btn-request-signature').click();
  await expect(counter.getByTestId('signature-requested')).toBeVisible();
  const review = rate.getByTestId('rate-review');
  await expect(review).toBeVisible();
  await expect(review).toContainText(appNo);
  await expect(review).toContainText(maskName(CARD.name));
  await expect(review).toContainText(maskIdNumber(CARD.idNumber));
  await expect(review).not.toContainText(CARD.idNumber);
  await expect(review).not.toContainText('13957112345');
  await expect(review).toContainText('8 kVA');
  await shot(rate, 'rate-review');
  await shot(counter, 'counter-waiting-signature');
  // The same screen on a 1366×768 customer monitor.
  await rate.setViewportSize({ width: 1366, height: 768 });
  await shot(rate, 'rate-review-1366');
  await rate.setViewportSize({ width: 1920, height: 1080 });

  // Sign on the touchscreen with pointer events.
  await rate.getByTestId('rate-review-confirm').click();
  await expect(review).toHaveAttribute('data-step', 'sign');
  await shot(rate, 'rate-sign-empty');
  await sign(rate);
  await expect(rate.getByTestId('rate-signed')).toBeVisible();
  await shot(rate, 'rate-signed');
  await expect(counter.getByTestId('flow-signature-state')).toHaveAttribute('data-state', 'valid');
  await expect(counter.getByTestId('counter-signature-img')).toBeVisible();
  await shot(counter, 'counter-signed');

  // The acceptance slip, decoded from the printer's bytes: the number, the signature, the QR.
  const before = (await receipts()).length;
  await counter.getByTestId('btn-print-slip').click();
  await expect(counter.getByTestId('acceptance-slip')).toContainText('电子签名：有效');
  await expect(counter.getByTestId('slip-print-state')).toContainText('已送打印机');
  const slip = await slipWith(appNo, before);
  expect(slip.text).toContain('受理回执');
  expect(slip.text).toContain(`申请编号：${appNo}`);
  expect(slip.text).toContain('电子签名：有效');
  expect(slip.text).toContain(`申请人：${maskName(CARD.name)}`);
  expect(slip.text).not.toContain(CARD.idNumber);
  // The QR opens the public progress page (application-track.spec.ts follows such a link end to end).
  expect(slip.qr).toHaveLength(1);
  expect(slip.qr[0]).toMatch(/\/#\/track\/[A-Za-z0-9_-]+\.\d{8}\.[A-Za-z0-9_-]+$/);
  expect(slip.qr[0]).not.toContain(appNo);
  await shot(counter, 'slip-printed');

  // The form is changed after signing: 签名已失效 on the counter, the customer screen and the reprint.
  await counter.getByTestId('btn-amend').click();
  const dialog = counter.getByTestId('amend-dialog');
  await expect(dialog).toBeVisible();
  await dialog.locator('[data-testid="input-capacityKva"] input').fill('12');
  await input(counter, 'amend-note').fill('客户要求增加容量');
  await counter.getByTestId('btn-amend-save').click();
  await expect(dialog).toBeHidden();
  await expect(counter.getByTestId('flow-signature-state')).toHaveAttribute('data-state', 'invalidated');
  await expect(counter.getByTestId('flow-signature-state')).toHaveText('签名已失效');
  await expect(counter.getByTestId('signature-invalid-hint')).toBeVisible();
  await expect(rate.getByTestId('rate-signature-invalid')).toContainText('签名已失效');
  await shot(rate, 'rate-signature-void');
  const beforeReprint = (await receipts()).length;
  await counter.getByTestId('btn-print-slip').click();
  const reprint = await slipWith('签名已失效', beforeReprint);
  expect(reprint.text).toContain(appNo);
  expect(reprint.text).toContain('12 kVA');
  await shot(counter, 'counter-signature-void');

  // Finish: the customer rates 不满意, which needs a reason.
  await counter.getByTestId('btn-finish').click();
  await expect(rate.getByTestId('rate-level-unsatisfied')).toBeVisible();
  await rate.getByTestId('rate-level-unsatisfied').click();
  await expect(rate.getByTestId('rate-reason')).toBeVisible();
  await rate.getByTestId('rate-submit').click();
  await expect(rate.getByTestId('rate-reason-missing')).toBeVisible();
  await rate.getByTestId('rate-reason-tag-process').click();
  await rate.getByTestId('rate-reason-text').fill('签字后又改了一次表');
  await shot(rate, 'rate-reason');
  await rate.getByTestId('rate-submit').click();
  await expect(rate.getByTestId('rate-thanks')).toBeVisible();
  await shot(rate, 'rate-thanks');

  // The manager sees the 不满意 under agent 1007.
  const manager = await open(browser, 'manager', '#/manager', { width: 1920, height: 1080 });
  await manager.getByTestId('login-staffno').fill('1001');
  await manager.getByTestId('login-pin').fill('123456');
  await manager.getByTestId('login-submit').click();
  await manager.getByRole('tab', { name: '员工评价' }).click();
  await expect(manager.getByTestId(`eval-unsatisfied-${AGENT}`)).toHaveText('1');
  await manager.screenshot({ path: 'tests/screenshots/counter-flow-manager.png' });
});
