import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type BuildOptions, type BuildResult } from 'esbuild';

/*
 * Bundles the Electron side (the renderer is vite's: out/renderer):
 *   hall/electron-main.ts → out/electron/main.cjs      Node (Electron main), CJS
 *   preload/preload.ts    → out/electron/preload.cjs  sandboxed preload: everything inlined but electron
 *   main/storage/worker.ts → out/electron/worker.cjs  the storage worker thread (when present)
 * Native modules stay external (they are loaded from node_modules, unpacked from the asar).
 */

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Electron 45 ships Node 22 and Chromium 140. */
const NODE_TARGET = 'node22';
const CHROME_TARGET = 'chrome140';
export const NATIVE_EXTERNALS = [
  'electron',
  // Loaded from the shipped node_modules only when an update feed is configured (it is large and reads its own files).
  'electron-updater',
  'better-sqlite3',
  'node-hid',
  'serialport',
  '@serialport/*',
  'bufferutil',
  'utf-8-validate',
];

/** ESM sources read `import.meta.url`; in a CJS bundle it is the bundle file's own URL. */
const importMetaShim = {
  banner: { js: "const __import_meta_url = require('node:url').pathToFileURL(__filename).href;" },
  define: { 'import.meta.url': '__import_meta_url' },
};

export interface ElectronBuildOptions {
  root?: string;
  outDir?: string;
  /** Which bundles to build (default: all that exist). */
  only?: readonly ('main' | 'preload' | 'worker')[];
  minify?: boolean;
  sourcemap?: boolean;
}

export function electronBundles(
  options: ElectronBuildOptions = {},
): Record<'main' | 'preload' | 'worker', BuildOptions> {
  const root = options.root ?? repoRoot;
  const outDir = options.outDir ?? path.join(root, 'out', 'electron');
  const common: BuildOptions = {
    bundle: true,
    format: 'cjs',
    logLevel: 'warning',
    minify: options.minify ?? false,
    sourcemap: options.sourcemap ?? true,
    legalComments: 'none',
    absWorkingDir: root,
  };
  const node: BuildOptions = {
    ...common,
    ...importMetaShim,
    platform: 'node',
    target: NODE_TARGET,
    external: NATIVE_EXTERNALS,
  };
  return {
    main: { ...node, entryPoints: [path.join(root, 'hall/electron-main.ts')], outfile: path.join(outDir, 'main.cjs') },
    worker: {
      ...node,
      entryPoints: [path.join(root, 'main/storage/worker.ts')],
      outfile: path.join(outDir, 'worker.cjs'),
    },
    // A sandboxed preload gets a tiny `require` that knows 'electron' and a few polyfills, no Node:
    // bundle as browser code so any node:* import fails the build instead of failing at run time.
    preload: {
      ...common,
      platform: 'browser',
      target: CHROME_TARGET,
      external: ['electron'],
      entryPoints: [path.join(root, 'preload/preload.ts')],
      outfile: path.join(outDir, 'preload.cjs'),
    },
  };
}

export async function buildElectron(options: ElectronBuildOptions = {}): Promise<Record<string, BuildResult>> {
  const root = options.root ?? repoRoot;
  const bundles = electronBundles(options);
  const wanted = options.only ?? (['main', 'preload', 'worker'] as const);
  const results: Record<string, BuildResult> = {};
  for (const name of wanted) {
    const config = bundles[name];
    const entry = (config.entryPoints as string[])[0];
    if (name === 'worker' && !existsSync(entry)) continue;
    results[name] = await build({ ...config, metafile: true });
    if (!options.only) console.log(`built ${path.relative(root, config.outfile ?? '')}`);
  }
  return results;
}

const invokedDirectly =
  process.argv[1] !== undefined && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (invokedDirectly) {
  buildElectron({ minify: process.argv.includes('--minify') }).catch((e: unknown) => {
    console.error(e instanceof Error ? e.message : String(e));
    process.exit(1);
  });
}
