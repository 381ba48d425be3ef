import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

/**
 * The unit tests of the domain core, for Stryker: mutants must be killed by tests that state the
 * rule, not by integration suites that happen to pass through it (those are slow and hide gaps).
 */
export const domainCoreTests = [
  'tests/unit/queue/**/*.test.ts',
  'tests/unit/domain/**/*.test.ts',
  'tests/unit/payments/**/*.test.ts',
  'tests/unit/mutators/**/*.test.ts',
  'tests/unit/forms/**/*.test.ts',
  'tests/unit/sync/**/*.test.ts',
];

export default defineConfig({
  resolve: { alias: { '@common': fileURLToPath(new URL('./common', import.meta.url)) } },
  test: {
    include: domainCoreTests,
    environment: 'node',
    // Generous: Stryker runs the tests instrumented, often on a busy machine.
    testTimeout: 120_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // A fast-check seed per file (FC_SEED replays it) and, for the domain core, a clock far in the future.
    setupFiles: ['tests/support/fast-check-seed.ts', 'tests/support/domain-clock.ts'],
  },
});
