/*
 * Updates from the hall's intranet: station.json's `updateUrl` is a plain HTTP(S) directory where
 * the IT staff put the installer and electron-builder's `latest.yml` (electron-updater's generic
 * provider). The decisions live here, without Electron, so they are tested against a real HTTP
 * server; main/electron/auto-updates.ts is the thin glue to electron-updater.
 */

/** The feed directory URL (always ending in /), or null when none is configured or it is not http(s). */
export function updateFeedUrl(updateUrl: string | undefined): string | null {
  if (!updateUrl) return null;
  let url: URL;
  try {
    url = new URL(updateUrl);
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  if (!url.pathname.endsWith('/')) url.pathname += '/';
  url.search = '';
  url.hash = '';
  return url.href;
}

/** The channel file electron-builder writes for a platform. */
export const channelFile = (platform: NodeJS.Platform | string): string =>
  platform === 'linux' ? 'latest-linux.yml' : platform === 'darwin' ? 'latest-mac.yml' : 'latest.yml';

export interface LatestRelease {
  version: string;
  path: string | null;
  sha512: string | null;
  releaseDate: string | null;
}

const scalar = (text: string, key: string): string | null => {
  const m = new RegExp(`^${key}:[ \\t]*(.*)$`, 'm').exec(text);
  if (!m) return null;
  const raw = m[1]!.trim();
  return raw.replace(/^(['"])(.*)\1$/, '$2') || null;
};

/** The top-level fields of a latest.yml that decide an update (a flat YAML mapping). */
export function parseLatestYml(text: string): LatestRelease | null {
  const version = scalar(text, 'version');
  if (!version || !SEMVER.test(version)) return null;
  return {
    version,
    path: scalar(text, 'path'),
    sha512: scalar(text, 'sha512'),
    releaseDate: scalar(text, 'releaseDate'),
  };
}

const SEMVER = /^v?(\d+)\.(\d+)\.(\d+)(?:-([0-9A-Za-z.-]+))?(?:\+[0-9A-Za-z.-]+)?$/;

/** Semantic-version order: -1, 0, 1 (a pre-release sorts before its release). */
export function compareVersions(a: string, b: string): -1 | 0 | 1 {
  const pa = SEMVER.exec(a);
  const pb = SEMVER.exec(b);
  if (!pa || !pb) throw new RangeError(`not a version: ${pa ? b : a}`);
  for (let i = 1; i <= 3; i++) {
    const d = Number(pa[i]) - Number(pb[i]);
    if (d !== 0) return d < 0 ? -1 : 1;
  }
  const [ra, rb] = [pa[4], pb[4]];
  if (ra === rb) return 0;
  if (ra === undefined) return 1;
  if (rb === undefined) return -1;
  const xs = ra.split('.');
  const ys = rb.split('.');
  for (let i = 0; i < Math.max(xs.length, ys.length); i++) {
    const [x, y] = [xs[i], ys[i]];
    if (x === undefined) return -1;
    if (y === undefined) return 1;
    if (x === y) continue;
    const [nx, ny] = [/^\d+$/.test(x) ? Number(x) : null, /^\d+$/.test(y) ? Number(y) : null];
    if (nx !== null && ny !== null) return nx < ny ? -1 : 1;
    if (nx !== null) return -1;
    if (ny !== null) return 1;
    return x < y ? -1 : 1;
  }
  return 0;
}

export type UpdateDecision =
  { action: 'install'; version: string } | { action: 'none'; reason: 'current' | 'newer-installed' };

/** Install only what is newer: a hall never downgrades because someone put an old file on the share. */
export function decideUpdate(current: string, latest: LatestRelease): UpdateDecision {
  const order = compareVersions(latest.version, current);
  if (order > 0) return { action: 'install', version: latest.version };
  return { action: 'none', reason: order === 0 ? 'current' : 'newer-installed' };
}

export type FeedCheck = UpdateDecision | { action: 'error'; message: string };

/** Reads the feed's channel file and decides, without downloading anything else. */
export async function checkFeed(
  feedUrl: string,
  current: string,
  platform: NodeJS.Platform | string,
  fetchImpl: typeof fetch = fetch,
): Promise<FeedCheck> {
  const url = new URL(channelFile(platform), feedUrl).href;
  let res: Response;
  try {
    res = await fetchImpl(url, { signal: AbortSignal.timeout(15_000), headers: { 'cache-control': 'no-cache' } });
  } catch (e) {
    return { action: 'error', message: `${url}: ${e instanceof Error ? e.message : String(e)}` };
  }
  if (!res.ok) return { action: 'error', message: `${url}: HTTP ${res.status}` };
  const latest = parseLatestYml(await res.text());
  if (!latest) return { action: 'error', message: `${url}: no version in the file` };
  return decideUpdate(current, latest);
}
