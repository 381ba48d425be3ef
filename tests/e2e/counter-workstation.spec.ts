import { expect, test, type Page } from './fixtures';
import { idCheckDigit } from '@common/domain/id-number';
import { customerFlags } from '../../hall/seed/customer-flags';
import { CustomerGenerator } from '../../hall/seed/customers';
import { DEFAULT_SEED } from '../../hall/seed';
import { STATION_PORTS } from './hall-ports';

/**
 * The counter workstation: identify a customer by phone tail and by a name fragment (masked results,
 * an audited full view), open the customer view, then a 新装 application on the e-form — an invalid
 * ID number shows the Chinese error naming the field; fixed, it is submitted and gets its number.
 */
const url = (hash: string) => `http://127.0.0.1:${STATION_PORTS.counter}/${hash}`;
const BODY = '33010619850312123';
const GOOD_ID = BODY + idCheckDigit(BODY);
const BAD_ID = BODY + (idCheckDigit(BODY) === '0' ? '1' : '0');

async function login(page: Page, windowNo: number, staffNo: string): Promise<void> {
  await page.goto(url(`#/counter/${windowNo}`));
  await page.getByTestId('login-staffno').fill(staffNo);
  await page.getByTestId('login-pin').fill('123456');
  await page.getByTestId('login-submit').click();
  await expect(page.getByTestId('counter-workstation')).toBeVisible();
}

/** Element Plus puts a data-testid on the <input> itself (ElInput) or on a wrapper (ElInputNumber). */
const input = (page: Page, testid: string) =>
  page.locator(`input[data-testid="${testid}"], [data-testid="${testid}"] input`).first();

async function search(page: Page, q: string): Promise<void> {
  await input(page, 'customer-search-input').fill(q);
  await page.getByTestId('customer-search-btn').click();
}

async function pick(page: Page, field: string, option: string): Promise<void> {
  await page.getByTestId(`input-${field}`).click();
  await page.getByTestId(`field-${field}`).locator('.el-select-dropdown__item', { hasText: option }).click();
}

