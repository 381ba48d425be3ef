/** A pseudo-terminal pair from socat, for serial tests (not a test file itself). */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';

export const socatAvailable = spawnSync('which', ['socat']).status === 0;

/** Starts socat and resolves with the two pty paths it reports on stderr. */
export function ptyPair(): Promise<{ a: string; b: string; process: ChildProcess }> {
  return new Promise((resolve, reject) => {
    const child = spawn('socat', ['-d', '-d', 'pty,raw,echo=0', 'pty,raw,echo=0'], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    const paths: string[] = [];
    let log = '';
    child.stderr!.on('data', (chunk: Buffer) => {
      log += chunk.toString();
      for (const match of log.matchAll(/PTY is (\S+)/g)) if (!paths.includes(match[1]!)) paths.push(match[1]!);
      if (paths.length === 2 && /starting data transfer loop/.test(log))
        resolve({ a: paths[0]!, b: paths[1]!, process: child });
    });
    child.once('exit', (code) => reject(new Error(`socat exited (${code}): ${log}`)));
    child.once('error', reject);
  });
}
