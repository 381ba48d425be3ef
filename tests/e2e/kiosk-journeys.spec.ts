import { expect, test, type Browser, type Page } from './fixtures';
import { decodeEscPos } from '../../devices/printer/escpos-decoder';
import { DEMO_HOLDER_PHONE, DEMO_HOME_ACCOUNT, DEMO_POWER_CARD_ACCOUNT } from '../../hall/demo-id-card';
import { HALL_CONTROL_URL, STATION_PORTS } from './hall-ports';

/**
 * A customer's whole visit at the portrait kiosk (1080×1920), in 适老模式 and in normal mode, with
 * the demo ID card's holder (seeded: a home in arrears, a shop on a prepaid meter): the card on the
 * reader → both accounts → the home's arrears on top → QR paid at the gateway → the receipt from the
 * printer; then 户号 with the phone's last four digits → 缴费记录 → 电子发票 for that payment; a
 * ticket at each size; and the idle countdown taking the kiosk back to a fresh home.
 */
const kioskUrl = `http://127.0.0.1:${STATION_PORTS.kiosk}/#/kiosk`;
const control = async <T>(path: string, init?: RequestInit): Promise<T> =>
  (await (await fetch(`${HALL_CONTROL_URL}${path}`, init)).json()) as T;
const shot = (page: Page, name: string) => page.screenshot({ path: `tests/screenshots/kiosk-journey-${name}.png` });

async function kiosk(browser: Browser, elder: boolean, clock = false): Promise<Page> {
  const page = await (await browser.newContext({ viewport: { width: 1080, height: 1920 } })).newPage();
  if (clock) await page.clock.install();
  await page.goto(kioskUrl);
  await expect(page.getByTestId('biz-PAY')).toBeVisible();
  if (elder) {
    await page.getByTestId('elder-mode').click();
    await expect(page.getByTestId('kiosk')).toHaveAttribute('data-elder', 'on');
    await expect(page.getByTestId('kiosk')).toHaveAttribute('data-scale', '2');
  }
  return page;
}

/** The page is one screen: nothing below the fold, nothing beside it. */
async function oneScreen(page: Page): Promise<void> {
  const { w, h } = await page.evaluate(() => ({
    w: document.documentElement.scrollWidth,
    h: document.documentElement.scrollHeight,
  }));
  expect(w).toBeLessThanOrEqual(1080);
  expect(h).toBeLessThanOrEqual(1920);
}

let paidId = '';

test('适老模式: ID card → both accounts → arrears paid by QR → receipt printed', async ({ browser }) => {
  test.setTimeout(180_000);
  const page = await kiosk(browser, true);
  await oneScreen(page);
  // The three most common services first: 电费缴纳 leads.
  const featured = page.locator('.featured [data-testid^="biz-"]');
  await expect(featured).toHaveCount(3);
  await expect(featured.first()).toHaveAttribute('data-testid', 'biz-PAY');
  await shot(page, 'elder-home');

  await page.getByTestId('kiosk-pay').click();
  await expect(page.getByTestId('ss-identify')).toBeVisible();
  // The demo ID card on the kiosk's reader: the screen identifies by itself.
  await control('/devices/kiosk/card', { method: 'POST', body: '{}' });
  await expect(page.getByTestId('ss-accounts')).toBeVisible({ timeout: 20_000 });
  await expect(page.getByTestId(`ss-pick-${DEMO_POWER_CARD_ACCOUNT}`)).toBeVisible();
  await shot(page, 'elder-accounts');
  await page.getByTestId(`ss-pick-${DEMO_HOME_ACCOUNT}`).click();

  // The account opens at its top: what is owed and the button to pay it are on screen without scrolling.
  await expect(page.getByTestId('ss-account-no')).toHaveText(DEMO_HOME_ACCOUNT);
  await expect(page.getByTestId('ss-arrears')).toBeInViewport();
  await expect(page.getByTestId('ss-pay-bill')).toBeInViewport();
  expect(await page.evaluate(() => window.scrollY)).toBe(0);
  const owed = Number(await page.getByTestId('ss-arrears').getAttribute('data-fen'));
  expect(owed).toBeGreaterThan(0);
  await shot(page, 'elder-account');

  await page.getByTestId('ss-pay-bill').click();
  await page.getByTestId('ss-channel-qr').click();
  await expect(page.getByTestId('ss-qr').locator('img')).toBeVisible();
  await shot(page, 'elder-qr');
  const orders =
    await control<{ merchantOrderId: string; amountFen: number; method: string; status: string }[]>('/gateway/orders');
  const mine = orders.filter((o) => o.method === 'qr' && o.status === 'pending' && o.amountFen === owed);
  expect(mine).toHaveLength(1);
  paidId = mine[0]!.merchantOrderId;
  const before = (await control<unknown[]>('/printer/receipts')).length;
  await control(`/gateway/scan/${paidId}`);
  await expect(page.getByTestId('ss-result')).toHaveAttribute('data-status', 'succeeded', { timeout: 20_000 });
  await expect(page.getByTestId('ss-receipt')).toHaveAttribute('data-printed', 'true');
  await shot(page, 'elder-paid');
  await expect.poll(async () => (await control<unknown[]>('/printer/receipts')).length).toBeGreaterThan(before);
  const texts = (await control<{ bytes: string }[]>('/printer/receipts')).slice(before).map((r) => {
    const d = decodeEscPos(new Uint8Array(Buffer.from(r.bytes, 'base64')));
    return d.ok ? d.value.text : '';
  });
  const receipt = texts.find((x) => x.includes(`户号：${DEMO_HOME_ACCOUNT}`));
  expect(receipt).toContain(`${(owed / 100).toFixed(2)} 元`);

  // Leaving self-service keeps 适老模式 for the customer's next step.
  await page.getByTestId('ss-exit').click();
  await expect(page.getByTestId('kiosk')).toHaveAttribute('data-elder', 'on');
});

