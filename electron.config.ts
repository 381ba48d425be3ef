import type { Configuration } from 'electron-builder';

/**
 * electron-builder configuration (used by scripts/dist.ts through the build() API).
 * The app is the bundles in out/ (scripts/build-electron.ts + vite) plus the production
 * node_modules electron-builder adds itself — only what main.cjs and worker.cjs require at run
 * time: better-sqlite3, node-hid, serialport (native) and electron-updater. Everything else is
 * bundled, hence a devDependency. Native addons are unpacked from the asar so they can be loaded.
 * Fuses are flipped after packaging.
 */
const config: Configuration = {
  appId: 'cn.sgcc.hallconsole',
  productName: '营业厅运营终端 Hall Console',
  copyright: 'Copyright © Hall Console contributors',
  directories: { output: 'release' },
  // The bundles, and package.json; electron-builder adds the production node_modules itself.
  // electron is an optionalDependency (so installs without download access succeed): keep it out.
  files: [
    'out/**/*',
    '!out/**/*.map',
    '!out/test-*/**',
    // vite's manifest is for the bundle benchmark, not for the app.
    '!out/renderer/.vite/**',
    'package.json',
    '!**/node_modules/electron/**',
  ],
  extraMetadata: { main: 'out/electron/main.cjs' },
  asar: true,
  // Native addons (better-sqlite3, node-hid, serialport) must be real files to be loaded. The
  // storage worker too: a worker_threads entry is safest outside the archive (load it from
  // app.asar.unpacked/out/electron/worker.cjs when running packaged).
  asarUnpack: ['**/*.node', 'out/electron/worker.cjs'],
  // All three native modules are Node-API addons with prebuilt binaries for win32-x64 and
  // linux-x64 (better-sqlite3/prebuilds, node-hid/prebuilds, @serialport/bindings-cpp/prebuilds):
  // the same binary loads in Node and in Electron, so nothing is compiled and no build tools are needed.
  npmRebuild: false,
  icon: 'build/icon.png',
  // An ASCII file name for every artifact, whatever the product name.
  artifactName: 'hall-console-${version}-${os}-${arch}.${ext}',
  electronFuses: {
    runAsNode: false,
    // The app refuses to start when app.asar was altered after signing (the integrity hash is in the binary).
    enableEmbeddedAsarIntegrityValidation: true,
    enableNodeOptionsEnvironmentVariable: false,
    enableNodeCliInspectArguments: false,
    onlyLoadAppFromAsar: true,
    enableCookieEncryption: true,
    grantFileProtocolExtraPrivileges: false,
  },
  win: {
    target: [{ target: 'nsis', arch: ['x64'] }],
    executableName: 'hall-console',
  },
  // Installed once per PC for every Windows user (hall PCs are shared); the station type is chosen
  // on first start (main/electron/first-run.ts) and kept in the user's station.json.
  nsis: {
    oneClick: false,
    perMachine: true,
    allowToChangeInstallationDirectory: true,
    shortcutName: '营业厅运营终端',
    createDesktopShortcut: true,
    runAfterFinish: true,
  },
  linux: {
    target: ['AppImage', 'deb'],
    category: 'Office',
    executableName: 'hall-console',
    synopsis: '供电营业厅运营终端 (operations console for electricity-utility business halls)',
    maintainer: 'Hall Console <hall-console@localhost>',
  },
  deb: {
    // electron-builder's defaults plus libusb for node-hid (card readers, rating pads).
    depends: [
      'libgtk-3-0',
      'libnotify4',
      'libnss3',
      'libxss1',
      'libxtst6',
      'xdg-utils',
      'libatspi2.0-0',
      'libuuid1',
      'libsecret-1-0',
      'libusb-1.0-0',
    ],
  },
  publish: null,
};

export default config;
