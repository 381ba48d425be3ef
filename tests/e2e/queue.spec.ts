import { expect, test, type Browser, type Page } from './fixtures';
import { connectWsApi } from '../support/ws-client';
import { STATION_PORTS } from './hall-ports';

/**
 * The counter calling panel across stations: a kiosk station issues; windows 4 and 12 on the counter
 * station and window 11 on another station (through the central) call, recall, call a specific
 * ticket, start, park, resume, transfer, finish, pause and close — by mouse and by F-keys. Typed errors
 * from the host are shown on screen. Screenshots of the panel at 1920×1080 and 1366×768.
 */
const station = (name: keyof typeof STATION_PORTS, hash: string) => `http://127.0.0.1:${STATION_PORTS[name]}/${hash}`;

async function open(
  browser: Browser,
  name: keyof typeof STATION_PORTS,
  hash: string,
  viewport = { width: 1920, height: 1080 },
): Promise<Page> {
  const page = await (await browser.newContext({ viewport })).newPage();
  await page.goto(station(name, hash));
  return page;
}
async function login(page: Page, staffNo: string) {
  await page.getByTestId('login-staffno').fill(staffNo);
  await page.getByTestId('login-pin').fill('123456');
  await page.getByTestId('login-submit').click();
}
async function takeTicket(kiosk: Page, code: string): Promise<string> {
  await kiosk.getByTestId(`biz-${code}`).click();
  const number = (await kiosk.getByTestId('ticket-number').textContent())!.trim();
  await kiosk.getByTestId('kiosk-done').click();
  await expect(kiosk.getByTestId(`biz-${code}`)).toBeVisible();
  return number;
}
const currentNo = (p: Page) => p.getByTestId('current-ticket-number');

/**
 * Earlier specs share this hall and may leave tickets waiting; serve them first (window 11 takes
 * every type) and wait until both counter stations see an empty queue, so call-next order below is
 * this spec's own.
 */
async function serveLeftovers(): Promise<void> {
  const c = connectWsApi(`http://127.0.0.1:${STATION_PORTS.manager}`, 'counter', 11);
  const waitingOn = async (name: keyof typeof STATION_PORTS) => {
    const s = connectWsApi(`http://127.0.0.1:${STATION_PORTS[name]}`, 'kiosk');
    try {
      const r = await s.call('queue.snapshot', {});
      return r.ok ? r.value.waiting.length : -1;
    } finally {
      s.close();
    }
  };
  try {
    // 金晶 (1013): a senior agent whose skills cover every type a leftover can have.
    const signedIn = await c.call('auth.login', { staffNo: '1013', pin: '123456' });
    expect(signedIn.ok, JSON.stringify(signedIn)).toBe(true);
    const snap = await c.call('queue.snapshot', {});
    for (const t of snap.ok ? snap.value.waiting : []) {
      expect((await c.call('counter.callTicket', { ticketId: t.id, reason: '测试前清理' })).ok).toBe(true);
      expect((await c.call('counter.start', { ticketId: t.id })).ok).toBe(true);
      expect((await c.call('counter.finish', { ticketId: t.id })).ok).toBe(true);
    }
    await c.call('auth.logout', {});
  } finally {
    c.close();
  }
  for (const name of ['manager', 'counter'] as const)
    await expect.poll(() => waitingOn(name), { timeout: 30_000 }).toBe(0);
}

