import { expect, test, type Page } from './fixtures';
import { idCheckDigit } from '@common/domain/id-number';
import { maskIdNumber, maskName } from '@common/domain/mask';
import { decodeEscPos } from '../../devices/printer/escpos-decoder';
import { connectWsApi } from '../support/ws-client';
import { HALL_CONTROL_URL, STATION_PORTS } from './hall-ports';
import { openStationPage, submitCounterLogin } from './station-pages';

/**
 * One customer per visit, at window 9 (agent 1008, the hall's "counter" station): two customers in a
 * row leave no trace of the first on the counter, its customer screen, the e-form or the printed
 * slip; an application whose applicant (the card holder) is not the customer open in the view is
 * filed only after the agent confirms whose it is; an application submitted at window 9 is reopened
 * at window 14 on another station, with its history, and worked to 办结.
 * The customer screen is the counter PC's second monitor: the same station as the counter.
 * The file runs after every other spec of the shared e2e hall (its tickets and applications would
 * shift their numbers).
 */
const WINDOW = 9;
const AGENT = '1008';
const card = (name: string, body: string, address: string, genderCode: '1' | '2') => ({
  name,
  genderCode,
  birthDate: body.slice(6, 14),
  address,
  idNumber: body + idCheckDigit(body),
  validFrom: '20180301',
  validTo: '20380301',
});
const FIRST = card('司马婉清', '33010619850412006', '浙江省杭州市西湖区文三路478号5幢302室', '2');
const SECOND = card('上官志远', '33010219900817003', '浙江省杭州市上城区清泰街21号1单元601室', '1');

const station = (name: keyof typeof STATION_PORTS, hash: string) => `http://127.0.0.1:${STATION_PORTS[name]}/${hash}`;
// The viewport as the agent sees it (a full-page capture draws the sticky header and dialogs mid-page).
const shot = (page: Page, name: string) => page.screenshot({ path: `tests/screenshots/visit-${name}.png` });
const input = (page: Page, testid: string) =>
  page.locator(`input[data-testid="${testid}"], [data-testid="${testid}"] input`).first();

const open = openStationPage;

async function login(page: Page, staffNo: string): Promise<void> {
  await submitCounterLogin(page, staffNo);
  await expect(page.getByTestId('counter-workstation')).toBeVisible();
  // The window may have been left paused: open it to call.
  await expect(page.getByTestId('calling-panel')).not.toHaveAttribute('data-window-status', 'loading');
  if ((await page.getByTestId('calling-panel').getAttribute('data-window-status')) !== 'open')
    await page.getByTestId('btn-open').click();
}

async function putCard(stationName: string, fields: typeof FIRST): Promise<void> {
  const r = await fetch(`${HALL_CONTROL_URL}/devices/${stationName}/card`, {
    method: 'POST',
    body: JSON.stringify(fields),
  });
  expect(r.ok).toBe(true);
}

/**
 * Receipts the simulated printer keeps (its last 50: index positions shift once more are printed),
 * each with a key, so a test can ask for the ones printed after a moment.
 */
async function receipts(): Promise<{ key: string; text: string }[]> {
  const all = (await (await fetch(`${HALL_CONTROL_URL}/printer/receipts`)).json()) as {
    receivedAt: string;
    bytes: string;
  }[];
  return all.map((r) => {
    const d = decodeEscPos(new Uint8Array(Buffer.from(r.bytes, 'base64')));
    return { key: `${r.receivedAt} ${r.bytes}`, text: d.ok ? d.value.text : '' };
  });
}

/** What has been printed so far, to tell new slips from old ones. */
async function printedSoFar(): Promise<Set<string>> {
  return new Set((await receipts()).map((r) => r.key));
}

/** The texts of the slips printed since `seen`. */
async function slipsSince(seen: Set<string>): Promise<string[]> {
  return (await receipts()).filter((r) => !seen.has(r.key)).map((r) => r.text);
}

async function pick(page: Page, field: string, option: string): Promise<void> {
  await page.getByTestId(`input-${field}`).click();
  await page.getByTestId(`field-${field}`).locator('.el-select-dropdown__item', { hasText: option }).click();
}

