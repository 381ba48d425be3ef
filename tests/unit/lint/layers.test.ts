import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

/** The layer rules of ARCHITECTURE.md are enforced by ESLint: forbidden imports fail the lint. */
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
  ])('%s: %s fails the lint', async (file, code) => {
    expect(await errorsFor(file, code)).toHaveLength(1);
  });

  it.each([
    ['main/electron/x.ts', `import { app } from 'electron';`],
    ['devices/printer/x.ts', `import net from 'node:net';`],
    ['renderer/areas/x.ts', `import { METHODS } from '../../common/api/contract';`],
    ['preload/x.ts', `import type { StationApi } from '../common/api/contract';`],
    ['main/services/x.ts', `import { METHODS } from '../../common/api/contract';`],
  ])('%s: %s is allowed', async (file, code) => {
    expect(await errorsFor(file, code)).toEqual([]);
  });
});
