import config from '../electron.config';
import { electronBinaryPath } from './electron-available';

/*
 * `npm run dist` (after `npm run build`): packages the app with electron-builder — NSIS on
 * Windows, AppImage + deb on Linux, for the platform it runs on unless `--win` / `--linux` is given.
 * Fuses are flipped by electron-builder itself (electronFuses in electron.config.ts).
 */

if (!electronBinaryPath()) {
  console.error('Electron binary not installed: `npm run dist` needs it; run `npm install` on a machine with internet access.');
  process.exit(1);
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
