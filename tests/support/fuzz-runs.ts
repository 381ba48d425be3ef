/**
 * How many generated inputs each parser fuzz test runs. CI runs the small default; `npm run
 * test:fuzz` sets FUZZ_RUNS=100000 for the full tier the devices issue asks for.
 */
export const FUZZ_RUNS = Number(process.env.FUZZ_RUNS ?? 0) || 2000;
/** Enough time for the run count at a pessimistic 5 ms per input, never under 30 s. */
export const FUZZ_TIMEOUT_MS = Math.max(30_000, FUZZ_RUNS * 5);
