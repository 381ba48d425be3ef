import { expect, test, type Browser, type BrowserContext, type Page } from './fixtures';
import { decodeEscPos } from '../../devices/printer/escpos-decoder';
import { connectWsApi } from '../support/ws-client';
import { HALL_CONTROL_URL, STATION_PORTS } from './hall-ports';

/**
 * No ticket of an A-prefix type (PAY, CARD, INV) is issued here: hall-loop.spec.ts, which runs after
 * this file in the same hall, expects its kiosk ticket to be A001 and window 3 to call it.
 *
 * The calling display on two stations at once, the guide's recommendation and wait board, and the
 * manager's KPI tab, each a page of its own station; tickets are issued and called through the
 * kiosk and counter stations' own WebSocket APIs (the counter panel is covered by hall-loop).
 */
const base = (name: keyof typeof STATION_PORTS) => `http://127.0.0.1:${STATION_PORTS[name]}`;

/** Contexts made here outlive a test unless closed; open pages would keep animating and polling. */
const contexts: BrowserContext[] = [];
test.afterEach(async () => {
  for (const c of contexts.splice(0)) await c.close();
});

async function openPage(
  browser: Browser,
  name: keyof typeof STATION_PORTS,
  hash: string,
  viewport: { width: number; height: number },
): Promise<Page> {
  const context = await browser.newContext({ viewport });
  contexts.push(context);
  const page = await context.newPage();
  await page.goto(`${base(name)}/${hash}`);
  return page;
}

async function login(page: Page, staffNo: string): Promise<void> {
  await page.getByTestId('login-staffno').fill(staffNo);
  await page.getByTestId('login-pin').fill('123456');
  await page.getByTestId('login-submit').click();
}

async function receipts(): Promise<Uint8Array[]> {
  const res = await fetch(`${HALL_CONTROL_URL}/printer/receipts`);
  return ((await res.json()) as { bytes: string }[]).map((r) => new Uint8Array(Buffer.from(r.bytes, 'base64')));
}

const kiosk = () => connectWsApi(base('kiosk'), 'kiosk');

async function issue(type: string): Promise<string> {
  const c = kiosk();
  try {
    const r = await c.call('queue.issueTicket', { businessType: type });
    if (!r.ok) throw new Error(r.error.message);
    return r.value.ticket.number;
  } finally {
    c.close();
  }
}

/** Log in at a window on the counter station and call next until the synced ticket arrives. */
async function callNext(windowNo: number, staffNo: string): Promise<string> {
  const c = connectWsApi(base('counter'), 'counter', windowNo);
  try {
    const l = await c.call('auth.login', { staffNo, pin: '123456' });
    if (!l.ok) throw new Error(l.error.message);
    let number: string | null = null;
    await expect
      .poll(async () => {
        const r = await c.call('counter.callNext', {});
        number = r.ok && r.value ? r.value.number : null;
        return number;
      })
      .not.toBeNull();
    return number!;
  } finally {
    // Leave the window free: later specs sign in at these windows as other agents.
    await c.call('auth.logout', {});
    c.close();
  }
}

test('two calling displays on two stations show and log the same call', async ({ browser }) => {
  const tvA = await openPage(browser, 'display', '#/display', { width: 1920, height: 1080 });
  const tvB = await openPage(browser, 'rate', '#/display', { width: 1920, height: 1080 });
  await expect(tvA.getByTestId('display-notices')).toContainText('绿色通道');
  await expect(tvB.getByTestId('window-panel')).toBeVisible();

  const tickets = [await issue('FAULT'), await issue('NEW'), await issue('NEW'), await issue('ASK')];
  for (const tv of [tvA, tvB]) await expect(tv.getByTestId('waiting-list')).toContainText(tickets[3]!);
  await expect(tvA.getByTestId('display-waiting-NEW')).toContainText('2');

  const first = await callNext(10, '1012');
  const second = await callNext(5, '1006'); // 徐磊: 业扩 (B) skills, as window 5
  for (const tv of [tvA, tvB]) {
    await expect(tv.getByTestId('current-call')).toHaveText(`请 ${second} 号到 5 号窗口办理`);
    await expect(tv.getByTestId('window-10')).toContainText(first);
    // Both calls were announced in turn (spoken where the browser has a zh-CN voice, logged either way).
    await expect(tv.getByTestId('announcement-log')).toContainText(`请 ${first} 号到 10 号窗口办理`);
    await expect(tv.getByTestId('announcement-log')).toContainText(`请 ${second} 号到 5 号窗口办理`);
  }
  await expect(tvA.getByTestId('window-5')).toHaveClass(/latest/);
  await tvA.screenshot({ path: 'tests/screenshots/display-two-calls.png' });
  await tvB.screenshot({ path: 'tests/screenshots/display-second-station.png' });

  // Notices and voice settings are set on the display itself and survive a reload.
  await tvB.getByTestId('display-settings').click();
  await tvB
    .getByTestId('display-notices-input')
    .fill('今日 8 号窗口暂停服务，请到 7 号窗口\n午间 12:00–13:30 照常办理');
  await tvB.screenshot({ path: 'tests/screenshots/display-settings.png' });
  await tvB.getByTestId('display-settings-save').click();
  await expect(tvB.getByTestId('display-notices')).toContainText('8 号窗口暂停服务');
  await tvB.reload();
  await expect(tvB.getByTestId('display-notices')).toContainText('8 号窗口暂停服务');
});

