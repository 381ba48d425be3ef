import fc from 'fast-check';
import { beforeEach, expect } from 'vitest';

/**
 * Vitest setup for every property test: one fast-check seed per test file, taken from FC_SEED when
 * set (to replay a failure) and fresh otherwise, and printed with the command to replay whenever a
 * property fails. Registered in vitest.config.ts, so a property test needs no import of its own.
 */
export const FC_SEED = parseSeed(process.env.FC_SEED) ?? (Math.random() * 2 ** 31) | 0;

export function parseSeed(text: string | undefined): number | null {
  if (text === undefined || text.trim() === '') return null;
  const n = Number(text);
  if (!Number.isSafeInteger(n)) throw new Error(`FC_SEED must be an integer, got "${text}"`);
  return n | 0;
}

/** The line printed when a property fails: enough to rerun exactly that test with the same inputs. */
export function replayHint(seed: number, testFile: string, testName: string): string {
  return `fast-check seed ${seed} — replay: FC_SEED=${seed} npx vitest run ${testFile} -t ${JSON.stringify(testName)}`;
}

const isPropertyFailure = (e: { message?: string }) => /Property failed after/.test(e.message ?? '');

fc.configureGlobal({ ...fc.readConfigureGlobal(), seed: FC_SEED });

beforeEach(({ task, onTestFailed }) => {
  onTestFailed(({ task: failed }) => {
    if (!(failed.result?.errors ?? []).some(isPropertyFailure)) return;
    const file = expect.getState().testPath ?? task.file.filepath;
    console.error(replayHint(FC_SEED, file.replace(`${process.cwd()}/`, ''), task.name));
  });
});
