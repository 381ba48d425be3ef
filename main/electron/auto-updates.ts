import type { App } from 'electron';
import { checkFeed } from './updates';

/**
 * electron-updater against the hall's intranet feed (generic provider). Our own check decides
 * first (no downgrade, a clear line in the log); electron-updater then downloads, verifies the
 * sha512 and installs when the station quits (at the end of the day), never in a customer's face.
 */
const CHECK_EVERY_MS = 6 * 60 * 60_000;

export function startAutoUpdates(app: App, feedUrl: string, log: (line: string) => void): () => void {
  if (!app.isPackaged) {
    log(`updates: ${feedUrl} configured, but an unpackaged app does not update itself`);
    return () => {};
  }
  let stopped = false;
  const check = async (): Promise<void> => {
    const decision = await checkFeed(feedUrl, app.getVersion(), process.platform);
    if (stopped) return;
    if (decision.action === 'error') return log(`updates: check failed: ${decision.message}`);
    if (decision.action === 'none') return log(`updates: ${app.getVersion()} is ${decision.reason}`);
    log(`updates: ${decision.version} available at ${feedUrl}; downloading, installs when the station quits`);
    const { autoUpdater } = await import('electron-updater');
    autoUpdater.setFeedURL({ provider: 'generic', url: feedUrl });
    autoUpdater.autoDownload = true;
    autoUpdater.autoInstallOnAppQuit = true;
    autoUpdater.allowDowngrade = false;
    autoUpdater.logger = { info: log, warn: log, error: log, debug: () => {} };
    await autoUpdater.checkForUpdates();
  };
  const run = () =>
    void check().catch((e: unknown) => log(`updates: check failed: ${e instanceof Error ? e.message : String(e)}`));
  run();
  const timer = setInterval(run, CHECK_EVERY_MS);
  timer.unref();
  return () => {
    stopped = true;
    clearInterval(timer);
  };
}
