import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * Times people read come from common/time/hall-time.ts (the hall's zone). Cutting an ISO string
 * (`.slice(11, 16)`) shows UTC; toLocale*String and getHours() show the PC's zone. Both were
 * eight hours off in a real hall, so this test fails on any new one in product code.
 */
const ROOTS = ['common', 'renderer', 'main', 'devices', 'central', 'node', 'hall', 'preload'];
const TIME_CUTTING: [string, RegExp][] = [
  ['ISO time cut by position', /\.(?:slice|substring|substr)\(\s*(?:5|11)\s*,\s*(?:16|19)\s*\)/],
  ["ISO 'T' replaced for display", /\.replace\(\s*'T'\s*,\s*' '\s*\)/],
  ['toISOString() cut for display', /toISOString\(\)\.(?:slice|substring)\(\s*(?:5|11)/],
  ['PC-zone formatting', /\.toLocale(?:Time|Date)String\(/],
  ['PC-zone clock fields', /\.get(?:Hours|Minutes|Seconds|Day)\(\)/],
  ['date toLocaleString', /new Date\([^)]*\)\.toLocaleString\(/],
];
/** Not display paths: the formatter itself, and calendar-date arithmetic on dates the code built itself. */
const ALLOWED = new Set([
  'common/time/hall-time.ts',
  // A lockout's end, already in the hall's zone; the login rules live there.
  'main/services/auth-service.ts',
]);

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) {
      if (e.name !== 'node_modules') out.push(...sourceFiles(p));
    } else if (/\.(ts|vue)$/.test(e.name)) out.push(p);
  }
  return out;
}

function offences(text: string): string[] {
  const found: string[] = [];
  text.split('\n').forEach((line, i) => {
    for (const [what, re] of TIME_CUTTING) if (re.test(line)) found.push(`${i + 1}: ${what}: ${line.trim()}`);
  });
  return found;
}

describe('times for people come from the hall-time formatter', () => {
  it('no product file cuts ISO strings or reads the PC zone for display', () => {
    const found: string[] = [];
    for (const root of ROOTS)
      for (const file of sourceFiles(root)) {
        const rel = file.split(path.sep).join('/');
        if (ALLOWED.has(rel)) continue;
        for (const o of offences(fs.readFileSync(file, 'utf8'))) found.push(`${rel}:${o}`);
      }
    expect(found).toEqual([]);
  });

  it('the check catches the patterns it is for', () => {
    expect(offences('{{ card.readAt.slice(11, 19) }}')).toHaveLength(1);
    expect(offences("at: d.updatedAt.slice(5, 16).replace('T', ' ')")).toHaveLength(2);
    expect(offences("new Date(iso).toLocaleTimeString('zh-CN')")).toHaveLength(1);
    expect(offences('`${pad(date.getHours())}:${pad(date.getMinutes())}`')).toHaveLength(1);
    expect(offences("new Date(iso).toLocaleString('zh-CN', { hour12: false })")).toHaveLength(1);
    expect(offences('a.sha256.slice(0, 16)')).toHaveLength(0);
  });
});