/** The 新装 form's own fields (the card fills the applicant's). */
async function fillNewForm(page: Page): Promise<void> {
  await input(page, 'input-phone').fill('13957100000');
  await pick(page, 'category', '低压居民');
  await input(page, 'input-capacityKva').fill('8');
  await pick(page, 'usageType', '居民生活');
}

/** Open the first hit for a query; returns its account number. */
async function openCustomer(page: Page, q: string): Promise<string> {
  await page.getByRole('tab', { name: '客户视图' }).click();
  await input(page, 'customer-search-input').fill(q);
  await page.getByTestId('customer-search-btn').click();
  await page.getByTestId('customer-results').locator('tbody tr').first().getByTestId('open-customer').click();
  await expect(page.getByTestId('cv-account')).toHaveText(/^\d{10}$/);
  return (await page.getByTestId('cv-account').innerText()).trim();
}

/**
 * The account of a customer who still owes at least 1 yuan and is not prepaid, looked up through the
 * manager's station at window 10 (no spec serves there). From the low ids up, skipping the surnames
 * the counter payment spec pays and the high ids the kiosk spec pays, so the arrears are still there.
 */
async function debtorAccount(): Promise<string> {
  const api = connectWsApi(station('manager', '').replace(/\/$/, ''), 'counter', 10);
  try {
    const login = await api.call('auth.login', { staffNo: '1001', pin: '123456' });
    if (!login.ok) throw new Error(login.error.message);
    for (let id = 1; id <= 200; id++) {
      const v = await api.call('customer.view', { customerId: id });
      if (!v.ok || '王李张陈刘'.includes(v.value.customer.nameMasked[0]!)) continue;
      if (!v.value.customer.prepaid && v.value.arrearsFen >= 100) return v.value.customer.accountNo;
    }
  } finally {
    await api.call('auth.logout', {});
    api.close();
  }
  throw new Error('no customer in the hall still owes money');
}

/**
 * Everything a page holds for anyone to see: its text (hidden tabs included, the agent's own
 * 今日收费 ledger left out) and the values of its fields.
 */
async function visibleTrace(page: Page): Promise<string> {
  return page.evaluate(() => {
    const body = document.body.cloneNode(true) as HTMLElement;
    body.querySelectorAll('[data-testid="pay-today"]').forEach((e) => e.remove());
    const values = Array.from(document.querySelectorAll('input, textarea')).map((e) => (e as HTMLInputElement).value);
    return `${body.textContent ?? ''}\n${values.join('\n')}`;
  });
}

/** The customer rates the ticket just finished (the window is left with nothing awaiting a rating). */
async function rateAs(rate: Page, ticketNo: string): Promise<void> {
  await expect(rate.getByTestId('rate')).toHaveAttribute('data-screen', 'rating');
  await expect(rate.getByTestId('rate')).toContainText(ticketNo);
  await rate.getByTestId('rate-level-very_satisfied').click();
  await expect(rate.getByTestId('rate-thanks')).toBeVisible();
}

async function issue(kiosk: Page): Promise<string> {
  await kiosk.getByTestId('biz-NEW').click();
  const n = (await kiosk.getByTestId('ticket-number').innerText()).trim();
  await kiosk.getByTestId('kiosk-done').click();
  return n;
}

async function callAndStart(counter: Page): Promise<string> {
  await counter.getByTestId('btn-call-next').click();
  await expect(counter.getByTestId('current-ticket')).toHaveAttribute('data-status', 'called');
  const n = (await counter.getByTestId('current-ticket-number').innerText()).trim();
  await counter.getByTestId('btn-start').click();
  await expect(counter.getByTestId('current-ticket')).toHaveAttribute('data-status', 'serving');
  return n;
}

