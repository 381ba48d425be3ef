import { businessType } from '../domain/business-types';
import { DEFAULT_TARGET_WAIT_MIN } from './kpi';
import { toMs, type Instant } from './time';

/**
 * What the guide desk shows per business type: how many wait, how long the longest has waited,
 * an estimate for someone joining now, and the tickets already past the type's target wait.
 *
 * Estimate = rounds of service ahead × mean handling time, where rounds = ⌊waiting ÷ open windows
 * serving the type⌋ plus half a round for the customers being served right now. Mean
 * handling time comes from today's finished tickets of the type (KPIs), else a default. With no open
 * window for the type the estimate is null: there is no honest number to give. Pure.
 */
export interface WaitingTicketInfo {
  id: string;
  number: string;
  businessType: string;
  priority: string;
  issuedAt: Instant;
}

export interface WindowInfo {
  windowNo: number;
  open: boolean;
  businessTypes: readonly string[];
}

export interface OverdueTicket {
  id: string;
  number: string;
  priority: string;
  waitedSec: number;
}

export interface TypeWaitEstimate {
  code: string;
  waiting: number;
  /** Open windows that serve this type. */
  servers: number;
  longestWaitSec: number | null;
  /** Seconds a ticket issued now would wait; null with no open window for the type. */
  estimatedWaitSec: number | null;
  targetWaitMin: number;
  /** Waiting beyond the target, longest first. */
  overdue: OverdueTicket[];
}

export const DEFAULT_AHT_SEC = 360;

export interface EstimateInput {
  types: readonly string[];
  waiting: readonly WaitingTicketInfo[];
  windows: readonly WindowInfo[];
  /** Mean handling time (seconds) per type, from KPIs; missing → DEFAULT_AHT_SEC. */
  ahtSec?: Readonly<Record<string, number | null | undefined>>;
  targetWaitMin?: Readonly<Record<string, number>>;
  now: Instant;
}

export function estimateWaits(input: EstimateInput): TypeWaitEstimate[] {
  const now = toMs(input.now);
  return input.types.map((code) => {
    const tickets = input.waiting.filter((t) => t.businessType === code);
    const servers = input.windows.filter((w) => w.open && w.businessTypes.includes(code)).length;
    const aht = input.ahtSec?.[code] ?? DEFAULT_AHT_SEC;
    const target = input.targetWaitMin?.[code] ?? businessType(code)?.targetWaitMin ?? DEFAULT_TARGET_WAIT_MIN;
    const waited = tickets.map((t) => ({
      id: t.id,
      number: t.number,
      priority: t.priority,
      waitedSec: Math.max(0, Math.round((now - toMs(t.issuedAt)) / 1000)),
    }));
    const rounds = servers === 0 ? null : Math.floor(tickets.length / servers) + 0.5;
    return {
      code,
      waiting: tickets.length,
      servers,
      longestWaitSec: waited.length ? Math.max(...waited.map((w) => w.waitedSec)) : null,
      estimatedWaitSec: rounds === null ? null : Math.round(rounds * aht),
      targetWaitMin: target,
      overdue: waited.filter((w) => w.waitedSec > target * 60).sort((a, b) => b.waitedSec - a.waitedSec),
    };
  });
}
