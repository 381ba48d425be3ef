import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { nodeBinCommand } from '../../../scripts/node-bin';

/** A real process that crashes: it must leave a dump in <data>/crashes and a fatal line in its log, and exit 1. */
const ROOT = path.resolve(import.meta.dirname, '../../..');
const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

async function crash(how: 'throw' | 'reject'): Promise<{ code: number | null; dataDir: string }> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'hall-crash-'));
  dirs.push(dataDir);
  const script = path.join(dataDir, 'crasher.mts');
  writeFileSync(
    script,
    `import { startProcessLog } from ${JSON.stringify(path.join(ROOT, 'node/log/process-log.ts'))};
await startProcessLog({ dataDir: ${JSON.stringify(dataDir)}, name: 'station', console: false });
const boom = new Error('customer 11010519491231002X: boom');
setTimeout(() => { ${how === 'throw' ? 'throw boom' : 'void Promise.reject(boom)'}; }, 10);
setTimeout(() => {}, 5000);
`,
  );
  const [command, args] = nodeBinCommand('tsx', [script]);
  const code = await new Promise<number | null>((resolve) => {
    const child = spawn(command, args, { cwd: ROOT, stdio: 'ignore' });
    child.on('close', resolve);
  });
  return { code, dataDir };
}

describe('crash capture', () => {
  it.each(['throw', 'reject'] as const)('%s: a redacted dump, a fatal log line, exit 1', async (how) => {
    const { code, dataDir } = await crash(how);
    expect(code).toBe(1);
    const dumps = readdirSync(path.join(dataDir, 'crashes'));
    expect(dumps).toHaveLength(1);
    const dump = JSON.parse(readFileSync(path.join(dataDir, 'crashes', dumps[0]!), 'utf8'));
    expect(dump).toMatchObject({
      program: 'station',
      kind: how === 'throw' ? 'uncaughtException' : 'unhandledRejection',
      error: 'Error: customer [id-number]: boom',
      versions: { node: process.versions.node },
    });
    expect(dump.stack).toContain('crasher.mts');
    const log = readdirSync(path.join(dataDir, 'logs'))
      .map((f) => readFileSync(path.join(dataDir, 'logs', f), 'utf8'))
      .join('');
    expect(log).toContain('"level":"fatal"');
    expect(log).toContain(dumps[0]);
    expect(JSON.stringify(dump) + log).not.toContain('11010519491231002X');
  });
});
