import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createLogger } from '../../../node/log/logger';

const dirs: string[] = [];
afterEach(() => {
  vi.restoreAllMocks();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
const tempDir = () => {
  const d = mkdtempSync(path.join(tmpdir(), 'hall-log-'));
  dirs.push(d);
  return d;
};
const linesIn = (dir: string) =>
  readdirSync(dir)
    .filter((f) => f.endsWith('.log'))
    .flatMap((f) => readFileSync(path.join(dir, f), 'utf8').trim().split('\n'))
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Record<string, unknown>);

describe('createLogger', () => {
  it('writes JSON lines with time, level and program to a dated, numbered file', async () => {
    vi.spyOn(console, 'log').mockImplementation(() => {});
    const dir = tempDir();
    const logger = await createLogger({ name: 'station', dir });
    logger.info('station ready', { port: 8080 });
    await logger.close();
    const [file] = readdirSync(dir);
    expect(file).toMatch(/^station\.\d{4}-\d{2}-\d{2}\.1\.log$/);
    const [line] = linesIn(dir);
    expect(line).toMatchObject({ level: 'info', program: 'station', msg: 'station ready', port: 8080 });
    expect(new Date(line!.time as string).getTime()).toBeGreaterThan(Date.now() - 60_000);
  });

  it('redacts personal data in messages and in fields before anything is written or kept', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const dir = tempDir();
    const logger = await createLogger({ name: 'station', dir });
    logger.warn('lookup of 11010519491231002X failed', { customer: { name: '张三', phone: '13812345678' } });
    await logger.close();
    const text = readdirSync(dir)
      .map((f) => readFileSync(path.join(dir, f), 'utf8'))
      .join('');
    for (const secret of ['11010519491231002X', '张三', '13812345678']) expect(text).not.toContain(secret);
    expect(logger.recent()[0]!.message).toBe('lookup of [id-number] failed');
  });

  it('levels from the words of a service line; recent() keeps only warnings and errors, newest last', async () => {
    const err = vi.spyOn(console, 'error').mockImplementation(() => {});
    const out = vi.spyOn(console, 'log').mockImplementation(() => {});
    const logger = await createLogger({ name: 'station', keepRecent: 2 });
    logger.line('station ready');
    logger.line('printer 10.0.0.5:9100 not reachable: ECONNREFUSED');
    logger.line('backup failed: ENOSPC');
    logger.line('internal error in queue.snapshot: boom');
    expect(logger.recent(10).map((r) => [r.level, r.message])).toEqual([
      ['warn', 'backup failed: ENOSPC'],
      ['error', 'internal error in queue.snapshot: boom'],
    ]);
    expect(logger.recent(1)).toHaveLength(1);
    // The console sees the same words: info on stdout, warnings and errors on stderr.
    expect(out.mock.calls.map((c) => c[0])).toEqual(['station ready']);
    expect(err.mock.calls).toHaveLength(3);
    expect(logger.dir).toBeNull();
  });

  it('rolls to a new numbered file past its size', async () => {
    const dir = tempDir();
    const logger = await createLogger({ name: 'central', dir, size: '1k', console: false });
    for (let i = 0; i < 40; i++) {
      logger.info(`line ${i} ${'x'.repeat(100)}`);
      // pino-roll rolls once a write has drained, as a busy host's writes do between requests.
      await new Promise((r) => setTimeout(r, 5));
    }
    await logger.close();
    const files = readdirSync(dir).filter((f) => f.endsWith('.log'));
    expect(files.length).toBeGreaterThan(1);
    expect(linesIn(dir)).toHaveLength(40);
  });
});
