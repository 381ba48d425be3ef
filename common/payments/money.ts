/**
 * Money at the counter: integer fen everywhere, yuan only on screen and paper. Amount parsing is
 * strict (no floats, at most two decimals) so a typo can never become a different charge.
 */
export const MAX_PAYMENT_FEN = 10_000_000; // 100,000 元: above this a counter payment is a typo or fraud

/** Parse what an agent typed in yuan ("128.5", "128.50", "128") into fen; null when it is not an amount. */
export function parseYuan(text: string): number | null {
  const m = /^\s*(\d{1,9})(?:\.(\d{1,2}))?\s*$/.exec(text);
  if (!m) return null;
  return Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
}

export function formatYuan(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  return `${sign}${Math.floor(abs / 100).toLocaleString('en-US')}.${String(abs % 100).padStart(2, '0')}`;
}

/** Change for a cash payment; null when the tendered amount does not cover the charge. */
export function cashChange(amountFen: number, tenderedFen: number): number | null {
  return tenderedFen >= amountFen ? tenderedFen - amountFen : null;
}
