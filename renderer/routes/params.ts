/**
 * Route-parameter rules, pure (unit-tested in Node): a counter or rating window is a positive integer
 * written in plain digits; whether the hall has that window is checked against queue.snapshot().
 */
export const MAX_WINDOW_NO = 99;

export type WindowParam = { ok: true; windowNo: number } | { ok: false; label: string };

/** The raw `:window` value as the user typed it, shortened for display in the not-found message. */
export function windowLabel(raw: unknown): string {
  const text = Array.isArray(raw) ? raw.join('/') : raw == null ? '' : String(raw);
  return text.length > 16 ? `${text.slice(0, 16)}…` : text;
}

export function parseWindowParam(raw: unknown): WindowParam {
  const text = Array.isArray(raw) ? raw[0] : raw;
  if (typeof text !== 'string' || !/^[0-9]{1,6}$/.test(text)) return { ok: false, label: windowLabel(raw) };
  const n = Number.parseInt(text, 10);
  if (!Number.isSafeInteger(n) || n < 1 || n > MAX_WINDOW_NO) return { ok: false, label: windowLabel(raw) };
  return { ok: true, windowNo: n };
}

/** Whether the hall (as listed by queue.snapshot().windows) has the window. */
export function hallHasWindow(windows: readonly { windowNo: number }[], windowNo: number): boolean {
  return windows.some((w) => w.windowNo === windowNo);
}
