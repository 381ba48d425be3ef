import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { LOCALES, type MessageModule, type MessageTree } from '../../../renderer/i18n/message-module';
import { AREA_MESSAGES } from '../../../renderer/routes/area-messages';

/**
 * The message-module convention (renderer/i18n/message-module.ts): each `<name>.messages.ts` exports
 * `{ 'zh-CN': { <name>: … }, en: { <name>: … } }` with the same keys in both languages, and every
 * literal key a page passes to t() exists among the modules its area loads.
 */
const RENDERER = path.resolve(import.meta.dirname, '../../../renderer');
const rel = (file: string) => path.relative(RENDERER, file);

function walk(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? walk(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}
const FILES = walk(RENDERER).filter((f) => !rel(f).startsWith(`api${path.sep}`));
const MODULE_FILES = FILES.filter((f) => f.endsWith('.messages.ts'));
const PART_FILES = FILES.filter((f) => path.basename(path.dirname(f)) === 'messages' && f.endsWith('.ts'));
const moduleName = (file: string) => path.basename(file, '.messages.ts');
const camel = (kebab: string) => kebab.replace(/-(\w)/g, (_, c: string) => c.toUpperCase());

const load = async (file: string) => ((await import(file)) as { default: MessageModule }).default;

/** Every key of a tree, dotted; a leaf that is neither text nor a subtree fails. */
function leaves(tree: MessageTree, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([k, v]) => {
    if (typeof v === 'string') return [prefix + k];
    if (v && typeof v === 'object') return leaves(v, `${prefix}${k}.`);
    throw new Error(`${prefix}${k} is neither a text nor a subtree`);
  });
}

describe('message modules', () => {
  it('are found where the convention puts them', () => {
    expect(MODULE_FILES.map(moduleName).sort()).toEqual(
      expect.arrayContaining(['common', 'counter', 'devices', 'guide', 'kiosk', 'launcher', 'manager', 'rate']),
    );
    expect(PART_FILES.length).toBeGreaterThan(0);
  });

  for (const file of MODULE_FILES) {
    const name = moduleName(file);
    it(`${rel(file)}: one namespace, "${name}", the same keys in zh-CN and en`, async () => {
      const module = await load(file);
      expect(Object.keys(module)).toEqual([...LOCALES]);
      for (const locale of LOCALES) expect(Object.keys(module[locale])).toEqual([name]);
      expect(leaves(module.en).sort()).toEqual(leaves(module['zh-CN']).sort());
    });
  }

  for (const file of PART_FILES) {
    const area = path.basename(path.dirname(path.dirname(file)));
    const part = camel(path.basename(file, '.ts'));
    it(`${rel(file)}: nested as ${area}.${part} by ${area}.messages.ts, the same keys in both languages`, async () => {
      const [partModule, areaModule] = await Promise.all([
        load(file),
        load(path.join(path.dirname(path.dirname(file)), `${area}.messages.ts`)),
      ]);
      expect(leaves(partModule.en).sort()).toEqual(leaves(partModule['zh-CN']).sort());
      for (const locale of LOCALES) expect((areaModule[locale][area] as MessageTree)[part]).toBe(partModule[locale]);
    });
  }
});

/** `t('a.b')` / `$t("a.b")` literal keys, and the fixed head of template keys `t(\`a.${x}\`)`. */
function usedKeys(source: string): { exact: string[]; prefixes: string[] } {
  const exact: string[] = [];
  const prefixes: string[] = [];
  for (const m of source.matchAll(/\$?\bt\(\s*(['"`])((?:(?!\1)[^\\\n])*)\1/g)) {
    const key = m[2]!;
    if (m[1] === '`' && key.includes('${')) prefixes.push(key.slice(0, key.indexOf('${')));
    else exact.push(key);
  }
  // Route titles are keys too (router.ts translates them for document.title).
  for (const m of source.matchAll(/\btitle: '(\w+(?:\.\w+)+)'/g)) exact.push(m[1]!);
  return { exact, prefixes };
}

async function keysOf(loaders: readonly (() => Promise<{ default: MessageModule }>)[]): Promise<Set<string>> {
  const shared = await Promise.all(
    ['i18n/common.messages.ts', 'i18n/errors.messages.ts'].map((f) => load(path.join(RENDERER, f))),
  );
  const modules = [...shared, ...(await Promise.all(loaders.map(async (l) => (await l()).default)))];
  return new Set(modules.flatMap((m) => leaves(m['zh-CN'])));
}

function missing(files: string[], keys: Set<string>): string[] {
  const all = [...keys];
  return files.flatMap((file) => {
    const { exact, prefixes } = usedKeys(fs.readFileSync(file, 'utf8'));
    return [
      ...exact.filter((k) => !keys.has(k)).map((k) => `${rel(file)}: ${k}`),
      ...prefixes.filter((p) => !all.some((k) => k.startsWith(p))).map((p) => `${rel(file)}: ${p}\${…}`),
    ];
  });
}

const SOURCES = FILES.filter((f) => /\.(vue|ts)$/.test(f) && !f.endsWith('.messages.ts'));

describe('keys used by the pages', () => {
  const areas = fs.readdirSync(path.join(RENDERER, 'areas'));

  it('every area folder has its entry in AREA_MESSAGES', () => {
    expect(Object.keys(AREA_MESSAGES).sort()).toEqual([...areas].sort());
  });

  for (const area of areas) {
    it(`areas/${area}: every literal t() key exists in the modules its route loads`, async () => {
      const keys = await keysOf(AREA_MESSAGES[area as keyof typeof AREA_MESSAGES]);
      const files = SOURCES.filter((f) => rel(f).startsWith(path.join('areas', area) + path.sep));
      expect(missing(files, keys)).toEqual([]);
    });
  }

  it('shared components, pages and the router use common and errors keys only', async () => {
    const keys = await keysOf([]);
    const files = SOURCES.filter((f) => !rel(f).startsWith(`areas${path.sep}`));
    expect(files.length).toBeGreaterThan(10);
    expect(missing(files, keys)).toEqual([]);
  });
});
