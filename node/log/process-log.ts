import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { installCrashCapture } from './crash-capture';
import { createLogger, logDirOf, type HallLogger, type LoggerOptions } from './logger';

/** The app's version from the package.json nearest the running code (packaged or not). */
export function appVersion(from: string = path.dirname(fileURLToPath(import.meta.url))): string {
  let dir = from;
  for (let i = 0; i < 6; i++) {
    try {
      const pkg = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as {
        name?: string;
        version?: string;
      };
      if (pkg.name === 'hall-console' && pkg.version) return pkg.version;
    } catch {
      // not here; look one directory up
    }
    dir = path.dirname(dir);
  }
  return '0.0.0';
}

/**
 * What a program's entry point does first: its logger writing to `<dataDir>/logs/<name>*.log` and
 * crash capture writing to `<dataDir>/crashes/`.
 */
export async function startProcessLog(
  options: { dataDir: string; name: string } & Omit<LoggerOptions, 'dir' | 'name'>,
): Promise<HallLogger> {
  const { dataDir, ...rest } = options;
  const logger = await createLogger({ ...rest, dir: logDirOf(dataDir) });
  installCrashCapture({ program: options.name, dataDir, version: appVersion(), logger });
  return logger;
}
