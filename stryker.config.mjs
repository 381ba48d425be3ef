// Mutation testing of the domain core. `npm run test:mutation` mutates every module below;
// `npm run test:mutation -- --mutate common/queue/fairness.ts` one file. Reports: reports/mutation/.
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  vitest: { configFile: 'vitest.mutation.config.ts', related: true },
  coverageAnalysis: 'perTest',
  plugins: ['@stryker-mutator/vitest-runner'],
  mutate: [
    'common/queue/**/*.ts',
    'common/domain/**/*.ts',
    'common/payments/**/*.ts',
    'common/mutators/**/*.ts',
    'common/forms/**/*.ts',
    'common/sync/**/*.ts',
    '!common/queue/index.ts',
  ],
  ignorePatterns: [
    '.scratch',
    'reports',
    '.data',
    'out',
    'dist',
    'release',
    'test-results',
    'playwright-report',
    'tests/screenshots',
  ],
  tempDirName: '.stryker-tmp',
  concurrency: 1,
  reporters: ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: { fileName: 'reports/mutation/mutation.html' },
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  incrementalFile: 'reports/mutation/stryker-incremental.json',
  thresholds: { high: 90, low: 80, break: null },
  timeoutMS: 10_000,
};
