import { spawnSync } from 'node:child_process';
import config from '../electron.config';
import { electronBinaryPath } from './electron-available';

/*
 * `npm run dist`: builds, then packages the app with electron-builder — NSIS on
 * Windows, AppImage + deb on Linux, for the platform it runs on unless `--win` / `--linux` is given.
 * Fuses are flipped by electron-builder itself (electronFuses in electron.config.ts).
 */

if (!electronBinaryPath()) {
  console.error(
    'Electron binary not installed: `npm run dist` needs it; run `npm install` on a machine with internet access.',
  );
  process.exit(1);
}

// Build the renderer and the Electron bundles only once we know they can be packaged.
for (const args of [
  ['vite', 'build', '--logLevel', 'warn'],
  ['tsx', 'scripts/build-electron.ts'],
]) {
  if (spawnSync('npx', args, { stdio: 'inherit' }).status !== 0) process.exit(1);
}

const { build } = await import('electron-builder');
const args = process.argv.slice(2);
const platforms = {
  ...(args.includes('--win') ? { win: [] as string[] } : {}),
  ...(args.includes('--linux') ? { linux: [] as string[] } : {}),
};

try {
  const artifacts = await build({ config, publish: 'never', ...platforms });
  for (const artifact of artifacts) console.log(artifact);
} catch (e) {
  console.error(e instanceof Error ? e.message : String(e));
  process.exit(1);
}
