/*
 * Electron entry point (bundled to out/electron/main.cjs by scripts/build-electron.ts).
 * Thin on purpose: the shell is in main/electron/shell.ts, which the unit tests drive with a fake
 * electron; this entry sits above main/ and central/ so it can hand the shell the one-PC demo hall
 * (a station with an embedded central) without main/ importing central/.
 */
import { runStationShell } from '../main/electron/shell';
import { startDemoHall } from './demo-hall';

runStationShell({
  baseDir: __dirname,
  startDemoHall: async ({ dataDir, log }) => {
    const demo = await startDemoHall({ dataDir, stations: [{ name: 'station' }], discoverDevices: true, log });
    return { host: demo.stations.station!, close: () => demo.close() };
  },
});
