import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { HallLogger } from './logger';
import { redactText } from './redact';

/**
 * An uncaught exception or an unhandled rejection leaves a dump in `<data>/crashes/` (what
 * failed, where, and the state of the process — redacted like the log) and a fatal log line, then
 * the process exits 1: its state is unknown, and a supervisor (or the person at the PC) restarts it.
 */

export const CRASH_DIR_NAME = 'crashes';
const CLOSE_WAIT_MS = 1000;

export interface CrashDump {
  time: string;
  program: string;
  kind: 'uncaughtException' | 'unhandledRejection';
  error: string;
  stack: string | null;
  version: string;
  versions: { node: string; electron?: string };
  platform: string;
  uptimeSeconds: number;
  memory: NodeJS.MemoryUsage;
}

export function crashDump(
  program: string,
  kind: CrashDump['kind'],
  reason: unknown,
  version: string,
  now: Date = new Date(),
): CrashDump {
  const error = reason instanceof Error ? `${reason.name}: ${reason.message}` : String(reason);
  const stack = reason instanceof Error && reason.stack ? reason.stack : null;
  return {
    time: now.toISOString(),
    program,
    kind,
    error: redactText(error),
    stack: stack === null ? null : redactText(stack),
    version,
    versions: {
      node: process.versions.node,
      ...(process.versions.electron ? { electron: process.versions.electron } : {}),
    },
    platform: `${process.platform}-${process.arch}`,
    uptimeSeconds: Math.round(process.uptime()),
    memory: process.memoryUsage(),
  };
}

/** Writes the dump; returns its path (null when even that failed: the disk may be the problem). */
export function writeCrashDump(crashDir: string, dump: CrashDump): string | null {
  try {
    mkdirSync(crashDir, { recursive: true });
    const file = path.join(crashDir, `${dump.program}-${dump.time.replace(/[:.]/g, '-')}-${process.pid}.json`);
    writeFileSync(file, `${JSON.stringify(dump, null, 2)}\n`);
    return file;
  } catch {
    return null;
  }
}

export interface CrashCaptureOptions {
  program: string;
  dataDir: string;
  version: string;
  logger?: HallLogger;
  exit?: (code: number) => void;
}

/** Installs the handlers; returns a function that removes them. */
export function installCrashCapture(options: CrashCaptureOptions): () => void {
  const crashDir = path.join(options.dataDir, CRASH_DIR_NAME);
  const exit = options.exit ?? ((code: number) => process.exit(code));
  const handle = (kind: CrashDump['kind']) => (reason: unknown) => {
    const dump = crashDump(options.program, kind, reason, options.version);
    const file = writeCrashDump(crashDir, dump);
    const line = `${kind}: ${dump.error}${file ? ` (crash dump ${file})` : ' (no crash dump could be written)'}`;
    if (!options.logger) {
      console.error(line);
      return exit(1);
    }
    options.logger.fatal(line);
    options.logger.flushSync();
    // A write may still be in flight (flushSync cannot take over one): give the file a moment, no more.
    const settled = new Promise((resolve) => setTimeout(resolve, CLOSE_WAIT_MS));
    void Promise.race([options.logger.close(), settled]).finally(() => exit(1));
  };
  const onException = handle('uncaughtException');
  const onRejection = handle('unhandledRejection');
  process.on('uncaughtException', onException);
  process.on('unhandledRejection', onRejection);
  return () => {
    process.off('uncaughtException', onException);
    process.off('unhandledRejection', onRejection);
  };
}
