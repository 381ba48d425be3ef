import type { Browser, Page } from './fixtures';
import { STATION_PORTS } from './hall-ports';

/** A page of one of the e2e hall's stations, e.g. `openStationPage(browser, 'counter', '#/counter/9')`. */
export async function openStationPage(browser: Browser, name: keyof typeof STATION_PORTS, hash: string): Promise<Page> {
  const page = await (await browser.newContext({ viewport: { width: 1920, height: 1080 } })).newPage();
  await page.goto(`http://127.0.0.1:${STATION_PORTS[name]}/${hash}`);
  return page;
}

/** Sign a demo agent in on a counter page (every demo PIN is 123456). */
export async function submitCounterLogin(page: Page, staffNo: string): Promise<void> {
  await page.getByTestId('login-staffno').fill(staffNo);
  await page.getByTestId('login-pin').fill('123456');
  await page.getByTestId('login-submit').click();
}
