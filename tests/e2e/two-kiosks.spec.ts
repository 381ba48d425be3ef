import { decodeEscPos } from '../../devices/printer/escpos-decoder';
import { expect, test, type Browser, type Page } from './fixtures';
import { HALL_CONTROL_URL, STATION_PORTS } from './hall-ports';

/**
 * Two kiosks on two stations of one hall, tapped at the same moment: the hall's authority gives each
 * ticket its own number, each slip carries the number its kiosk shows, and the calling display (on a
 * third station) lists both. Screenshots of both kiosks and the display.
 */
async function open(
  browser: Browser,
  name: keyof typeof STATION_PORTS,
  hash: string,
  viewport: { width: number; height: number },
) {
  const page = await (await browser.newContext({ viewport })).newPage();
  await page.goto(`http://127.0.0.1:${STATION_PORTS[name]}/${hash}`);
  return page;
}

async function slipTexts(): Promise<string[]> {
  const res = await fetch(`${HALL_CONTROL_URL}/printer/receipts`);
  return ((await res.json()) as { bytes: string }[]).map((r) => {
    const d = decodeEscPos(new Uint8Array(Buffer.from(r.bytes, 'base64')));
    return d.ok ? d.value.text : '';
  });
}

const shownNumber = async (kiosk: Page) => (await kiosk.getByTestId('ticket-number').textContent())!.trim();

test('simultaneous taps at two kiosks on two stations print different numbers, and the display shows both', async ({
  browser,
}) => {
  const portrait = { width: 1080, height: 1920 };
  const kioskA = await open(browser, 'kiosk', '#/kiosk', portrait);
  const kioskB = await open(browser, 'display', '#/kiosk', portrait);
  const tv = await open(browser, 'counter', '#/display', { width: 1920, height: 1080 });
  await expect(kioskA.getByTestId('biz-PAY')).toBeVisible();
  await expect(kioskB.getByTestId('biz-PAY')).toBeVisible();

  await Promise.all([kioskA.getByTestId('biz-PAY').click(), kioskB.getByTestId('biz-PAY').click()]);
  await expect(kioskA.getByTestId('ticket-number')).toHaveText(/^[A-Z]\d{3}$/);
  await expect(kioskB.getByTestId('ticket-number')).toHaveText(/^[A-Z]\d{3}$/);
  const a = await shownNumber(kioskA);
  const b = await shownNumber(kioskB);
  expect(a).not.toBe(b);

  // Each number is printed once: one slip each, with the number its kiosk shows. Slips are found by
  // their number (the simulator keeps only its last 50 receipts, so positions shift in a full run).
  const withNumber = (texts: string[], n: string) => texts.filter((t) => t.includes(n));
  await expect
    .poll(async () => {
      const texts = await slipTexts();
      return withNumber(texts, a).length > 0 && withNumber(texts, b).length > 0;
    })
    .toBe(true);
  const printed = await slipTexts();
  for (const n of [a, b])
    expect(
      printed.filter((t) => t.includes(n)),
      `slips with ${n}`,
    ).toHaveLength(1);

  await expect(tv.getByTestId('waiting-list')).toContainText(a);
  await expect(tv.getByTestId('waiting-list')).toContainText(b);

  await kioskA.screenshot({ path: 'tests/screenshots/two-kiosks-a.png' });
  await kioskB.screenshot({ path: 'tests/screenshots/two-kiosks-b.png' });
  await tv.screenshot({ path: 'tests/screenshots/two-kiosks-display.png' });
});