test('户号 and the phone’s last four digits → payments → e-invoice for the payment just made', async ({ browser }) => {
  test.setTimeout(120_000);
  test.skip(!paidId, 'needs the payment of the journey above');
  const page = await kiosk(browser, false);
  await oneScreen(page);
  await shot(page, 'home');
  await page.getByTestId('kiosk-pay').click();
  for (const c of DEMO_HOME_ACCOUNT + DEMO_HOLDER_PHONE.slice(-4)) await page.getByTestId(`ss-key-${c}`).click();
  await expect(page.getByTestId('ss-account-value')).toHaveAttribute('data-value', DEMO_HOME_ACCOUNT);
  await expect(page.getByTestId('ss-tail-value')).toHaveAttribute('data-value', DEMO_HOLDER_PHONE.slice(-4));
  await shot(page, 'identify-tail');
  await page.getByTestId('ss-account-submit').click();
  await expect(page.getByTestId('ss-account-no')).toHaveText(DEMO_HOME_ACCOUNT);
  await expect(page.getByTestId('ss-arrears')).toHaveCount(0);

  await page.getByTestId('ss-records').click();
  const row = page.getByTestId(`ss-history-${paidId}`);
  await expect(row).toBeVisible();
  await page.getByTestId(`ss-invoice-${paidId}`).click();
  await expect(row.getByTestId('ss-invoice-state')).toBeVisible();
  await shot(page, 'records-invoice');
  // Asked again later, the list shows it issued (the simulated e-invoice service answers in the background).
  await page.getByTestId('ss-back').click();
  await expect
    .poll(
      async () => {
        await page.getByTestId('ss-records').click();
        const state = await row.getByTestId('ss-invoice-state').innerText();
        await page.getByTestId('ss-back').click();
        return state;
      },
      { timeout: 20_000 },
    )
    .toBe('发票已开具');
  await page.getByTestId('ss-exit').click();
});

for (const elder of [false, true]) {
  test(`a ticket on one screen, the number on one line (${elder ? '适老模式' : 'normal'})`, async ({ browser }) => {
    const page = await kiosk(browser, elder);
    await page.getByTestId('biz-INV').click();
    const number = page.getByTestId('ticket-number');
    await expect(number).toHaveText(/^[A-Z]\d{3}$/);
    // One line: the number's box is no taller than one line of its own font.
    const { height, line } = await number.evaluate((el) => ({
      height: el.getBoundingClientRect().height,
      // The kiosk zooms the page by its text scale; the box is measured zoomed, the font size is not.
      line:
        parseFloat(getComputedStyle(el).fontSize) *
        1.1 *
        Number(document.querySelector<HTMLElement>('[data-testid="kiosk"]')!.dataset.scale),
    }));
    expect(height).toBeLessThanOrEqual(line * 1.5);
    await expect(page.getByTestId('ticket-type')).toHaveText('发票打印/电子发票');
    await expect(page.getByTestId('kiosk-done')).toBeInViewport();
    await oneScreen(page);
    await shot(page, `${elder ? 'elder' : 'normal'}-ticket`);
    await page.getByTestId('kiosk-done').click();
    await expect(page.getByTestId('kiosk')).toHaveAttribute('data-elder', 'off');
  });
}

test('idle: 适老模式 on the other-services screen goes back to a fresh home by itself', async ({ browser }) => {
  const page = await kiosk(browser, true, true);
  await page.getByTestId('kiosk-more').click();
  await expect(page.getByTestId('kiosk-more-screen')).toBeVisible();
  // 适老模式 doubles the 60 s idle time; its countdown shows before the reset.
  await page.clock.runFor(110_000);
  await expect(page.getByTestId('kiosk-idle')).toBeVisible();
  await shot(page, 'elder-idle');
  await page.clock.runFor(15_000);
  await expect(page.getByTestId('kiosk')).toHaveAttribute('data-elder', 'off');
  await expect(page.getByTestId('kiosk')).toHaveAttribute('data-scale', '1');
  await expect(page.getByTestId('biz-PAY')).toBeVisible();
  await expect(page.getByTestId('kiosk-more-screen')).toHaveCount(0);
});