test('two customers in a row: nothing of the first on the counter, the customer screen, the form or the slip', async ({
  browser,
}) => {
  test.setTimeout(240_000);
  const counter = await open(browser, 'counter', `#/counter/${WINDOW}`);
  const rate = await open(browser, 'counter', `#/rate/${WINDOW}`);
  const kiosk = await open(browser, 'kiosk', '#/kiosk');
  await login(counter, AGENT);
  await issue(kiosk);
  await issue(kiosk);

  // First visit: a customer opened in the view, then a different person's card on the reader.
  const first = await callAndStart(counter);
  const account = await openCustomer(counter, await debtorAccount());
  const customerName = (await counter.getByTestId('cv-name').innerText()).trim();
  await putCard('counter', FIRST);
  await expect(counter.getByTestId('idcard-name')).toHaveText(maskName(FIRST.name));
  await counter.getByRole('tab', { name: '电子表单' }).click();
  await expect(input(counter, 'input-applicantName')).toHaveValue(FIRST.name);
  await fillNewForm(counter);
  await shot(counter, '1-first-form');

  // The applicant is the card holder, not the customer in the view: the agent is asked whose it is.
  await counter.getByTestId('btn-submit').click();
  const confirm = counter.locator('.applicant-confirm-box');
  await expect(confirm).toBeVisible();
  await expect(confirm).toContainText(maskName(FIRST.name));
  await expect(confirm).toContainText(maskIdNumber(FIRST.idNumber));
  await expect(confirm).toContainText(customerName);
  await expect(confirm).toContainText(account);
  await expect(confirm).not.toContainText(FIRST.idNumber);
  await shot(counter, '2-applicant-confirm');
  await confirm.getByRole('button', { name: /仅以持证人受理/ }).click();
  const appNo = (await counter.getByTestId('application-no').innerText()).trim();
  await counter.getByRole('tab', { name: '客户视图' }).click();
  await expect(counter.getByTestId('customer-view')).not.toContainText(appNo);
  await counter.getByRole('tab', { name: '电子表单' }).click();
  const before = await printedSoFar();
  await counter.getByTestId('btn-print-slip').click();
  await expect.poll(async () => (await slipsSince(before)).some((s) => s.includes(appNo))).toBe(true);
  expect((await slipsSince(before)).find((s) => s.includes(appNo))).toContain(maskName(FIRST.name));

  // A cash payment for the open customer shows on the customer screen.
  await counter.getByRole('tab', { name: '收费' }).click();
  await input(counter, 'pay-amount').fill('1.00');
  await input(counter, 'pay-tendered').fill('1');
  await counter.getByTestId('pay-submit').click();
  await expect(counter.getByTestId('pay-result')).toContainText('支付成功');
  await expect(rate.getByTestId('rate-payment')).toBeVisible();
  await shot(counter, '3-first-paid');

  // The checks below can see the first visit: while it lasts, the counter shows all of it.
  const during = await visibleTrace(counter);
  for (const t of [account, customerName, maskName(FIRST.name), appNo]) expect(during).toContain(t);

  // Finish; the customer rates; the next ticket is called and started.
  await counter.getByTestId('btn-finish').click();
  await rateAs(rate, first);
  const second = await callAndStart(counter);
  expect(second).not.toBe(first);
  await expect(rate.getByTestId('rate-ticket')).toHaveText(second);
  await shot(counter, '4-second-called');

  // Nothing of the first visit anywhere on the counter (every tab, every field) or its customer screen:
  // not the card holder, not the customer who was open, not the application, not the payment.
  const traces = [
    FIRST.name,
    maskName(FIRST.name),
    FIRST.idNumber,
    maskIdNumber(FIRST.idNumber),
    FIRST.address.slice(0, 9),
    '13957100000',
    customerName,
    account,
    appNo,
  ];
  await expect(counter.getByTestId('idcard-box')).toBeHidden();
  await expect(counter.getByTestId('customer-results')).toBeHidden();
  await expect(counter.getByTestId('cv-account')).toBeHidden();
  for (const page of [counter, rate]) {
    const seen = await visibleTrace(page);
    for (const t of traces)
      expect(seen, `${t} still on ${page === counter ? 'the counter' : 'the customer screen'}`).not.toContain(t);
  }
  await counter.getByRole('tab', { name: '电子表单' }).click();
  await expect(counter.getByTestId('application-no')).toBeHidden();
  await expect(input(counter, 'input-applicantName')).toHaveValue('');
  await expect(input(counter, 'input-idNumber')).toHaveValue('');
  await expect(input(counter, 'input-address')).toHaveValue('');
  await shot(counter, '5-second-form-empty');
  await counter.getByRole('tab', { name: '收费' }).click();
  await expect(counter.getByTestId('pay-result')).toBeHidden();
  await expect(counter.getByTestId('pay-arrears')).toBeHidden();
  await expect(rate.getByTestId('rate-payment')).toBeHidden();
  await shot(counter, '6-second-pay-empty');
  await rate.screenshot({ path: 'tests/screenshots/visit-6-second-rate.png' });

  // The second customer's card: their own data only, no confirmation (no customer open), their slip.
  await putCard('counter', SECOND);
  await counter.getByRole('tab', { name: '电子表单' }).click();
  await expect(input(counter, 'input-applicantName')).toHaveValue(SECOND.name);
  await expect(input(counter, 'input-idNumber')).toHaveValue(SECOND.idNumber);
  await fillNewForm(counter);
  await counter.getByTestId('btn-submit').click();
  const appNo2 = (await counter.getByTestId('application-no').innerText()).trim();
  expect(appNo2).not.toBe(appNo);
  const before2 = await printedSoFar();
  await counter.getByTestId('btn-print-slip').click();
  await expect.poll(async () => (await slipsSince(before2)).some((s) => s.includes(appNo2))).toBe(true);
  const slip2 = (await slipsSince(before2)).find((s) => s.includes(appNo2))!;
  expect(slip2).toContain(maskName(SECOND.name));
  for (const t of traces.filter((x) => x !== '13957100000')) expect(slip2).not.toContain(t);
  await shot(counter, '7-second-slip');
  await counter.getByTestId('btn-finish').click();
  await rateAs(rate, second);
});