test('every counter action, on two stations and three windows, with F-keys and on-screen errors', async ({
  browser,
}) => {
  test.setTimeout(150_000);
  await serveLeftovers();
  const kiosk = await open(browser, 'kiosk', '#/kiosk', { width: 1080, height: 1920 });
  const w4 = await open(browser, 'counter', '#/counter/4');
  const w12 = await open(browser, 'counter', '#/counter/12', { width: 1366, height: 768 });
  const w11 = await open(browser, 'manager', '#/counter/11');

  await expect(kiosk.getByTestId('biz-PAY')).toBeVisible();
  const numbers: string[] = [];
  for (let i = 0; i < 5; i++) numbers.push(await takeTicket(kiosk, 'PAY'));

  await login(w4, '1005');
  await login(w12, '1013');
  await login(w11, '1016'); // skills A+D: calls the PAY tickets below
  for (const p of [w4, w12, w11])
    await expect(p.getByTestId('calling-panel')).toHaveAttribute('data-window-status', 'open');

  // Two agents can never hold one window: a second login at window 4 is refused, naming who holds it.
  const intruder = await open(browser, 'counter', '#/counter/4', { width: 1366, height: 768 });
  await login(intruder, '1006');
  await expect(intruder.getByTestId('login-error')).toContainText('4 号窗口已由');
  await expect(intruder.getByTestId('login-error')).toContainText('1005');
  await intruder.close();

  // Window 4 calls next with F1; the waiting list on window 12 no longer offers that ticket.
  await expect(w4.getByTestId(`waiting-${numbers[0]}`)).toBeVisible();
  await w4.keyboard.press('F1');
  await expect(currentNo(w4)).toHaveText(numbers[0]!);
  await expect(w4.getByTestId('call-round')).toHaveText('第 1/3 次呼叫');
  await expect(w12.getByTestId(`waiting-${numbers[0]}`)).toHaveCount(0);
  // Recalling at once is refused by the host's minimum gap: the typed error is on screen, nothing changed.
  await w4.getByTestId('btn-recall').click();
  await expect(w4.getByTestId('counter-error')).toContainText('秒后再重呼');
  await expect(w4.getByTestId('call-round')).toHaveText('第 1/3 次呼叫');
  await w4.screenshot({ path: 'tests/screenshots/queue-counter-called-1920.png' });

  // Window 12 calls a specific ticket out of turn, with a reason.
  await expect(w12.getByTestId(`call-this-${numbers[3]}`)).toBeEnabled();
  await w12.getByTestId(`call-this-${numbers[3]}`).click();
  await w12.locator('.call-this-box input').fill('老人行动不便，优先办理');
  await w12.locator('.call-this-box .el-button--primary').click();
  await expect(currentNo(w12)).toHaveText(numbers[3]!);

  // Window 11 on another station calls next through the central: never a ticket held elsewhere.
  await expect(w11.getByTestId(`waiting-${numbers[1]}`)).toBeVisible();
  await w11.getByTestId('btn-call-next').click();
  await expect(currentNo(w11)).toHaveText(numbers[1]!);

  // Window 4: start (F3), park (F7), call the next one, transfer it to another type, resume the parked one, finish (F4).
  await w4.keyboard.press('F3');
  await expect(w4.getByTestId('current-ticket-status')).toHaveText('办理中');
  await w4.keyboard.press('F7');
  await expect(w4.getByTestId('parked-list')).toContainText(numbers[0]!);
  await w4.keyboard.press('F1');
  await expect(currentNo(w4)).toHaveText(numbers[2]!);
  await w4.keyboard.press('F6');
  await w4.getByTestId('transfer-type').click();
  await w4.locator('.el-select-dropdown__item:visible', { hasText: 'INV' }).click();
  await w4.getByTestId('transfer-reason').fill('需开具发票');
  await w4.getByTestId('transfer-confirm').click();
  await expect(w4.getByTestId('counter-notice')).toContainText(`${numbers[2]} 已转移`);
  await expect(w4.getByTestId(`waiting-${numbers[2]}`)).toBeVisible();
  await w4.getByTestId(`resume-${numbers[0]}`).click();
  await expect(currentNo(w4)).toHaveText(numbers[0]!);
  await w4.screenshot({ path: 'tests/screenshots/queue-counter-serving-1920.png' });
  await w4.keyboard.press('F4');
  await expect(w4.getByTestId('counter-notice')).toContainText(`${numbers[0]} 已办结`);

  // Window 12: start and finish by mouse, then pause with a reason (F8), resume, close.
  await w12.getByTestId('btn-start').click();
  await w12.getByTestId('btn-finish').click();
  await expect(w12.getByTestId('current-ticket')).toHaveAttribute('data-status', 'none');
  await w12.keyboard.press('F8');
  await w12.getByTestId('pause-system').click();
  await w12.getByTestId('pause-confirm').click();
  await expect(w12.getByTestId('paused-hint')).toContainText('系统故障');
  await expect(w12.getByTestId('btn-call-next')).toBeDisabled();
  await w12.screenshot({ path: 'tests/screenshots/queue-counter-paused-1366.png' });
  await w12.keyboard.press('F8');
  await expect(w12.getByTestId('calling-panel')).toHaveAttribute('data-window-status', 'open');
  await w12.getByTestId('btn-close').click();
  await expect(w12.getByTestId('closed-hint')).toBeVisible();
  await w12.screenshot({ path: 'tests/screenshots/queue-counter-closed-1366.png' });

  // Window 11: no-show after three calls is refused early (button disabled) — the host enforces the same.
  await expect(w11.getByTestId('btn-no-show')).toBeDisabled();
  await w11.screenshot({ path: 'tests/screenshots/queue-counter-other-station-1920.png' });
});

test('the manager caps a business type; the kiosk refuses past the cap with a clear Chinese error', async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const manager = await open(browser, 'manager', '#/manager');
  await login(manager, '1001');
  await manager.getByTestId('manager-tabs').getByRole('tab', { name: '排队配置' }).click();
  await expect(manager.getByTestId('queue-config')).toBeVisible({ timeout: 45_000 });
  await manager.getByTestId('queue-config').getByRole('tab', { name: '业务类型' }).click();
  const row = manager.getByTestId('queue-config').locator('.el-table__row', { hasText: '充电桩报装' });
  await row.locator('.el-input-number input').first().fill('0');
  await row.locator('.el-input-number input').first().press('Tab');
  await row.getByRole('button', { name: '保存' }).click();
  await expect(manager.getByTestId('queue-config')).toContainText('已保存并同步');
  await manager.screenshot({ path: 'tests/screenshots/queue-manager-config-1920.png' });

  // The kiosk on the same station: the cap holds, the error says why, and no ticket is issued.
  const kiosk = await open(browser, 'manager', '#/kiosk', { width: 1080, height: 1920 });
  await kiosk.getByTestId('biz-EV').click();
  await expect(kiosk.getByTestId('kiosk-error')).toContainText('今日号已取完');
  await expect(kiosk.getByTestId('ticket-number')).toHaveCount(0);
  await kiosk.screenshot({ path: 'tests/screenshots/queue-kiosk-cap-reached.png' });
});
