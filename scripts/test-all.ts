import { spawnSync } from 'node:child_process';
import fs from 'node:fs';

/**
 * `npm test`: every tier that runs here — lint, typecheck, unit + integration (Vitest), then the
 * browser e2e (Playwright + Debian Chromium) — and one closing line with the totals.
 */
interface Tier {
  name: string;
  cmd: string;
  args: string[];
  report?: string;
}
const tiers: Tier[] = [
  { name: 'lint', cmd: 'npm', args: ['run', '--silent', 'lint'] },
  { name: 'typecheck', cmd: 'npm', args: ['run', '--silent', 'typecheck'] },
  {
    name: 'unit+integration',
    cmd: 'npx',
    args: ['vitest', 'run', '--reporter=default', '--reporter=json', '--outputFile.json=test-results/vitest.json'],
    report: 'test-results/vitest.json',
  },
  { name: 'build', cmd: 'npx', args: ['vite', 'build', '--logLevel', 'warn'] },
  { name: 'e2e', cmd: 'npx', args: ['playwright', 'test'], report: 'test-results/playwright.json' },
];

let passed = 0;
let failed = 0;
let skipped = 0;
const failedTiers: string[] = [];
fs.mkdirSync('test-results', { recursive: true });

for (const t of tiers) {
  console.log(`\n=== ${t.name}: ${t.cmd} ${t.args.join(' ')}`);
  const r = spawnSync(t.cmd, t.args, { stdio: 'inherit', env: { ...process.env, FORCE_COLOR: '0' } });
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