test('a parked customer comes back on resume, with nothing of the customer served meanwhile', async ({ browser }) => {
  test.setTimeout(240_000);
  const counter = await open(browser, 'counter', `#/counter/${WINDOW}`);
  const rate = await open(browser, 'counter', `#/rate/${WINDOW}`);
  const kiosk = await open(browser, 'kiosk', '#/kiosk');
  await login(counter, AGENT);
  await issue(kiosk);
  await issue(kiosk);

  // The first customer: identified, their card read, the form half filled; they step away (parked).
  const first = await callAndStart(counter);
  const accountX = await openCustomer(counter, '陈');
  await putCard('counter', FIRST);
  await expect(counter.getByTestId('idcard-name')).toHaveText(maskName(FIRST.name));
  await counter.getByRole('tab', { name: '电子表单' }).click();
  await expect(input(counter, 'input-applicantName')).toHaveValue(FIRST.name);
  await input(counter, 'input-phone').fill('13957100001');
  await counter.getByTestId('btn-park').click();
  await expect(counter.getByTestId(`resume-${first}`)).toBeVisible();
  await expect(counter.getByTestId('idcard-box')).toBeHidden();
  await expect(counter.getByTestId('cv-account')).toBeHidden();
  const parkedTrace = await visibleTrace(counter);
  for (const t of [accountX, FIRST.name, maskName(FIRST.name), FIRST.idNumber, '13957100001'])
    expect(parkedTrace).not.toContain(t);
  await shot(counter, '11-parked');

  // Someone else is served meanwhile.
  const second = await callAndStart(counter);
  expect(second).not.toBe(first);
  const accountY = await openCustomer(counter, '刘');
  expect(accountY).not.toBe(accountX);
  await counter.getByTestId('btn-finish').click();
  await rateAs(rate, second);
  await expect(counter.getByTestId('cv-account')).toBeHidden();

  // Resumed: the first customer's visit is back as it was; nothing of the one in between.
  await counter.getByTestId(`resume-${first}`).click();
  await expect(counter.getByTestId('current-ticket')).toHaveAttribute('data-status', 'serving');
  await expect(counter.getByTestId('current-ticket-number')).toHaveText(first);
  await expect(counter.getByTestId('idcard-name')).toHaveText(maskName(FIRST.name));
  await expect(input(counter, 'input-phone')).toHaveValue('13957100001');
  await expect(input(counter, 'input-applicantName')).toHaveValue(FIRST.name);
  await counter.getByRole('tab', { name: '客户视图' }).click();
  await expect(counter.getByTestId('cv-account')).toHaveText(accountX);
  expect(await visibleTrace(counter)).not.toContain(accountY);
  await expect(rate.getByTestId('rate-ticket')).toHaveText(first);
  await shot(counter, '12-resumed');
  await counter.getByTestId('btn-finish').click();
  await rateAs(rate, first);
});

