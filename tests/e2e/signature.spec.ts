import { expect, test, type Locator, type Page } from './fixtures';
import { HALL_CONTROL_URL, STATION_PORTS } from './hall-ports';

/**
 * Signature pads on the devices page: a capture from the demo hall's simulated Wacom STU (real
 * report bytes through the pad driver), and the touchscreen canvas driven by pointer events.
 */
const url = (hash: string) => `http://127.0.0.1:${STATION_PORTS.manager}/${hash}`;

/** Scrolls the signature panel to the top of the window, below the sticky staff header. */
const showPanel = (el: Element): void => window.scrollTo(0, el.getBoundingClientRect().top + window.scrollY - 72);

async function loginAsTechnician(page: Page): Promise<void> {
  await page.goto(url('#/devices'));
  await page.getByTestId('login-staffno').fill('1020');
  await page.getByTestId('login-pin').fill('123456');
  await page.getByTestId('login-submit').click();
  await expect(page.getByTestId('signature-pad-panel')).toBeVisible();
}

test('the technician captures a signature on the (simulated) pad and sees its SVG and PNG', async ({ page }) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  await loginAsTechnician(page);
  await page.getByTestId('btn-capture-signature').click();
  await expect(page.getByTestId('signature-outcome')).toHaveText('已确认');
  const result = page.getByTestId('signature-result');
  await expect(result.getByTestId('signature-stroke-count')).toHaveText('3');
  await expect(result.locator('[data-testid="signature-svg"] g.stroke')).toHaveCount(3);
  const png = result.getByTestId('signature-png');
  await expect(png).toBeVisible();
  expect(await png.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(600);
  await page.getByTestId('signature-pad-panel').evaluate(showPanel);
  await page.screenshot({ path: 'tests/screenshots/devices-signature-pad.png' });
});

/** Dispatches a pen stroke as real PointerEvents (pressure rising then falling, coalesced samples included). */
async function penStroke(canvas: Locator, points: { x: number; y: number }[]): Promise<void> {
  await canvas.evaluate((el, pts) => {
    const rect = el.getBoundingClientRect();
    const at = (p: { x: number; y: number }, i: number, type: string) =>
      new PointerEvent(type, {
        pointerId: 7,
        pointerType: 'pen',
        isPrimary: true,
        bubbles: true,
        cancelable: true,
        clientX: rect.left + p.x * rect.width,
        clientY: rect.top + p.y * rect.height,
        pressure: type === 'pointerup' ? 0 : 0.15 + 0.8 * Math.sin((Math.PI * i) / (pts.length - 1)),
        buttons: type === 'pointerup' ? 0 : 1,
      });
    el.dispatchEvent(at(pts[0], 0, 'pointerdown'));
    for (let i = 1; i < pts.length; i++) el.dispatchEvent(at(pts[i], i, 'pointermove'));
    el.dispatchEvent(at(pts[pts.length - 1], pts.length - 1, 'pointerup'));
  }, points);
}

