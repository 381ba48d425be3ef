import { expect, vi } from 'vitest';

/**
 * Vitest setup: in the unit tests of the domain core the machine clock reads a day far in the
 * future (and keeps moving), so a test that passes only because of today's date — or code that
 * ignores the `now`/`today` it was given and reads the clock — fails instead of passing until the
 * calendar catches up. Registered in vitest.config.ts; other test folders keep the real clock.
 */
export const FAR_FUTURE = new Date('2099-06-15T04:00:00Z');

export const DOMAIN_CORE_TEST_DIRS = ['queue', 'domain', 'payments', 'mutators', 'forms', 'sync'].map(
  (area) => `/tests/unit/${area}/`,
);

export const isDomainCoreTest = (testPath: string): boolean =>
  DOMAIN_CORE_TEST_DIRS.some((dir) => testPath.replaceAll('\\', '/').includes(dir));

const testPath = expect.getState().testPath ?? '';
if (isDomainCoreTest(testPath)) {
  vi.useFakeTimers({ toFake: ['Date'], now: FAR_FUTURE, shouldAdvanceTime: true });
}
