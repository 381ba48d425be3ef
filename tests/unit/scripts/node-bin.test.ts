import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { binScript, nodeBinCommand, npmCommand } from '../../../scripts/node-bin';

/** Scripts start package commands as `node <bin script>`: no npx.cmd/npm.cmd shim, so no shell, on Windows too. */
describe('node-bin', () => {
  it('finds the bin scripts the project runs', () => {
    for (const [pkg, bin] of [
      ['vite', 'vite'],
      ['tsx', undefined],
      ['vitest', 'vitest'],
      ['@playwright/test', 'playwright'],
      ['electron', 'install-electron'],
    ] as const)
      expect(existsSync(binScript(pkg, bin)), `${pkg} ${bin ?? ''}`).toBe(true);
  });

  it('runs them with this Node', () => {
    const [command, args] = nodeBinCommand('vite', ['build']);
    expect(command).toBe(process.execPath);
    expect(args.slice(-1)).toEqual(['build']);
  });

  it('a bin that does not exist is a clear error', () => {
    expect(() => binScript('vite', 'nope')).toThrow('vite has no bin named nope');
  });

  it('npm through the npm CLI that started us, else the platform shim', () => {
    expect(npmCommand(['run', 'lint'], { npm_execpath: '/usr/lib/node_modules/npm/bin/npm-cli.js' })).toEqual([
      process.execPath,
      ['/usr/lib/node_modules/npm/bin/npm-cli.js', 'run', 'lint'],
    ]);
    expect(npmCommand(['test'], {})[1]).toEqual(['test']);
  });
});