test('a customer signs on the touchscreen with pointer events; the SVG has the strokes, wider where pressed harder', async ({
  page,
}) => {
  await page.setViewportSize({ width: 1920, height: 1080 });
  await loginAsTechnician(page);
  await page.getByTestId('btn-touch-signature').click();
  const canvas = page.getByTestId('signature-canvas');
  await expect(canvas).toBeVisible();
  await expect(page.getByTestId('signature-confirm')).toBeDisabled();

  // Stroke 1: a pen wave with pressure.
  await penStroke(
    canvas,
    Array.from({ length: 40 }, (_, i) => ({ x: 0.1 + i * 0.012, y: 0.5 + 0.15 * Math.sin(i / 4) })),
  );
  // Stroke 2: a finger/mouse stroke with the real mouse (pointerType mouse → no pressure, 0.5).
  const box = (await canvas.boundingBox())!;
  await page.mouse.move(box.x + box.width * 0.6, box.y + box.height * 0.35);
  await page.mouse.down();
  for (let i = 1; i <= 12; i++)
    await page.mouse.move(box.x + box.width * (0.6 + i * 0.025), box.y + box.height * (0.35 + i * 0.02));
  await page.mouse.up();
  await expect(canvas).toHaveAttribute('data-strokes', '2');

  // Ink is on the canvas where the pen went.
  const inked = await canvas.evaluate((el: HTMLCanvasElement) => {
    const c = el.getContext('2d')!;
    const d = c.getImageData(0, 0, el.width, el.height).data;
    let n = 0;
    for (let i = 3; i < d.length; i += 4) if (d[i] > 0) n++;
    return n;
  });
  expect(inked).toBeGreaterThan(500);

  await page.getByTestId('signature-confirm').click();
  await expect(page.getByTestId('touch-confirmed')).toBeVisible();
  const svg = page.getByTestId('touch-confirmed').locator('xpath=following-sibling::*[@data-testid="signature-svg"]');
  await expect(svg.locator('g.stroke')).toHaveCount(2);
  await expect(svg.locator('g.stroke').first().locator('line')).toHaveCount(39);
  const widths = await svg
    .locator('g.stroke')
    .first()
    .locator('line')
    .evaluateAll((lines) => lines.map((l) => Number(l.getAttribute('stroke-width'))));
  // Pressure peaks mid-stroke: the middle segment is wider than both ends.
  expect(widths[19]).toBeGreaterThan(widths[0]);
  expect(widths[19]).toBeGreaterThan(widths[38]);
  await page.getByTestId('signature-pad-panel').evaluate(showPanel);
  await page.screenshot({ path: 'tests/screenshots/signature-touchscreen.png' });

  // 清除 empties the pad again.
  await page.getByTestId('signature-clear').click();
  await expect(canvas).toHaveAttribute('data-strokes', '0');
  await expect(page.getByTestId('signature-confirm')).toBeDisabled();
});

test('the pad is unplugged mid-signature: a clear error in Chinese, the strokes kept, and the signature finished on the touchscreen', async ({
  page,
}) => {
  await page.setViewportSize({ width: 1920, height: 1080 });
  await loginAsTechnician(page);
  // The simulated pad's cable is pulled after the customer's first two strokes.
  expect(await fetch(`${HALL_CONTROL_URL}/pads/manager/unplug-mid-signature`).then((r) => r.json())).toEqual({
    ok: true,
  });
  await page.getByTestId('btn-capture-signature').click();

  const unplugged = page.getByTestId('signature-unplugged');
  await expect(unplugged).toContainText('签名板已断开');
  await expect(unplugged).toContainText('已保留 2 笔');
  await expect(page.getByTestId('signature-outcome')).toHaveText('签名板断开');
  await expect(page.getByTestId('signature-result').getByTestId('signature-stroke-count')).toHaveText('2');

  // The touchscreen opens with the two strokes already on it; the customer adds the third and confirms.
  const canvas = page.getByTestId('signature-canvas');
  await expect(canvas).toHaveAttribute('data-strokes', '2');
  await penStroke(
    canvas,
    Array.from({ length: 30 }, (_, i) => ({ x: 0.15 + i * 0.022, y: 0.78 - i * 0.002 })),
  );
  await expect(canvas).toHaveAttribute('data-strokes', '3');
  await page.getByTestId('signature-confirm').click();
  await expect(page.getByTestId('touch-confirmed')).toBeVisible();
  const svg = page.getByTestId('touch-confirmed').locator('xpath=following-sibling::*[@data-testid="signature-svg"]');
  await expect(svg.locator('g.stroke')).toHaveCount(3);
  await page.getByTestId('signature-pad-panel').evaluate(showPanel);
  await page.screenshot({ path: 'tests/screenshots/signature-pad-unplugged.png' });

  // The pad slot on the page says what happened; the next capture (pad back) works again.
  await page.getByTestId('btn-capture-signature').click();
  await expect(page.getByTestId('signature-outcome')).toHaveText('已确认');
  await expect(page.getByTestId('signature-unplugged')).toHaveCount(0);
});
