import { AxeBuilder } from '@axe-core/playwright';
import { expect, test, type Browser, type Page } from './fixtures';
import { connectWsApi } from '../support/ws-client';
import { STATION_PORTS } from './hall-ports';

/**
 * Accessibility of every screen a customer reads, at the kiosk (portrait 1080×1920, normal and
 * 适老模式) and on the phone (ticket position, application progress): axe-core's WCAG 2 A/AA rules,
 * the contrast of the texts axe leaves out or cannot decide (empty keypad slots, step indicators),
 * and every touch target at least 60 px each way. The 自助缴费 account is one nobody else's spec
 * pays for (kiosk-pay takes debtors from the high ids; this takes the first customer it finds).
 */
const WCAG = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const MIN_TARGET = 60;
/** Phones are held close: WCAG 2.5.5's 44 px. */
const MIN_PHONE_TARGET = 44;
const kioskUrl = `http://127.0.0.1:${STATION_PORTS.kiosk}/#/kiosk`;

interface Finding {
  screen: string;
  problem: string;
}

/** axe's WCAG A/AA violations on the page as it is now, one line each. */
async function axe(page: Page, screen: string): Promise<Finding[]> {
  const r = await new AxeBuilder({ page }).withTags(WCAG).analyze();
  return r.violations.map((v) => ({
    screen,
    problem: `${v.id}: ${v.nodes
      .slice(0, 3)
      .map((n) => `${n.target.join(' ')} ${n.failureSummary ?? ''}`)
      .join(' | ')}`,
  }));
}

/** Every visible control smaller than MIN_TARGET in either direction (as drawn, zoom included). */
async function smallTargets(page: Page, screen: string, min = MIN_TARGET): Promise<Finding[]> {
  const small = await page.evaluate((min) => {
    const out: string[] = [];
    for (const el of Array.from(
      document.querySelectorAll<HTMLElement>('button, a[href], input, [role="tab"], [role="switch"]'),
    )) {
      const r = el.getBoundingClientRect();
      const style = getComputedStyle(el);
      // Visually hidden inputs behind a styled label (radio buttons) are not what the finger hits.
      if (r.width === 0 || r.height === 0 || style.visibility === 'hidden' || style.opacity === '0') continue;
      if (r.width < min - 0.5 || r.height < min - 0.5)
        out.push(
          `${el.dataset.testid ?? el.textContent?.trim().slice(0, 20)} ${Math.round(r.width)}×${Math.round(r.height)}`,
        );
    }
    return out;
  }, min);
  return small.map((s) => ({ screen, problem: `target below ${min} px: ${s}` }));
}

/**
 * Contrast of the texts matched by `selector` against the nearest opaque background behind them:
 * 4.5:1 for text (WCAG 1.4.3), whatever axe decided about them.
 */
async function contrast(page: Page, screen: string, selector: string): Promise<Finding[]> {
  const low = await page.evaluate((sel) => {
    const rgb = (c: string) => (c.match(/[\d.]+/g) ?? []).map(Number);
    const lum = ([r, g, b]: number[]) => {
      const f = (v: number) => {
        const s = v / 255;
        return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
      };
      return 0.2126 * f(r!) + 0.7152 * f(g!) + 0.0722 * f(b!);
    };
    const out: string[] = [];
    for (const el of Array.from(document.querySelectorAll<HTMLElement>(sel))) {
      if (!el.textContent?.trim() || el.getBoundingClientRect().width === 0) continue;
      const fg = rgb(getComputedStyle(el).color);
      let bg: number[] = [255, 255, 255];
      for (let p: HTMLElement | null = el; p; p = p.parentElement) {
        const c = rgb(getComputedStyle(p).backgroundColor);
        if (c.length >= 3 && (c[3] === undefined || c[3] > 0.9)) {
          bg = c;
          break;
        }
      }
      const [a, b] = [lum(fg), lum(bg)].sort((x, y) => y - x);
      const ratio = (a! + 0.05) / (b! + 0.05);
      if (ratio < 4.5) out.push(`"${el.textContent.trim().slice(0, 16)}" ${ratio.toFixed(2)}:1`);
    }
    return out;
  }, selector);
  return low.map((s) => ({ screen, problem: `contrast below 4.5:1 (${selector}): ${s}` }));
}

async function check(page: Page, screen: string, extra: string[] = [], minTarget = MIN_TARGET): Promise<Finding[]> {
  await page.waitForTimeout(300); // the screen's entry transition (tiles press in 60 ms)
  const found = [...(await axe(page, screen)), ...(await smallTargets(page, screen, minTarget))];
  for (const sel of extra) found.push(...(await contrast(page, screen, sel)));
  return found;
}

async function kiosk(browser: Browser, elder: boolean): Promise<Page> {
  const page = await (await browser.newContext({ viewport: { width: 1080, height: 1920 } })).newPage();
  await page.goto(kioskUrl);
  await expect(page.getByTestId('biz-PAY')).toBeVisible();
  if (elder) {
    await page.getByTestId('elder-mode').click();
    await expect(page.getByTestId('kiosk')).toHaveAttribute('data-elder', 'on');
  }
  return page;
}

