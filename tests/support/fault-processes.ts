import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { createInterface } from 'node:readline';
export { freePort } from './postgres';

/**
 * Real processes for the kill -9 suite: the central through its `npm run central` entry point
 * (central/cli.ts) and a station through tests/faults/fixtures/station-process.ts, both under tsx,
 * killed with SIGKILL and restarted on the same data directory.
 */
const ROOT = path.resolve(import.meta.dirname, '../..');
const TSX = ['--import', 'tsx'];

/** A child speaking in lines; `next` returns the first matching line after the last one it returned. */
export class LineProcess {
  readonly lines: string[] = [];
  private read = 0;
  private readonly waiters: { match(l: string): boolean; resolve(l: string): void }[] = [];
  readonly exited: Promise<number | null>;
  private dead = false;

  constructor(
    readonly name: string,
    readonly child: ChildProcess,
  ) {
    createInterface({ input: child.stdout! }).on('line', (line) => {
      this.lines.push(line);
      const w = this.waiters[0];
      if (w?.match(line)) {
        this.waiters.shift();
        this.read = this.lines.length;
        w.resolve(line);
      }
    });
    const stderr: string[] = [];
    child.stderr!.on('data', (c: Buffer) => stderr.push(c.toString()));
    this.exited = new Promise((resolve) =>
      child.on('exit', (code) => {
        this.dead = true;
        for (const w of this.waiters.splice(0)) w.resolve(`EXITED ${code} ${stderr.join('').slice(-2000)}`);
        resolve(code);
      }),
    );
  }

  get alive(): boolean {
    return !this.dead;
  }

  next(match: (line: string) => boolean, timeoutMs = 60_000): Promise<string> {
    return new Promise((resolve, reject) => {
      const t = setTimeout(
        () =>
          reject(
            new Error(
              `${this.name}: no matching line within ${timeoutMs} ms; last lines: ${this.lines.slice(-5).join(' | ')}`,
            ),
          ),
        timeoutMs,
      );
      const done = (l: string) => {
        clearTimeout(t);
        if (l.startsWith('EXITED')) reject(new Error(`${this.name} ${l}`));
        else resolve(l);
      };
      for (let i = this.read; i < this.lines.length; i++) {
        if (!match(this.lines[i]!)) continue;
        this.read = i + 1;
        return done(this.lines[i]!);
      }
      this.read = this.lines.length;
      if (this.dead) return done('EXITED (already)');
      this.waiters.push({ match, resolve: done });
    });
  }

  send(msg: unknown): void {
    this.child.stdin!.write(`${JSON.stringify(msg)}\n`);
  }

  /** SIGKILL, and wait until the OS has reaped it (its files and port are then free). */
  async kill9(): Promise<void> {
    if (this.dead) return;
    this.child.kill('SIGKILL');
    await this.exited;
  }
}

export async function startCentralProcess(
  dataDir: string,
  port: number,
  issueCodeFor?: string,
): Promise<{ proc: LineProcess; url: string; code: string | null }> {
  const args = [
    ...TSX,
    'central/cli.ts',
    '--port',
    String(port),
    '--data-dir',
    dataDir,
    ...(issueCodeFor ? ['--issue-code', issueCodeFor] : []),
  ];
  const proc = new LineProcess(
    'central',
    spawn(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] }),
  );
  const codeLine = issueCodeFor ? await proc.next((l) => l.includes('enrollment code')) : null;
  const ready = await proc.next((l) => l.includes('central ready'));
  return {
    proc,
    url: /(http:\/\/[\d.:]+)/.exec(ready)![1]!,
    code: codeLine ? /: ([A-Z2-9]{8}) /.exec(codeLine)![1]! : null,
  };
}

export async function startStationProcess(
  dataDir: string,
  centralUrl: string,
  enrollCode?: string,
): Promise<LineProcess> {
  const args = [
    ...TSX,
    'tests/faults/fixtures/station-process.ts',
    dataDir,
    centralUrl,
    ...(enrollCode ? [enrollCode] : []),
  ];
  const proc = new LineProcess(
    'station',
    spawn(process.execPath, args, { cwd: ROOT, stdio: ['pipe', 'pipe', 'pipe'] }),
  );
  await proc.next((l) => l.includes('"ev":"ready"'));
  return proc;
}