test('identify by phone tail and name fragment, then a 新装 application from invalid ID to application number', async ({
  page,
}) => {
  // One long journey (five searches, a form, two submits): on the shared 2-core machine it can pass 60 s.
  test.setTimeout(150_000);
  await page.setViewportSize({ width: 1920, height: 1080 });
  await login(page, 9, '1008');

  // Phone tail: the type is detected, results are masked.
  await input(page, 'customer-search-input').fill('0000');
  await expect(page.getByTestId('query-kind')).toHaveText('识别为：手机尾号');
  await search(page, '0000');
  const anyTail = page.getByTestId('customer-results').or(page.getByText('没有找到客户'));
  await expect(anyTail).toBeVisible();
  // A surname that many customers share gives results for sure: search a name fragment first to find one.
  await search(page, '王');
  const rows = page.getByTestId('customer-results').locator('tbody tr');
  await expect(rows.first()).toBeVisible();
  const firstRow = rows.first();
  const maskedPhone = (await firstRow.locator('td').nth(2).innerText()).trim();
  expect(maskedPhone).toMatch(/^1\d{2}\*{4}\d{4}$/);
  const tail = maskedPhone.slice(-4);

  await search(page, tail);
  await expect(page.getByTestId('query-kind')).toHaveText('识别为：手机尾号');
  await expect(
    page.getByTestId('customer-results').locator('tbody tr').filter({ hasText: maskedPhone }).first(),
  ).toBeVisible();
  await page.screenshot({ path: 'tests/screenshots/counter-workstation-search-tail.png' });

  // Open the customer: masked until 查看完整, which shows the full name (and is audited on the host).
  await page
    .getByTestId('customer-results')
    .locator('tbody tr')
    .filter({ hasText: maskedPhone })
    .first()
    .getByTestId('open-customer')
    .click();
  await expect(page.getByTestId('cv-account')).toHaveText(/^33\d{8}$/);
  await expect(page.getByTestId('usage-chart')).toBeVisible();
  const masked = (await page.getByTestId('cv-name').innerText()).trim();
  expect(masked).toContain('*');
  await page.getByTestId('reveal-name').click();
  await expect(page.getByTestId('cv-name')).not.toContainText('*');
  const fullName = (await page.getByTestId('cv-name').innerText()).trim();
  await page.screenshot({ path: 'tests/screenshots/counter-workstation-customer.png' });

  // Any substring of the name finds the customer: the last two characters.
  const fragment = Array.from(fullName).slice(-2).join('');
  await search(page, fragment);
  await expect(page.getByTestId('query-kind')).toHaveText('识别为：姓名');
  await expect(
    page.getByTestId('customer-results').locator('tbody tr').filter({ hasText: maskedPhone }).first(),
  ).toBeVisible();
  await page.screenshot({ path: 'tests/screenshots/counter-workstation-search-name.png' });

  // The e-form: 新装 with an invalid ID number.
  await page.getByRole('tab', { name: '电子表单' }).click();
  await expect(page.getByTestId('eform-panel')).toBeVisible();
  await input(page, 'input-applicantName').fill('张小三');
  await input(page, 'input-idNumber').fill(BAD_ID);
  await input(page, 'input-phone').fill('13812345678');
  await input(page, 'input-address').fill('浙江省杭州市西湖区文三路90号1幢1单元101室');
  await pick(page, 'category', '低压居民');
  await input(page, 'input-capacityKva').fill('8');
  await pick(page, 'usageType', '居民生活');
  await page.getByTestId('btn-save-draft').click();
  await expect(page.getByTestId('draft-saved')).toBeVisible();
  await page.getByTestId('btn-submit').click();
  await expect(page.getByTestId('field-idNumber')).toContainText('「证件号码」校验位错误（GB 11643）');
  await expect(page.getByTestId('application-no')).toHaveCount(0);
  await page.screenshot({ path: 'tests/screenshots/counter-workstation-form-error.png' });

  // Fixed, it is submitted: an application number, the slip with its QR, the signature badge.
  await input(page, 'input-idNumber').fill(GOOD_ID);
  await page.getByTestId('btn-submit').click();
  await expect(page.getByTestId('application-no')).toHaveText(/^SQ-H\w+-\d{8}-NEW-0001-[0-9A-F]{4}$/);
  const slip = page.getByTestId('acceptance-slip');
  await expect(slip).toContainText('受理回执');
  await expect(slip).toContainText('申请人：张*三');
  await expect(slip).not.toContainText(GOOD_ID);
  await expect(slip.locator('img')).toBeVisible();
  await expect(page.getByText('已送打印机')).toBeVisible();
  await expect(page.getByTestId('signature-badge')).toHaveAttribute('data-state', 'valid');
  await page.screenshot({ path: 'tests/screenshots/counter-workstation-submitted.png' });
});

test('the workstation fits a 1366×768 counter screen', async ({ page }) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  await login(page, 7, '1014');
  await search(page, '李');
  await expect(page.getByTestId('customer-results').locator('tbody tr').first()).toBeVisible();
  await page.getByTestId('customer-results').getByTestId('open-customer').first().click();
  await expect(page.getByTestId('usage-chart')).toBeVisible();
  // The page scrolls below the calling desk; the header stays on top.
  await page.getByTestId('identify-panel').evaluate((el) => el.scrollIntoView({ block: 'start' }));
  await page.mouse.wheel(0, -64);
  await page.screenshot({ path: 'tests/screenshots/counter-workstation-1366.png' });
});

test('the customer view shows the tags and fee-recovery risk the central set', async ({ page }) => {
  test.setTimeout(90_000);
  await page.setViewportSize({ width: 1920, height: 1080 });
  // The e2e hall is the deterministic seed. 光伏并网 and the 户号 depend on the customer id alone (the
  // other fields on how far the seed's random stream has run), so a fresh generator per id finds them.
  let tagged: { accountNo: string; tags: string[] } | null = null;
  for (let id = 1; id <= 200 && !tagged; id++) {
    const c = new CustomerGenerator(DEFAULT_SEED).next(id);
    if (customerFlags(c, 0)?.tags.includes('光伏并网')) tagged = { accountNo: c.accountNo, tags: ['光伏并网'] };
  }
  expect(tagged).not.toBeNull();
  await login(page, 9, '1008');
  await search(page, tagged!.accountNo);
  await page.getByTestId('customer-results').locator('tbody tr').first().getByTestId('open-customer').click();
  await expect(page.getByTestId('cv-account')).toHaveText(tagged!.accountNo);
  for (const tag of tagged!.tags) await expect(page.getByTestId('cv-flags')).toContainText(tag);
  await expect(page.getByTestId('cv-risk')).toContainText('回收风险');
  await page.screenshot({ path: 'tests/screenshots/counter-workstation-customer-flags.png' });
});
