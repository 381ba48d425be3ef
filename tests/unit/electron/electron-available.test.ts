import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { electronBinaryPath, findElectronBinary, type ElectronProbe } from '../../../scripts/electron-available';

const pkg = path.resolve('/repo/node_modules/electron');

function probe(files: Record<string, string>, overrides: Partial<ElectronProbe> = {}): ElectronProbe {
  return {
    packageDir: () => pkg,
    env: {},
    exists: (file) => Object.hasOwn(files, file),
    read: (file) => files[file] ?? '',
    isExecutable: () => true,
    runs: vi.fn(() => true),
    ...overrides,
  };
}

describe('electronBinaryPath', () => {
  const binary = path.join(pkg, 'dist', 'electron');
  const installed = { [path.join(pkg, 'path.txt')]: 'electron', [binary]: '' };

  it('finds the binary named by path.txt in dist/', () => {
    expect(electronBinaryPath(probe(installed))).toBe(binary);
  });

  it('is null when the package is absent (as on machines without download access)', () => {
    expect(electronBinaryPath(probe(installed, { packageDir: () => null }))).toBeNull();
  });

  it('is null when the postinstall never fetched the binary (no path.txt, or no dist/)', () => {
    expect(findElectronBinary(probe({}))).toBeNull();
    expect(findElectronBinary(probe({ [path.join(pkg, 'path.txt')]: 'electron' }))).toBeNull();
  });

  it('is null when the binary is not executable or does not start here', () => {
    expect(electronBinaryPath(probe(installed, { isExecutable: () => false }))).toBeNull();
    expect(electronBinaryPath(probe(installed, { runs: () => false }))).toBeNull();
  });

  it('honours ELECTRON_OVERRIDE_DIST_PATH like the electron package does', () => {
    const override = path.resolve('/opt/electron-dist');
    const p = probe(
      { [path.join(pkg, 'path.txt')]: 'electron\n', [path.join(override, 'electron')]: '' },
      { env: { ELECTRON_OVERRIDE_DIST_PATH: override } },
    );
    expect(electronBinaryPath(p)).toBe(path.join(override, 'electron'));
  });

  it('answers on this machine without throwing (and without trying to download)', () => {
    const result = electronBinaryPath();
    expect(result === null || typeof result === 'string').toBe(true);
  });
});
