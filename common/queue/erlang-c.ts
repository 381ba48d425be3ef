/**
 * Erlang C (M/M/c): customers arrive at random (Poisson, rate λ), c identical windows serve one at a
 * time with exponential handling times (mean AHT), and whoever finds every window busy waits in one
 * line. Offered load A = λ × AHT (erlangs); the queue is stable only while A < c.
 *
 *   P(wait)        = C(c, A), computed through Erlang B's recurrence (no factorials, stable for large c)
 *   service level  = 1 − P(wait) · e^(−(c − A) · target ÷ AHT)
 *   mean wait      = P(wait) · AHT ÷ (c − A)
 *
 * Pure; every input in consistent units (rates per second with handling times in seconds, or per hour
 * with hours).
 */

/** Erlang B blocking probability for `servers` and offered load `load` (erlangs). */
export function erlangB(servers: number, load: number): number {
  checkArgs(servers, load);
  let b = 1;
  for (let k = 1; k <= servers; k++) b = (load * b) / (k + load * b);
  return b;
}

/** Probability that an arrival waits; 1 when the windows cannot keep up (load ≥ servers). */
export function erlangC(servers: number, load: number): number {
  checkArgs(servers, load);
  if (load === 0) return 0;
  if (load >= servers) return 1;
  const b = erlangB(servers, load);
  return (servers * b) / (servers - load * (1 - b));
}

/** Share of arrivals answered within `targetSec`; 0 when the queue grows without bound. */
export function serviceLevel(servers: number, load: number, ahtSec: number, targetSec: number): number {
  if (!(ahtSec > 0) || !(targetSec >= 0)) throw new RangeError('handling time must be > 0 and target ≥ 0');
  if (load >= servers) return load === 0 ? 1 : 0;
  return 1 - erlangC(servers, load) * Math.exp((-(servers - load) * targetSec) / ahtSec);
}

/** Mean wait (seconds) of all arrivals; Infinity when load ≥ servers. */
export function meanWaitSec(servers: number, load: number, ahtSec: number): number {
  if (load >= servers) return load === 0 ? 0 : Infinity;
  return (erlangC(servers, load) * ahtSec) / (servers - load);
}

export interface StaffingInput {
  /** Expected arrivals in the hour. */
  arrivalsPerHour: number;
  ahtSec: number;
  targetWaitSec: number;
  /** Service-level goal, 0 < goal < 1 (e.g. 0.8 = 80 % called within the target). */
  goal: number;
  /** Never propose more windows than the hall has. */
  maxServers: number;
}

export interface Staffing {
  /** The fewest windows that meet the goal; null when even maxServers cannot. */
  servers: number | null;
  load: number;
  /** Service level with `servers` (or with maxServers when the goal is out of reach). */
  serviceLevel: number;
}

/** The fewest windows that meet the service-level goal for one hour's expected load. */
export function serversNeeded(i: StaffingInput): Staffing {
  if (!(i.arrivalsPerHour >= 0) || !(i.goal > 0 && i.goal < 1) || !(i.maxServers >= 1))
    throw new RangeError('arrivals ≥ 0, 0 < goal < 1 and maxServers ≥ 1 required');
  const load = (i.arrivalsPerHour * i.ahtSec) / 3600;
  if (load === 0) return { servers: 0, load, serviceLevel: 1 };
  for (let c = Math.max(1, Math.floor(load) + 1); c <= i.maxServers; c++) {
    const sl = serviceLevel(c, load, i.ahtSec, i.targetWaitSec);
    if (sl >= i.goal) return { servers: c, load, serviceLevel: sl };
  }
  return { servers: null, load, serviceLevel: serviceLevel(i.maxServers, load, i.ahtSec, i.targetWaitSec) };
}

function checkArgs(servers: number, load: number): void {
  if (!Number.isInteger(servers) || servers < 1) throw new RangeError('servers must be a positive integer');
  if (!(load >= 0) || !Number.isFinite(load)) throw new RangeError('load must be a finite number ≥ 0');
}
