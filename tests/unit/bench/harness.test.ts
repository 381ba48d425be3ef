import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { figure, writeResults } from '../../../bench/harness';

/** A bench run rewrites its own table in BENCHMARKS.md and nothing else. */
describe('writeResults', () => {
  const doc = [
    '# Benchmarks',
    '',
    '## queue',
    '',
    'What the queue bench measures, written by hand.',
    '',
    '<!-- bench:queue:start -->',
    'Measured long ago.',
    '| old table |',
    '<!-- bench:queue:end -->',
    '',
    '## sync',
    '',
    'Sync description.',
    '',
    '<!-- bench:sync:start -->',
    'sync table',
    '<!-- bench:sync:end -->',
    '',
  ].join('\n');

  it('replaces the run bench’s table, keeping its heading, its description and the other benches', () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-harness-'));
    fs.writeFileSync(path.join(root, 'BENCHMARKS.md'), doc);
    writeResults(
      [{ bench: 'queue', figures: [figure('ops', 3931, 'ops/s', { name: 'echo', value: 1000 })] }],
      'npm run bench -- queue',
      root,
    );
    const out = fs.readFileSync(path.join(root, 'BENCHMARKS.md'), 'utf8');
    expect(out).toContain(
      '## queue\n\nWhat the queue bench measures, written by hand.\n\n<!-- bench:queue:start -->\nMeasured ',
    );
    expect(out).toContain('with `npm run bench -- queue`.');
    expect(out).toContain('| ops | 3,931 ops/s | echo: 1,000 ops/s | 3.931× |');
    expect(out).not.toContain('old table');
    expect(out).toContain('Sync description.\n\n<!-- bench:sync:start -->\nsync table\n<!-- bench:sync:end -->');
    expect(out.match(/## queue/g)).toHaveLength(1);
  });

  it('appends a bench that has no section yet under a heading of its own', () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-harness-'));
    fs.writeFileSync(path.join(root, 'BENCHMARKS.md'), doc);
    writeResults([{ bench: 'bundle', figures: [figure('kiosk JS', 64.9, 'KiB')] }], 'npm run bench -- bundle', root);
    const out = fs.readFileSync(path.join(root, 'BENCHMARKS.md'), 'utf8');
    expect(out).toMatch(/## bundle\n\n<!-- bench:bundle:start -->\nMeasured [^\n]+\n\n\| figure/);
    expect(out).toContain('| old table |');
  });
});
