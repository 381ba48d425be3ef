/*
 * Electron entry point (bundled to out/electron/main.cjs by scripts/build-electron.ts).
 * Thin on purpose: everything is in shell.ts, which the unit tests drive with a fake electron.
 */
import { runStationShell } from './shell';

runStationShell({ baseDir: __dirname });
