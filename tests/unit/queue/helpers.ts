import { newTicket, type PriorityClass, type QueueState, type QueueTicket, type WindowInfo } from '@common/queue';

/** 2026-11-23 09:00 Asia/Shanghai. */
export const T0 = Date.parse('2026-11-23T01:00:00Z');
export const at = (sec: number) => T0 + sec * 1000;
export const min = (m: number) => T0 + m * 60_000;

export function ticket(
  id: string,
  over: Partial<QueueTicket> & { issuedSec?: number; cls?: PriorityClass } = {},
): QueueTicket {
  const { issuedSec, cls, ...rest } = over;
  return {
    ...newTicket({ id, number: id, businessType: 'PAY', priorityClass: cls ?? 'normal', issuedAt: at(issuedSec ?? 0) }),
    ...rest,
  };
}

export function queue(tickets: QueueTicket[], windows: WindowInfo[]): QueueState {
  return {
    tickets: Object.fromEntries(tickets.map((t) => [t.id, t])),
    windows: Object.fromEntries(windows.map((w) => [w.windowNo, w])),
  };
}
