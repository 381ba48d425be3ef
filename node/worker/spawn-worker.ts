import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker, type WorkerOptions } from 'node:worker_threads';

/** The repository's tsconfig: it carries the `@common/*` path alias, whatever the process's cwd. */
const TSCONFIG = fileURLToPath(new URL('../../tsconfig.json', import.meta.url));

/**
 * Start a worker thread from the module `<name>` beside `callerUrl`: its bundled `<name>.cjs` when
 * the caller runs from a bundle (Electron), else its `.ts` source through tsx's loader, registered
 * inside the worker (under tsx or vitest).
 */
export function spawnWorker(callerUrl: string, name: string, options: WorkerOptions): Worker {
  if (!callerUrl.endsWith('.ts')) return new Worker(new URL(`./${name}.cjs`, callerUrl), options);
  const source = new URL(`./${name}.ts`, callerUrl);
  if (!existsSync(fileURLToPath(source))) throw new Error(`worker not found at ${source.href}`);
  const tsx = pathToFileURL(
    createRequire(callerUrl)
      .resolve('tsx/esm/api')
      .replace(/index\.cjs$/, 'index.mjs'),
  ).href;
  const boot = `import(${JSON.stringify(tsx)}).then((m) => { m.register({ tsconfig: ${JSON.stringify(TSCONFIG)} }); return import(${JSON.stringify(source.href)}); })`;
  return new Worker(boot, { ...options, eval: true });
}
