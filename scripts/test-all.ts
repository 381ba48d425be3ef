import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { nodeBinCommand, npmCommand } from './node-bin';

/**
 * `npm test`: every tier that runs here — lint, typecheck, unit + integration (Vitest), then the
 * browser e2e (Playwright + Debian Chromium) — and one closing line with the totals.
 */
interface Tier {
  name: string;
  /** Command and arguments, spawned without a shell (node-bin.ts: the same on Windows). */
  run: [string, string[]];
  report?: string;
}
const tiers: Tier[] = [
  { name: 'lint', run: npmCommand(['run', '--silent', 'lint']) },
  { name: 'typecheck', run: npmCommand(['run', '--silent', 'typecheck']) },
  {
    name: 'unit+integration',
    run: nodeBinCommand('vitest', [
      'run',
      '--reporter=default',
      '--reporter=json',
      '--outputFile.json=test-results/vitest.json',
    ]),
    report: 'test-results/vitest.json',
  },
  { name: 'build', run: nodeBinCommand('vite', ['build', '--logLevel', 'warn']) },
  {
    name: 'e2e',
    run: nodeBinCommand('@playwright/test', ['test'], 'playwright'),
    report: 'test-results/playwright.json',
  },
];

let passed = 0;
let failed = 0;
let skipped = 0;
const failedTiers: string[] = [];
fs.mkdirSync('test-results', { recursive: true });

for (const t of tiers) {
  const [cmd, args] = t.run;
  console.log(`\n=== ${t.name}: ${args.join(' ')}`);
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, FORCE_COLOR: '0' } });
  if (r.status !== 0) failedTiers.push(t.name);
  if (t.report && fs.existsSync(t.report)) {
    const j = JSON.parse(fs.readFileSync(t.report, 'utf8'));
    if (t.name === 'e2e') {
      passed += j.stats?.expected ?? 0;
      failed += (j.stats?.unexpected ?? 0) + (j.stats?.flaky ?? 0);
      skipped += j.stats?.skipped ?? 0;
    } else {
      passed += j.numPassedTests ?? 0;
      failed += j.numFailedTests ?? 0;
      skipped += (j.numPendingTests ?? 0) + (j.numTodoTests ?? 0);
    }
  } else if (t.report) {
    failed += 1;
  }
}

if (failedTiers.length) console.log(`\nfailed tiers: ${failedTiers.join(', ')}`);
console.log(`\n${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failedTiers.length || failed ? 1 : 0);
