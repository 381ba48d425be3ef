import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

/** The layer rules (docs/architecture.md) are enforced by ESLint: forbidden imports fail the lint. */
const eslint = new ESLint({ cwd: process.cwd() });
async function errorsFor(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return result!.messages.filter((m) => m.ruleId === '@typescript-eslint/no-restricted-imports').map((m) => m.message);
}

describe('layer rules', () => {
  it.each([
    ['devices/printer/x.ts', `import { app } from 'electron';`],
    ['renderer/areas/x.ts', `import fs from 'node:fs';`],
    ['renderer/areas/y.ts', `import Database from 'better-sqlite3';`],
    ['renderer/areas/z.ts', `import { Storage } from '../../main/storage/storage';`],
    ['common/domain/x.ts', `import { createHash } from 'node:crypto';`],
    ['common/domain/y.ts', `import { Storage } from '../../main/storage/storage';`],
    ['main/services/x.ts', `import { BrowserWindow } from 'electron';`],
    ['preload/x.ts', `import { METHODS } from '../common/api/contract';`],
    ['preload/y.ts', `import fs from 'node:fs';`],
    ['central/x.ts', `import { BrowserWindow } from 'electron';`],
    // The station and the central never import each other, in either direction.
    ['central/store/x.ts', `import { Storage } from '../../main/storage/storage';`],
    ['central/x.ts', `import { startStationHost } from '../main/host';`],
    ['main/demo/x.ts', `import { startCentral } from '../../central/server';`],
    ['main/services/x.ts', `import { openStore } from '../../central/store/open-store';`],
    ['main/electron/x.ts', `import { startCentral } from '../../central/server';`],
    // Nothing in the product layers reaches up into hall/ (demo, seed, Electron entry).
    ['main/host-x.ts', `import { seedHall } from '../hall/seed';`],
    ['central/x.ts', `import { startDemoHall } from '../hall/demo-hall';`],
    // node/ is shared by both, so it imports neither.
    ['node/sync/x.ts', `import { Storage } from '../../main/storage/storage';`],
    ['node/sqlite/x.ts', `import { startCentral } from '../../central/server';`],
    ['common/domain/z.ts', `import { batchChecksum } from '../../node/sync/checksum';`],
    ['renderer/areas/w.ts', `import { batchChecksum } from '../../node/sync/checksum';`],
    ['preload/z.ts', `import { METHODS } from '@common/api/contract';`],
  ])('%s: %s fails the lint', async (file, code) => {
    expect(await errorsFor(file, code)).toHaveLength(1);
  });

  it.each([
    ['main/electron/x.ts', `import { app } from 'electron';`],
    ['devices/printer/x.ts', `import net from 'node:net';`],
    ['renderer/areas/x.ts', `import { METHODS } from '../../common/api/contract';`],
    ['preload/x.ts', `import type { StationApi } from '../common/api/contract';`],
    ['main/services/x.ts', `import { METHODS } from '../../common/api/contract';`],
    ['main/services/y.ts', `import { METHODS } from '@common/api/contract';`],
    ['main/sync/x.ts', `import { batchChecksum } from '../../node/sync/checksum';`],
    ['central/store/y.ts', `import { batchChecksum } from '../../node/sync/checksum';`],
    ['hall/x.ts', `import { startCentral } from '../central/server';`],
    ['hall/y.ts', `import { startStationHost } from '../main/host';`],
  ])('%s: %s is allowed', async (file, code) => {
    expect(await errorsFor(file, code)).toEqual([]);
  });
});
