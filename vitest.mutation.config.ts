import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

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

/**
 * `MUTATION_TARGET=common/mutators/audit.ts` (set when mutating one file) puts the test files named
 * after it (by file or folder) first: a static mutant (module-level code, such as an argument
 * schema) runs every related test file, and the one that states the module's rules is the
 * likeliest to kill it at once.
 */
const target = process.env.MUTATION_TARGET ? path.basename(process.env.MUTATION_TARGET, '.ts') : null;
const namedForTarget = (moduleId: string) =>
  target !== null && target !== 'index' && moduleId.replaceAll('\\', '/').split('/tests/unit/').pop()!.includes(target);

/**
 * Cheap test files first: with bail, a mutant is done at its first failing test, so the long
 * property simulations and the SQLite-backed mutator tests should run only when nothing else failed.
 */
export class CheapFilesFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const cost = (f: TestSpecification) =>
      namedForTarget(f.moduleId)
        ? -1
        : /\.property\.test\.ts$/.test(f.moduleId)
          ? 2
          : /[\\/]tests[\\/]unit[\\/]mutators[\\/]/.test(f.moduleId)
            ? 1
            : 0;
    return [...files].sort((a, b) => cost(a) - cost(b) || a.moduleId.localeCompare(b.moduleId));
  }
}

// One seeded hall per run, shared by the test workers: the mutator tests copy it for each test, and
// seeding it again for each mutant's reloaded modules would dominate the run.
process.env.HALL_SHARED_TEMPLATE ??= path.join(os.tmpdir(), `hall-mutation-template-${process.pid}`, 'template.db');

export default defineConfig({
  resolve: { alias: { '@common': fileURLToPath(new URL('./common', import.meta.url)) } },
  test: {
    include: domainCoreTests,
    environment: 'node',
    // Generous: Stryker runs the tests instrumented, often on a busy machine.
    testTimeout: 120_000,
    hookTimeout: 60_000,
    pool: 'forks',
    sequence: { sequencer: CheapFilesFirst },
    // A fast-check seed per file (FC_SEED replays it) and, for the domain core, a clock far in the future.
    setupFiles: ['tests/support/fast-check-seed.ts', 'tests/support/domain-clock.ts'],
  },
});
