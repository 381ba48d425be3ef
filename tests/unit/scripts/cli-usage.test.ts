import { spawn } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { nodeBinCommand } from '../../../scripts/node-bin';

/*
 * Every command-line tool, started as a user starts it (Node + tsx, no shell): --help prints its
 * usage and exits 0; a flag that does not exist prints exactly one line and exits 2, before
 * anything is built, seeded or listened on.
 */
const ROOT = path.resolve(import.meta.dirname, '../../..');

const CLIS: [name: string, entry: string][] = [
  ['npm start', 'scripts/start.ts'],
  ['npm run serve', 'scripts/serve.ts'],
  ['npm run central', 'central/cli.ts'],
  ['npm run seed', 'scripts/seed.ts'],
  ['npm run bench', 'bench/run.ts'],
  ['npm run devices', 'scripts/devices.ts'],
  ['npm run dist', 'scripts/dist.ts'],
];

function run(entry: string, args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const [command, commandArgs] = nodeBinCommand('tsx', [entry, ...args]);
  return new Promise((resolve, reject) => {
    const child = spawn(command, commandArgs, { cwd: ROOT, env: { ...process.env, FORCE_COLOR: '0' } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe.each(CLIS)('%s', (name, entry) => {
  it('--help prints the usage and exits 0', async () => {
    const r = await run(entry, ['--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^usage: /);
    expect(r.stdout).toContain(`${name} --`);
    expect(r.stdout).toContain('--help');
  });

  it('a bad flag prints one line and exits 2', async () => {
    const r = await run(entry, ['--no-such-flag']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toEqual([
      `${name} --: Unknown option '--no-such-flag' (${name} -- --help lists the options)`,
    ]);
  });
});
