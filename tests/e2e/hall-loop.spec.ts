import { expect, test, type Browser, type Page } from './fixtures';
import { decodeEscPos } from '../../devices/printer/escpos-decoder';
import { HALL_CONTROL_URL, STATION_PORTS } from './hall-ports';

/**
 * The hall loop, five pages as five stations: kiosk → printer → display → counter (window 3)
 * → customer-facing rating → manager. Every screen is saved to tests/screenshots.
 */
const station = (name: keyof typeof STATION_PORTS, hash: string) => `http://127.0.0.1:${STATION_PORTS[name]}/${hash}`;

async function openStation(
  browser: Browser,
  name: keyof typeof STATION_PORTS,
  hash: string,
  viewport: { width: number; height: number },
): Promise<Page> {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  await page.goto(station(name, hash));
  return page;
}

async function receipts(): Promise<Uint8Array[]> {
  const res = await fetch(`${HALL_CONTROL_URL}/printer/receipts`);
  return ((await res.json()) as { bytes: string }[]).map((r) => new Uint8Array(Buffer.from(r.bytes, 'base64')));
}

test('a customer takes a ticket, is called, served and rates; the manager sees the rating', async ({ browser }) => {
  const kiosk = await openStation(browser, 'kiosk', '#/kiosk', { width: 1080, height: 1920 });
  const display = await openStation(browser, 'display', '#/display', { width: 1920, height: 1080 });
  const counter = await openStation(browser, 'counter', '#/counter/3', { width: 1920, height: 1080 });
  const rate = await openStation(browser, 'rate', '#/rate/3', { width: 1920, height: 1080 });
  const manager = await openStation(browser, 'manager', '#/manager', { width: 1920, height: 1080 });

  await expect(kiosk.getByTestId('biz-PAY')).toBeVisible();
  await kiosk.screenshot({ path: 'tests/screenshots/kiosk-home.png' });

  // Kiosk: 电费缴纳 → ticket A001, and the printer gets the slip.
  const before = (await receipts()).length;
  await kiosk.getByTestId('biz-PAY').click();
  await expect(kiosk.getByTestId('ticket-number')).toHaveText('A001');
  await kiosk.screenshot({ path: 'tests/screenshots/kiosk-ticket.png' });
  await expect.poll(async () => (await receipts()).length).toBeGreaterThan(before);
  const slip = decodeEscPos((await receipts()).at(-1)!);
  if (!slip.ok) throw new Error(`slip did not decode: ${slip.error.message}`);
  expect(slip.value.text).toContain('A001');
  expect(slip.value.text).toContain('电费缴纳');

  // Display (another station): the ticket is waiting.
  await expect(display.getByTestId('waiting-list')).toContainText('A001');

  // Counter, window 3: log in, call next.
  await counter.getByTestId('login-staffno').fill('1003');
  await counter.getByTestId('login-pin').fill('123456');
  await counter.screenshot({ path: 'tests/screenshots/counter-login.png' });
  await counter.getByTestId('login-submit').click();
  await expect(counter.getByTestId('btn-call-next')).toBeEnabled();
  await counter.getByTestId('btn-call-next').click();
  await expect(counter.getByTestId('current-ticket')).toContainText('A001');
  await counter.screenshot({ path: 'tests/screenshots/counter-serving.png' });

  // Display: shows and announces the call; the announcement is logged either way.
  await expect(display.getByTestId('current-call')).toHaveText('请 A001 号到 3 号窗口办理');
  await expect(display.getByTestId('announcement-log')).toContainText('请 A001 号到 3 号窗口办理');
  await display.screenshot({ path: 'tests/screenshots/display.png' });

  // Customer-facing screen shows the agent, then asks for a rating when the agent finishes.
  await expect(rate.getByText('1003')).toBeVisible();
  await rate.screenshot({ path: 'tests/screenshots/rate-idle.png' });
  await counter.getByTestId('btn-start').click();
  await expect(counter.getByTestId('btn-finish')).toBeEnabled();
  await counter.getByTestId('btn-finish').click();
  await expect(rate.getByTestId('rate-level-very_satisfied')).toBeVisible();
  await rate.screenshot({ path: 'tests/screenshots/rate-ask.png' });
  await rate.getByTestId('rate-level-very_satisfied').click();
  await expect(rate.getByTestId('rate-thanks')).toBeVisible();
  await rate.screenshot({ path: 'tests/screenshots/rate-thanks.png' });

  // Manager: the rating under agent 1003.
  await manager.getByTestId('login-staffno').fill('1001');
  await manager.getByTestId('login-pin').fill('123456');
  await manager.getByTestId('login-submit').click();
  await manager.getByRole('tab', { name: '员工评价' }).click();
  await expect(manager.getByTestId('eval-very_satisfied-1003')).toHaveText('1');
  await manager.screenshot({ path: 'tests/screenshots/manager.png' });
});
