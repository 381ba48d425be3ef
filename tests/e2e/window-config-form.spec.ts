import { expect, test } from './fixtures';
import { connectWsApi } from '../support/ws-client';
import { STATION_PORTS } from './hall-ports';

/**
 * 排队配置 → 窗口: a window's business types are edited as a form — a chip per type with its weight,
 * removed by ×, added from a select — never as "PAY:2,CARD:1" text. Window 10 (电能表校验, 故障报修,
 * 业务咨询) is put back as it was at the end.
 */
const url = (name: keyof typeof STATION_PORTS) => `http://127.0.0.1:${STATION_PORTS[name]}`;

async function window10Types(): Promise<{ code: string; priority: number }[]> {
  const m = connectWsApi(url('manager'), 'manager');
  try {
    const l = await m.call('auth.login', { staffNo: '1001', pin: '123456' });
    if (!l.ok) throw new Error(l.error.message);
    const cfg = await m.call('queue.config', {});
    if (!cfg.ok) throw new Error(cfg.error.message);
    return cfg.value.windows.find((w) => w.windowNo === 10)!.types;
  } finally {
    m.close();
  }
}

test('a window serves business types chosen as chips with weights', async ({ page }) => {
  test.setTimeout(120_000);
  const before = await window10Types();
  await page.setViewportSize({ width: 1920, height: 1080 });
  await page.goto(`${url('manager')}/#/manager`);
  await page.getByTestId('login-staffno').fill('1001');
  await page.getByTestId('login-pin').fill('123456');
  await page.getByTestId('login-submit').click();
  await page.getByTestId('manager-tabs').getByRole('tab', { name: '排队配置' }).click();
  const config = page.getByTestId('queue-config');
  await expect(config).toBeVisible({ timeout: 45_000 });
  await config.getByRole('tab', { name: '窗口' }).click();

  const editor = config.getByTestId('window-types-10');
  await expect(editor).toContainText('电能表校验');
  await expect(editor).toContainText('业务咨询');
  await expect(config).not.toContainText('METER:');

  // Nothing left is refused on screen, before anything is sent.
  for (const t of before) await editor.getByTestId(`window-type-remove-10-${t.code}`).click();
  await config.getByTestId('window-save-10').click();
  await expect(config).toContainText('窗口至少办理一种业务');

  // 发票业务 with weight 3, plus 电能表校验 back at weight 1.
  await editor.getByTestId('window-type-add-10').click();
  await page.locator('.el-select-dropdown__item:visible', { hasText: '电能表校验' }).click();
  await editor.getByTestId('window-type-add-10').click();
  await page.locator('.el-select-dropdown__item:visible', { hasText: '发票' }).first().click();
  const invoice = editor.locator('[data-testid^="window-type-10-"]').last();
  await invoice.locator('input').fill('3');
  await invoice.locator('input').blur();
  await page.screenshot({ path: 'tests/screenshots/manager-window-types-form.png' });
  await config.getByTestId('window-save-10').click();
  await expect(config).toContainText('已保存并同步');
  const saved = await window10Types();
  expect(saved).toHaveLength(2);
  expect(saved).toContainEqual({ code: 'METER', priority: 1 });
  expect(saved.find((t) => t.code !== 'METER')!.priority).toBe(3);

  // Back as the seed had it.
  const m = connectWsApi(url('manager'), 'manager');
  try {
    const l = await m.call('auth.login', { staffNo: '1001', pin: '123456' });
    if (!l.ok) throw new Error(l.error.message);
    const r = await m.call('manager.configureWindow', { windowNo: 10, types: before });
    if (!r.ok) throw new Error(r.error.message);
  } finally {
    m.close();
  }
});
