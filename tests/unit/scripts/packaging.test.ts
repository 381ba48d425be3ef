import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { builtinModules } from 'node:module';
import path from 'node:path';
import { PNG } from 'pngjs';
import { afterAll, describe, expect, it } from 'vitest';
import config from '../../../electron.config';
import pkg from '../../../package.json' with { type: 'json' };
import { buildElectron } from '../../../scripts/build-electron';

/*
 * What the installer ships: electron-builder copies package.json's `dependencies` into the app's
 * node_modules. They must be exactly the packages the built main and worker bundles still require
 * at run time — a missing one crashes the installed app, an extra one is dead weight (and attack
 * surface) on every hall PC.
 */
const ROOT = path.resolve(import.meta.dirname, '../../..');
const repoOut = path.join(ROOT, 'out');
mkdirSync(repoOut, { recursive: true });
const outDir = mkdtempSync(path.join(repoOut, 'test-packaging-'));
afterAll(() => rmSync(outDir, { recursive: true, force: true }));

const BUILTINS = new Set([...builtinModules, ...builtinModules.map((m) => `node:${m}`)]);
/** Required inside try/catch by ws, present or not: optional speed-ups, never shipped. */
const OPTIONAL = new Set(['bufferutil', 'utf-8-validate']);

const packageOf = (specifier: string): string =>
  specifier.startsWith('@') ? specifier.split('/').slice(0, 2).join('/') : specifier.split('/')[0]!;

describe('packaging', () => {
  it('dependencies are exactly what the bundles require at run time', async () => {
    await buildElectron({ outDir, only: ['main', 'worker'], sourcemap: false });
    const required = new Set<string>();
    for (const bundle of ['main.cjs', 'worker.cjs']) {
      const code = readFileSync(path.join(outDir, bundle), 'utf8');
      // require("x"), and import("x") for what loads only when needed (electron-updater).
      for (const m of code.matchAll(/\b(?:require|import)\("([^"]+)"\)/g)) {
        const name = m[1]!;
        if (!BUILTINS.has(name) && !name.startsWith('.') && !OPTIONAL.has(name)) required.add(packageOf(name));
      }
    }
    required.delete('electron'); // provided by the Electron runtime itself
    expect([...required].sort()).toEqual(Object.keys(pkg.dependencies).sort());
  }, 60_000);

  it('the three native modules are unpacked from the asar; nothing is compiled at packaging', () => {
    expect(config.asarUnpack).toContain('**/*.node');
    expect(config.npmRebuild).toBe(false);
  });

  it('fuses: asar integrity checked, the app only from the asar, no Node mode or inspector', () => {
    expect(config.electronFuses).toMatchObject({
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      runAsNode: false,
      enableNodeCliInspectArguments: false,
      enableNodeOptionsEnvironmentVariable: false,
    });
  });

  it('Windows: an NSIS installer for the whole machine', () => {
    expect(config.win?.target).toEqual([{ target: 'nsis', arch: ['x64'] }]);
    expect(config.nsis).toMatchObject({ perMachine: true, oneClick: false });
  });

  it('the icon is a 512×512 PNG with transparent corners', () => {
    const png = PNG.sync.read(readFileSync(path.join(ROOT, config.icon as string)));
    expect([png.width, png.height]).toEqual([512, 512]);
    expect(png.data[3]).toBe(0);
  });
});
