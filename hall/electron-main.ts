/*
 * Electron entry point (bundled to out/electron/main.cjs by scripts/build-electron.ts).
 * Thin on purpose: the shell is in main/electron/shell.ts, which the unit tests drive with a fake
 * electron; this entry sits above main/ and central/ so it can hand the shell the one-PC demo hall
 * (a station with an embedded central) without main/ importing central/. It also sets up what a
 * PC in a hall needs around the shell: the log and crash dumps under userData, the first-run
 * station chooser, the login item of kiosks and displays, and updates from the hall's intranet.
 */
import path from 'node:path';
import { app, crashReporter, dialog } from 'electron';
import { runStationShell } from '../main/electron/shell';
import { chooseStationType } from '../main/electron/first-run';
import { applyLoginItem } from '../main/electron/login-item';
import { updateFeedUrl } from '../main/electron/updates';
import { startAutoUpdates } from '../main/electron/auto-updates';
import { CRASH_DIR_NAME, installCrashCapture } from '../node/log/crash-capture';
import { createLogger, logDirOf, memoryLogger, type HallLogger } from '../node/log/logger';
import { startDemoHall } from './demo-hall';

const userData = process.env.HALL_CONSOLE_USER_DATA
  ? path.resolve(process.env.HALL_CONSOLE_USER_DATA)
  : app.getPath('userData');

// Native crashes (renderer, GPU, main) leave minidumps beside the JavaScript crash dumps; nothing is uploaded.
app.setPath('crashDumps', path.join(userData, CRASH_DIR_NAME));
crashReporter.start({ uploadToServer: false, compress: true });

// The file logger opens asynchronously; the first lines (before it is ready) go to the console and memory.
let logger: HallLogger = memoryLogger();
const log = (line: string): void => {
  logger.line(line);
  if (!logger.dir) console.error(`[hall-console] ${line}`);
};
void createLogger({ name: 'electron-main', dir: logDirOf(userData), console: !app.isPackaged }).then(
  (fileLogger) => {
    for (const early of logger.recent(200)) fileLogger[early.level](early.message);
    logger = fileLogger;
    installCrashCapture({ program: 'electron-main', dataDir: userData, version: app.getVersion(), logger });
  },
  (e: unknown) => console.error(`[hall-console] no log file: ${e instanceof Error ? e.message : String(e)}`),
);
app.on('will-quit', () => void logger.close());

/** recentErrors must see the file logger once it exists, so the shell gets a view that follows it. */
const currentLogger: HallLogger = {
  get dir() {
    return logger.dir;
  },
  debug: (m, f) => logger.debug(m, f),
  info: (m, f) => logger.info(m, f),
  warn: (m, f) => logger.warn(m, f),
  error: (m, f) => logger.error(m, f),
  fatal: (m, f) => logger.fatal(m, f),
  line: log,
  recent: (limit) => logger.recent(limit),
  flushSync: () => logger.flushSync(),
  close: () => logger.close(),
};

runStationShell({
  baseDir: __dirname,
  log,
  logger: currentLogger,
  // Only an installed console asks; `npm start` writes its own station.json (the demo hall).
  chooseStationType: app.isPackaged ? (file) => chooseStationType(dialog, file) : undefined,
  onConfigured: (config) => {
    applyLoginItem(app, config, log);
    const feed = updateFeedUrl(config.updateUrl);
    if (feed) startAutoUpdates(app, feed, log);
  },
  startDemoHall: async ({ dataDir, log, logger }) => {
    const demo = await startDemoHall({ dataDir, stations: [{ name: 'station' }], discoverDevices: true, log, logger });
    return { host: demo.stations.station!, close: () => demo.close() };
  },
});
