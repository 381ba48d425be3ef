import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Browser, LaunchOptions } from '@playwright/test';

/*
 * The one place that knows which Chromium the project drives: the system's (Debian's
 * /usr/bin/chromium, or Chrome/Edge on Windows), never a browser Playwright downloads.
 * CHROMIUM_PATH overrides it. Playwright's config, the benches and the icon script all use it.
 */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Where Chromium-family browsers install themselves, per platform, in order of preference. */
export function chromiumCandidates(platform: NodeJS.Platform, env: NodeJS.ProcessEnv): string[] {
  if (platform === 'win32') {
    const roots = [env.PROGRAMFILES, env['PROGRAMFILES(X86)'], env.LOCALAPPDATA].filter((r): r is string => !!r);
    return roots.flatMap((root) => [
      path.win32.join(root, 'Chromium', 'Application', 'chrome.exe'),
      path.win32.join(root, 'Google', 'Chrome', 'Application', 'chrome.exe'),
      path.win32.join(root, 'Microsoft', 'Edge', 'Application', 'msedge.exe'),
    ]);
  }
  if (platform === 'darwin')
    return [
      '/Applications/Chromium.app/Contents/MacOS/Chromium',
      '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
    ];
  return ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];
}

export function chromiumPath(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
  exists: (file: string) => boolean = existsSync,
): string {
  if (env.CHROMIUM_PATH) return env.CHROMIUM_PATH;
  const candidates = chromiumCandidates(platform, env);
  return candidates.find(exists) ?? candidates[0]!;
}

export function chromiumLaunchOptions(extra: LaunchOptions = {}): LaunchOptions {
  return { executablePath: chromiumPath(), args: CHROMIUM_ARGS, ...extra };
}

export async function launchChromium(extra: LaunchOptions = {}): Promise<Browser> {
  const { chromium } = await import('@playwright/test');
  return chromium.launch(chromiumLaunchOptions(extra));
}
