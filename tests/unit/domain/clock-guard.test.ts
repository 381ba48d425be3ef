import { describe, expect, it } from 'vitest';
import { FAR_FUTURE, isDomainCoreTest } from '../../support/domain-clock';
import { parseSeed, replayHint } from '../../support/fast-check-seed';

describe('the domain-core tests cannot lean on the real clock or an unprintable seed', () => {
  it('the machine clock here reads a day far in the future, and keeps moving', async () => {
    const first = Date.now();
    expect(first).toBeGreaterThanOrEqual(FAR_FUTURE.getTime());
    expect(new Date().getFullYear()).toBe(2099);
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(Date.now()).toBeGreaterThan(first);
  });

  it('applies to the domain-core unit folders only', () => {
    expect(isDomainCoreTest('/repo/tests/unit/queue/fairness.test.ts')).toBe(true);
    expect(isDomainCoreTest('C:\\repo\\tests\\unit\\payments\\reconcile.test.ts')).toBe(true);
    expect(isDomainCoreTest('/repo/tests/unit/devices/escpos-fuzz.test.ts')).toBe(false);
    expect(isDomainCoreTest('/repo/tests/integration/sync.test.ts')).toBe(false);
  });

  it('FC_SEED is read as an integer, and a failure prints how to replay it', () => {
    expect(parseSeed(undefined)).toBeNull();
    expect(parseSeed(' ')).toBeNull();
    expect(parseSeed('-17')).toBe(-17);
    expect(() => parseSeed('abc')).toThrow(/FC_SEED/);
    expect(replayHint(42, 'tests/unit/queue/kpi.test.ts', 'a "quoted" name')).toBe(
      'fast-check seed 42 — replay: FC_SEED=42 npx vitest run tests/unit/queue/kpi.test.ts -t "a \\"quoted\\" name"',
    );
  });
});