/** The account shown after a 户号 lookup: a non-prepaid customer with something owed. */
async function someDebtor(): Promise<{ accountNo: string; phoneTail: string }> {
  const api = connectWsApi(`http://127.0.0.1:${STATION_PORTS.manager}`, 'counter', 10);
  try {
    const login = await api.call('auth.login', { staffNo: '1001', pin: '123456' });
    if (!login.ok) throw new Error(login.error.message);
    for (let id = 1; id < 200; id++) {
      const v = await api.call('customer.view', { customerId: id });
      if (!v.ok || v.value.customer.prepaid || v.value.arrearsFen <= 0) continue;
      return { accountNo: v.value.customer.accountNo, phoneTail: v.value.customer.phoneMasked.slice(-4) };
    }
  } finally {
    await api.call('auth.logout', {});
    api.close();
  }
  throw new Error('no debtor in the hall');
}

for (const elder of [false, true]) {
  test(`kiosk screens are WCAG 2 AA clean with targets ≥ ${MIN_TARGET} px (${elder ? '适老模式' : 'normal'})`, async ({
    browser,
  }) => {
    test.setTimeout(180_000);
    const mode = elder ? 'elder' : 'normal';
    const page = await kiosk(browser, elder);
    const found: Finding[] = [];
    found.push(...(await check(page, `${mode} home`)));

    if (elder) {
      await page.getByTestId('kiosk-more').click();
      found.push(...(await check(page, `${mode} other services`)));
    }
    await page.getByTestId('kiosk-guide').click();
    await page.getByTestId('guide-NEW').click();
    found.push(...(await check(page, `${mode} guide`)));
    await page.getByTestId('kiosk-guide-back').click();

    await page.getByTestId('kiosk-appointment').click();
    found.push(...(await check(page, `${mode} appointment`, ['.slot'])));
    await page.getByTestId('ap-back').click();

    await page.getByTestId('kiosk-pay').click();
    await expect(page.getByTestId('ss-identify')).toBeVisible();
    found.push(...(await check(page, `${mode} identify`, ['.slot'])));
    const who = await someDebtor();
    for (const c of who.accountNo + who.phoneTail) await page.getByTestId(`ss-key-${c}`).click();
    await page.getByTestId('ss-account-submit').click();
    await expect(page.getByTestId('ss-account')).toBeVisible();
    await page.getByTestId('kiosk-usage-chart').waitFor();
    found.push(...(await check(page, `${mode} account`)));
    await page.getByTestId('ss-records').click();
    await expect(page.getByTestId('ss-records-screen')).toBeVisible();
    found.push(...(await check(page, `${mode} records`)));
    await page.getByTestId('ss-back').click();
    await page.getByTestId('ss-pay-bill').click();
    await expect(page.getByTestId('ss-channel')).toBeVisible();
    found.push(...(await check(page, `${mode} channel`)));
    await page.getByTestId('ss-exit').click();
    // Leaving self-service keeps the customer's 适老模式.
    await expect(page.getByTestId('kiosk')).toHaveAttribute('data-elder', elder ? 'on' : 'off');

    await page.getByTestId('biz-ASK').or(page.getByTestId('kiosk-more')).first().click();
    if (await page.getByTestId('kiosk-more-screen').isVisible()) await page.getByTestId('biz-ASK').click();
    await expect(page.getByTestId('kiosk-result')).toBeVisible();
    found.push(...(await check(page, `${mode} ticket`)));
    await page.screenshot({ path: `tests/screenshots/kiosk-a11y-${mode}-ticket.png` });

    expect(found).toEqual([]);
  });
}

test('phone pages (ticket position, application progress) are WCAG 2 AA clean with readable indicators', async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const phone = async (url: string) => {
    const ctx = await browser.newContext({
      viewport: { width: 390, height: 844 },
      deviceScaleFactor: 2,
      isMobile: true,
      hasTouch: true,
    });
    const page = await ctx.newPage();
    await page.goto(url);
    return page;
  };
  const found: Finding[] = [];

  const kioskApi = connectWsApi(`http://127.0.0.1:${STATION_PORTS.rate}`, 'kiosk');
  const issued = await kioskApi.call('queue.issueTicket', { businessType: 'ASK' });
  kioskApi.close();
  if (!issued.ok) throw new Error(issued.error.message);
  const ticketPage = await phone(`http://127.0.0.1:${STATION_PORTS.rate}/#/ticket/${issued.value.ticket.id}`);
  await expect(ticketPage.getByText(issued.value.ticket.number).first()).toBeVisible();
  found.push(...(await check(ticketPage, 'ticket position', [], MIN_PHONE_TARGET)));
  await ticketPage.screenshot({ path: 'tests/screenshots/kiosk-a11y-phone-ticket.png', fullPage: true });

  const counter = connectWsApi(`http://127.0.0.1:${STATION_PORTS.rate}`, 'counter', 13);
  try {
    expect((await counter.call('auth.login', { staffNo: '1010', pin: '123456' })).ok).toBe(true);
    const submitted = await counter.call('application.submit', {
      type: 'PV',
      values: {
        accountNo: '3300012345',
        applicantName: '欧阳明亮',
        phone: '13912345670',
        capacityKwp: 8,
        inverter: 'SUN2000-8KTL',
        connection: '自发自用余电上网',
      },
    });
    if (!submitted.ok) throw new Error(submitted.error.message);
    const track = await phone(submitted.value.followUrl);
    await expect(track.getByTestId('track-steps')).toBeVisible();
    found.push(
      ...(await check(track, 'application progress', ['.el-step__title', '.el-step__description'], MIN_PHONE_TARGET)),
    );
    await track.screenshot({ path: 'tests/screenshots/kiosk-a11y-phone-track.png', fullPage: true });
  } finally {
    await counter.call('auth.logout', {});
    counter.close();
  }
  expect(found).toEqual([]);
});
