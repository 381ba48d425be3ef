/**
 * How hard the sync fault suite pushes. CI (`npm test`) runs the reduced counts; `npm run
 * test:faults` sets FAULT_CYCLES=500 and CONVERGENCE_RUNS for the full fault tier.
 */
export const FAULT_CYCLES = Number(process.env.FAULT_CYCLES ?? 0) || 50;
/** fast-check runs of the multi-station convergence property (SQLite central; PostgreSQL runs a third). */
export const CONVERGENCE_RUNS = Number(process.env.CONVERGENCE_RUNS ?? 0) || 6;
/** A pessimistic budget per kill cycle (two process starts under a loaded 2-core machine), never under 2 min. */
export const faultTimeoutMs = (cycles: number, perCycleMs = 8_000): number => Math.max(120_000, cycles * perCycleMs);
