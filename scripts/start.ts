import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { parseCommandLine } from '../node/cli/command-line';
import { ensureElectronHere } from './electron-install';
import { ROOT, ensureBuildsFresh } from './renderer-build';
import { SERVE_OPTIONS, SERVE_USAGE_LINES, serve } from './serve';

/**
 * `npm start`: the Electron station where Electron runs (installing its binary first when it is
 * missing); browser mode otherwise, with one sentence saying why.
 */
const USAGE = `usage: npm start -- [options]
Hall Console: the Electron station (every role's window of the demo hall, unless
.data/electron/station.json says otherwise); browser mode when Electron cannot run here.
  --browser         browser mode even where Electron runs
Browser mode (also npm run serve):
${SERVE_USAGE_LINES}`;

const CLI = {
  name: 'npm start --',
  usage: USAGE,
  options: { ...SERVE_OPTIONS, browser: { type: 'boolean' } },
} as const;

const argv = process.argv.slice(2);
const { values } = parseCommandLine(CLI, argv);
const serveArgs = argv.filter((a) => a !== '--browser');

if (values.browser) {
  await serve(serveArgs, CLI);
} else {
  const electron = await ensureElectronHere();
  if (electron.binary === null) {
    console.log(`${electron.reason}, so Hall Console starts in browser mode instead.`);
    await serve(serveArgs, CLI);
  } else {
    await ensureBuildsFresh({ electron: true });
    // `npm start` is the demo hall: one PC with every role's window, unless a station.json says otherwise.
    const userData = path.join(ROOT, '.data', 'electron');
    const config = path.join(userData, 'station.json');
    if (!fs.existsSync(config)) {
      fs.mkdirSync(userData, { recursive: true });
      fs.writeFileSync(config, JSON.stringify({ station: 'demo' }, null, 2));
    }
    const env = { ...process.env, HALL_CONSOLE_USER_DATA: userData, HALL_STATION_CONFIG: config };
    const child = spawn(electron.binary, [path.join(ROOT, 'out/electron/main.cjs')], {
      stdio: 'inherit',
      cwd: ROOT,
      env,
    });
    child.on('exit', (code) => process.exit(code ?? 0));
  }
}
