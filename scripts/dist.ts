import { parseCommandLine } from '../node/cli/command-line';
import { ensureElectronHere } from './electron-install';
import { ensureBuildsFresh } from './renderer-build';

/*
 * `npm run dist`: builds, then packages the app with electron-builder — NSIS on Windows, AppImage +
 * deb on Linux, for the platform it runs on unless `--win` / `--linux` is given. Fuses are flipped
 * by electron-builder itself (electronFuses in electron.config.ts).
 */
const USAGE = `usage: npm run dist -- [--win] [--linux]
Builds the renderer and the Electron bundles, then the installers into release/:
  --win      the Windows NSIS installer (per-machine)
  --linux    the AppImage and the .deb
  (neither: the installers of the platform this runs on)
  -h, --help   this text`;

const { values } = parseCommandLine({
  name: 'npm run dist --',
  usage: USAGE,
  options: { win: { type: 'boolean' }, linux: { type: 'boolean' } },
});

const electron = await ensureElectronHere();
if (electron.binary === null) {
  console.error(`${electron.reason}, so the installers cannot be built here.`);
  process.exit(1);
}

// Fresh bundles from a clean build: an installer must never ship a stale renderer.
await ensureBuildsFresh({ electron: true });

const { build } = await import('electron-builder');
const { default: config } = await import('../electron.config');
const platforms = {
  ...(values.win ? { win: [] as string[] } : {}),
  ...(values.linux ? { linux: [] as string[] } : {}),
};

try {
  const artifacts = await build({ config, publish: 'never', ...platforms });
  for (const artifact of artifacts) console.log(artifact);
} catch (e) {
  console.error(e instanceof Error ? e.message : String(e));
  process.exit(1);
}
