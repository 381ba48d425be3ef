import { expect, test, type Page } from './fixtures';
import { connectWsApi } from '../support/ws-client';
import { HALL_CONTROL_URL, STATION_PORTS } from './hall-ports';

/**
 * 预约取号 at the kiosk: a booked customer checks in on the big keypad by phone number and
 * by booking code, gets a printed slip, and cannot check in twice. The hall seeds three bookings a
 * day (phones 13800138000 / 13912345678 / 18600001111, codes AP<dd>01…03); this file uses the first
 * two and then serves them at window 11 (agent 1006) so no other spec sees them waiting.
 */
const kioskUrl = `http://127.0.0.1:${STATION_PORTS.kiosk}/#/kiosk`;
const counterBase = `http://127.0.0.1:${STATION_PORTS.counter}`;
const receiptCount = async () =>
  ((await (await fetch(`${HALL_CONTROL_URL}/printer/receipts`)).json()) as unknown[]).length;
const tap = async (page: Page, keys: string) => {
  for (const k of keys) await page.getByTestId(`ap-key-${k}`).click();
};
const hallDay = () =>
  new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Asia/Shanghai',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(new Date());

test.use({ viewport: { width: 1080, height: 1920 } });

test('a booked customer checks in at the kiosk by phone, then another by code, each with a slip', async ({ page }) => {
  await page.goto(kioskUrl);
  await page.getByTestId('kiosk-appointment').click();
  await expect(page.getByTestId('kiosk-appointment-screen')).toBeVisible();

  // Phone: the submit stays off until all 11 digits are in; a wrong first digit is not taken.
  await tap(page, '8');
  await expect(page.getByTestId('ap-value')).toHaveAttribute('data-value', '');
  await tap(page, '1380013800');
  await expect(page.getByTestId('ap-submit')).toBeDisabled();
  await tap(page, '0');
  await expect(page.getByTestId('ap-value')).toHaveAttribute('data-value', '13800138000');
  await page.screenshot({ path: 'tests/screenshots/kiosk-appointment-phone.png' });
  const printedBefore = await receiptCount();
  await page.getByTestId('ap-submit').click();
  await expect(page.getByTestId('kiosk-result')).toBeVisible();
  await expect(page.getByTestId('appointment-slot')).toContainText('09:00');
  await expect(page.getByTestId('ticket-printed')).toHaveAttribute('data-printed', 'true');
  const first = (await page.getByTestId('ticket-number').textContent())!.trim();
  expect(await receiptCount()).toBe(printedBefore + 1);
  await page.screenshot({ path: 'tests/screenshots/kiosk-appointment-result.png' });

  // The same booking again: refused on screen, nothing issued.
  await page.getByTestId('kiosk-done').click();
  await page.getByTestId('kiosk-appointment').click();
  await tap(page, '13800138000');
  await page.getByTestId('ap-submit').click();
  await expect(page.getByTestId('kiosk-error')).toContainText('已签到');
  await expect(page.getByTestId('kiosk-appointment-screen')).toBeVisible();

  // Code: letters and digits on the keypad; back-space corrects a slip of the finger.
  await page.getByTestId('ap-mode-code').click();
  await expect(page.getByTestId('kiosk-error')).toHaveCount(0);
  const code = `AP${hallDay().slice(8, 10)}02`;
  await tap(page, code.slice(0, 4));
  await tap(page, '9');
  await page.getByTestId('ap-back-key').click();
  await tap(page, code.slice(4));
  await expect(page.getByTestId('ap-value')).toHaveAttribute('data-value', code);
  await page.screenshot({ path: 'tests/screenshots/kiosk-appointment-code.png' });
  await page.getByTestId('ap-submit').click();
  await expect(page.getByTestId('appointment-slot')).toContainText('11:00');
  const second = (await page.getByTestId('ticket-number').textContent())!.trim();
  expect(second).not.toBe(first);

  // Serve both at window 11 so the hall is left as it was found.
  const c = connectWsApi(counterBase, 'counter', 11);
  try {
    const l = await c.call('auth.login', { staffNo: '1006', pin: '123456' });
    if (!l.ok) throw new Error(l.error.message);
    for (const number of [first, second]) {
      let id: string | null = null;
      await expect
        .poll(async () => {
          const p = await c.call('counter.panel', {});
          id = p.ok ? (p.value.waiting.find((t) => t.number === number)?.id ?? null) : null;
          return id;
        })
        .not.toBeNull();
      for (const [method, input] of [
        ['counter.callTicket', { ticketId: id!, reason: '预约客户 e2e 收尾' }],
        ['counter.start', { ticketId: id! }],
        ['counter.finish', { ticketId: id! }],
      ] as const) {
        const r = await c.call(method, input as never);
        if (!r.ok) throw new Error(`${method}: ${r.error.message}`);
      }
    }
    await c.call('auth.logout', {});
  } finally {
    c.close();
  }
});