test('without a card, the applicant is the identified customer: shown masked, filled in full on the agent’s word', async ({
  browser,
}) => {
  const counter = await open(browser, 'counter', `#/counter/${WINDOW}`);
  await login(counter, AGENT);
  await openCustomer(counter, '赵');
  const name = (await counter.getByTestId('cv-name').innerText()).trim();
  await counter.getByRole('tab', { name: '电子表单' }).click();
  const offer = counter.getByTestId('applicant-from-customer');
  await expect(offer).toContainText(name);
  await expect(input(counter, 'input-applicantName')).toHaveValue('');
  await shot(counter, '13-applicant-offered');
  await offer.getByTestId('btn-fill-applicant').click();
  await expect(offer).toContainText('已填入表单');
  const full = await input(counter, 'input-applicantName').inputValue();
  const id = await input(counter, 'input-idNumber').inputValue();
  expect(maskName(full)).toBe(name);
  expect(id).toMatch(/^\d{17}[\dX]$/);
  await expect(offer).toContainText(maskIdNumber(id));
  await shot(counter, '14-applicant-filled');
});

test('an application filed at window 9 is reopened at window 14 on another station, with its history, and finished', async ({
  browser,
}) => {
  test.setTimeout(180_000);
  const counter = await open(browser, 'counter', `#/counter/${WINDOW}`);
  await login(counter, AGENT);
  // The card holder applies for the customer open in the view (the agent confirms it is theirs).
  const account = await openCustomer(counter, '李');
  await putCard('counter', FIRST);
  await expect(counter.getByTestId('idcard-name')).toHaveText(maskName(FIRST.name));
  await counter.getByRole('tab', { name: '电子表单' }).click();
  await expect(input(counter, 'input-applicantName')).toHaveValue(FIRST.name);
  await fillNewForm(counter);
  await counter.getByTestId('btn-submit').click();
  await counter
    .locator('.applicant-confirm-box')
    .getByRole('button', { name: /归入客户/ })
    .click();
  const appNo = (await counter.getByTestId('application-no').innerText()).trim();
  await counter.getByTestId('btn-status-accepted').click();
  await counter.getByRole('tab', { name: '客户视图' }).click();
  await expect(counter.getByTestId('cv-applications')).toContainText(appNo);

  // Window 14 (no other spec signs in there), on the kiosk's station: the same customer, the application in 在办申请, opened.
  const other = await open(browser, 'kiosk', '#/counter/14');
  await login(other, '1017');
  await expect
    .poll(
      async () => {
        await openCustomer(other, account);
        return other
          .getByTestId('cv-applications')
          .innerText()
          .catch(() => '');
      },
      { timeout: 30_000 },
    )
    .toContain(appNo);
  await other.getByTestId('cv-applications').getByText(appNo).click();
  const work = other.getByTestId('application-work');
  await expect(work).toBeVisible();
  await expect(work).toContainText(appNo);
  await expect(work.getByTestId('work-history')).toContainText('已受理');
  await shot(other, '8-reopened');
  await work.getByTestId('work-status-in_progress').click();
  await expect(work.getByTestId('work-history')).toContainText('办理中');
  await work.getByTestId('work-status-completed').click();
  await expect(work.getByTestId('work-history')).toContainText('已办结');
  await shot(other, '9-completed');
  await work.getByTestId('work-close').click();
  await expect(other.getByTestId('cv-applications')).toContainText('已办结');

  // Back at window 9, the open customer view follows without a click.
  await expect(counter.getByTestId('cv-applications')).toContainText('已办结', { timeout: 30_000 });
  await shot(counter, '10-completed-seen-at-9');
});
