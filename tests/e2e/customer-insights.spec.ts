import { expect, test } from './fixtures';
import { openStationPage, submitCounterLogin } from './station-pages';

/**
 * Customer tags and fee-recovery risk on screen: the manager's high-risk list (each customer with
 * the reason in words and the recommended action), a follow-up logged; the same customer at the
 * counter with the arrears tag and its evidence, and the risk with its reason; the tag catalogue
 * refusing a rule that names an unknown field, by name.
 */
test('the high-risk list, the customer view with evidence and reason, and the catalogue’s rule check', async ({
  browser,
}) => {
  test.setTimeout(180_000);
  const manager = await openStationPage(browser, 'manager', '#/manager');
  await manager.getByTestId('login-staffno').fill('1001');
  await manager.getByTestId('login-pin').fill('123456');
  await manager.getByTestId('login-submit').click();
  await manager.getByTestId('manager-tabs').getByRole('tab', { name: '高风险客户' }).click();
  const table = manager.getByTestId('high-risk-table');
  await expect(table).toBeVisible({ timeout: 45_000 });
  await expect(manager.getByTestId('high-risk-summary')).toContainText('已评估 200 户');
  const first = table.locator('tbody tr').first();
  // The reason reads as words ending in the level, and an action is recommended.
  await expect(first).toContainText(/→ (中|高)/);
  await expect(first).toContainText(/上门催费|电话提醒|短信提醒/);
  const accountNo = (await first.locator('td').first().innerText()).trim();
  expect(accountNo).toMatch(/^\d{10}$/);
  await manager.screenshot({ path: 'tests/screenshots/customer-insights-high-risk.png' });

  // A reminder sent: logged against the customer, shown as the last follow-up.
  await first.getByRole('button', { name: '已催费' }).click();
  await expect(manager.getByText('已记录跟进')).toBeVisible();
  await expect(table.locator('tbody tr').filter({ hasText: accountNo })).toContainText('已催费');

  // The same customer at the counter: the arrears tag with its evidence, the risk with its reason.
  const counter = await openStationPage(browser, 'counter', '#/counter/9');
  await submitCounterLogin(counter, '1008');
  await expect(counter.getByTestId('counter-workstation')).toBeVisible();
  await counter
    .locator('input[data-testid="customer-search-input"], [data-testid="customer-search-input"] input')
    .first()
    .fill(accountNo);
  await counter.getByTestId('customer-search-btn').click();
  await counter.getByTestId('customer-results').locator('tbody tr').first().getByTestId('open-customer').click();
  await expect(counter.getByTestId('cv-account')).toHaveText(accountNo);
  await expect(counter.getByTestId('cv-tag-arrears')).toContainText(/欠费 · 欠费期数 \d+ 期（≥ 1 期）/);
  await expect(counter.getByTestId('cv-risk')).toContainText(/回收风险：(中|高)/);
  await expect(counter.getByTestId('cv-risk-reason')).toContainText('→');
  await expect(counter.getByTestId('cv-value')).toContainText('客户价值');
  await counter.getByTestId('cv-flags').scrollIntoViewIfNeeded();
  await counter.screenshot({ path: 'tests/screenshots/customer-insights-counter-view.png' });

  // The catalogue: coverage per tag; a rule naming an unknown field is refused with the field named.
  await manager.getByTestId('manager-tabs').getByRole('tab', { name: '标签目录' }).click();
  await expect(manager.getByTestId('tag-table')).toBeVisible();
  await manager.getByTestId('tag-edit-late_payer').click();
  await manager.getByTestId('tag-rule').fill('{"field": "late_12m", "op": ">=", "value": 3}');
  await manager.getByTestId('tag-save').click();
  await expect(manager.getByTestId('tag-form-error')).toContainText('规则引用了不存在的字段“late_12m”');
  await manager.screenshot({ path: 'tests/screenshots/customer-insights-catalogue.png' });
});