test('the guide recommends an online channel with a QR code and prints the slip', async ({ browser }) => {
  const guide = await openPage(browser, 'kiosk', '#/guide', { width: 1920, height: 1080 });
  await login(guide, '1018');
  await expect(guide.getByTestId('guide-wait-board')).toBeVisible();

  await guide.getByTestId('guidance-words').fill('家里停电了');
  await expect(guide.getByTestId('guidance-result-FAULT')).toContainText('95598');
  await guide.getByTestId('guidance-words').fill('我要交电费');
  const top = guide.getByTestId('guidance-result-PAY');
  await expect(top).toContainText('网上国网 App');
  await expect(top.locator('img.qr')).toBeVisible();

  const before = (await receipts()).length;
  await guide.getByTestId('guidance-print-PAY').click();
  await expect(guide.getByTestId('guidance-print-result')).toContainText('已打印');
  const slip = decodeEscPos((await receipts()).at(-1)!);
  expect((await receipts()).length).toBeGreaterThan(before);
  if (!slip.ok) throw new Error(slip.error.message);
  expect(slip.value.text).toContain('线上办理指引');
  expect(slip.value.qr[0]).toContain('95598.cn');

  // Waiting per type with an estimate (tickets from the first test or issued here).
  await issue('CAP');
  await expect(guide.getByTestId('guide-estimate-CAP')).toContainText(/分钟/);
  await guide.screenshot({ path: 'tests/screenshots/guide-recommend.png' });

  await guide.setViewportSize({ width: 1366, height: 768 });
  await guide.getByTestId('guidance-words').fill('房子卖了要过户');
  await expect(guide.getByTestId('guidance-result-XFER')).toContainText('柜台');
  await guide.screenshot({ path: 'tests/screenshots/guide-recommend-1366.png' });
});

test('the manager’s KPI tab charts the seeded history and refreshes live', async ({ browser }) => {
  const manager = await openPage(browser, 'manager', '#/manager', { width: 1920, height: 1080 });
  await login(manager, '1001');
  await manager.getByRole('tab', { name: '排队指标' }).click();
  await expect(manager.getByTestId('kpi-board')).toBeVisible();
  await expect(manager.getByTestId('kpi-live')).toBeVisible();
  const issued = manager.getByTestId('kpi-issued').locator('.tile-value');
  await expect(issued).toHaveText(/^\d+$/);
  const n = Number(await issued.textContent());
  expect(n).toBeGreaterThan(100);
  for (const id of ['chart-wait-hour', 'chart-sl-type', 'chart-aht-agent', 'chart-loss'])
    await expect(manager.getByTestId(id).locator('canvas')).toBeVisible();
  await expect(manager.getByTestId('kpi-sl').locator('.tile-value')).toHaveText(/%$/);

  // A ticket issued now shows up without touching the page: the range includes today.
  await issue('ASK');
  await expect(issued).toHaveText(String(n + 1));
  await manager.screenshot({ path: 'tests/screenshots/manager-kpi.png', fullPage: true });

  await manager.setViewportSize({ width: 1366, height: 768 });
  await manager.screenshot({ path: 'tests/screenshots/manager-kpi-1366.png' });
});
