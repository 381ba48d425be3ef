import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { electronBinaryPath } from './electron-available';

/** `npm start`: the Electron station where an Electron binary runs; browser mode otherwise. */
const root = path.resolve(import.meta.dirname, '..');
const electron = electronBinaryPath();

if (!electron) {
  console.log(
    'Electron is not installed on this machine (its binary could not be downloaded), so Hall Console starts in browser mode instead.',
  );
  await import('./serve');
} else {
  for (const [cmd, args] of [
    ['npx', ['vite', 'build', '--logLevel', 'warn']],
    ['npx', ['tsx', 'scripts/build-electron.ts']],
  ] as const) {
    const r = spawnSync(cmd, args, { stdio: 'inherit', cwd: root });
    if (r.status !== 0) process.exit(r.status ?? 1);
  }
  // `npm start` is the demo hall: one PC with every role's window, unless a station.json says otherwise.
  const userData = path.join(root, '.data', 'electron');
  const config = path.join(userData, 'station.json');
  if (!fs.existsSync(config)) {
    fs.mkdirSync(userData, { recursive: true });
    fs.writeFileSync(config, JSON.stringify({ station: 'demo' }, null, 2));
  }
  const env = { ...process.env, HALL_CONSOLE_USER_DATA: userData, HALL_STATION_CONFIG: config };
  const child = spawn(electron, [path.join(root, 'out/electron/main.cjs'), ...process.argv.slice(2)], {
    stdio: 'inherit',
    cwd: root,
    env,
  });
  child.on('exit', (code) => process.exit(code ?? 0));
}
