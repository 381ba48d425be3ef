import type { LiveBadRating, LiveHall } from '../api/features/live';
import type { QueueSnapshot } from '../api/schemas';
import { DEFAULT_TARGET_WAIT_MIN, type KpiSet } from './kpi';
import { toMs } from './time';

export interface LiveHallInput {
  snapshot: QueueSnapshot;
  /** Paused window number → when it paused (ISO). */
  pausedSince: Record<string, string>;
  /** The queue configuration's target wait per type, minutes. */
  targets: Record<string, number>;
  badRatings: LiveBadRating[];
  /** Today's KPIs so far, measured against `targets`. */
  today: KpiSet;
  now: string;
}

/**
 * What the manager's live screen shows, from the queue snapshot: per type how many wait, for how
 * long and how many staffed windows serve it, who is at each window (paused since when), and every waiting ticket past its type's target
 * wait. Pure: the same input gives the same screen.
 */
export function liveHall(input: LiveHallInput): LiveHall {
  const { snapshot, targets } = input;
  const now = toMs(input.now);
  const target = (code: string) => targets[code] ?? DEFAULT_TARGET_WAIT_MIN;
  const waitedSec = (issuedAt: string) => Math.max(0, Math.round((now - toMs(issuedAt)) / 1000));

  const types = snapshot.types.map((t) => {
    const waiting = snapshot.waiting.filter((w) => w.businessType === t.code);
    return {
      code: t.code,
      name: t.name,
      nameEn: t.nameEn,
      waiting: waiting.length,
      // A window serves only while open with someone signed in at it.
      servers: snapshot.windows.filter(
        (w) => w.open && w.status === 'open' && w.agent !== null && w.businessTypes.includes(t.code),
      ).length,
      longestWaitSec: waiting.length ? Math.max(...waiting.map((w) => waitedSec(w.issuedAt))) : null,
      targetWaitMin: target(t.code),
    };
  });

  const windows = snapshot.windows.map((w) => ({
    windowNo: w.windowNo,
    name: w.name,
    status: w.status,
    pauseReason: w.pauseReason,
    pausedSince: w.status === 'paused' ? (input.pausedSince[String(w.windowNo)] ?? null) : null,
    agent: w.agent ? { id: w.agent.id, staffNo: w.agent.staffNo, name: w.agent.name } : null,
    current: w.current
      ? { number: w.current.number, status: w.current.status, businessType: w.current.businessType }
      : null,
    servedToday: w.servedToday,
  }));

  const longWaits = snapshot.waiting
    .map((w) => ({
      ticketId: w.id,
      number: w.number,
      businessType: w.businessType,
      waitedSec: waitedSec(w.issuedAt),
      targetWaitMin: target(w.businessType),
    }))
    .filter((w) => w.waitedSec > w.targetWaitMin * 60)
    .sort((a, b) => b.waitedSec - a.waitedSec);

  return {
    day: snapshot.day,
    at: input.now,
    types,
    windows,
    today: input.today,
    longWaits,
    badRatings: input.badRatings,
  };
}
