import type { CallEvent } from '@common/api/schemas';

/** Newest first, one entry per call event (ticket + time), at most `limit`. Pure. */
export function mergeCalls(a: readonly CallEvent[], b: readonly CallEvent[], limit = 10): CallEvent[] {
  const byKey = new Map<string, CallEvent>();
  for (const c of [...a, ...b]) byKey.set(`${c.ticketId}@${c.at}`, c);
  return [...byKey.values()].sort((x, y) => (x.at < y.at ? 1 : x.at > y.at ? -1 : 0)).slice(0, limit);
}

/** How many waiting ticket numbers fit on the TV before "… N more". */
export const WAITING_SHOWN = 36;
export const LOG_SHOWN = 6;
