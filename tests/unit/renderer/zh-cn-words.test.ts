import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ERROR_CATALOG } from '@common/errors/catalog';
import type { MessageModule, MessageTree } from '../../../renderer/i18n/message-module';

/**
 * The Chinese texts are Chinese: no English words slipped into them ("(recall too soon: wait 29s)").
 * Units, formats and names people read as they are (MB, PDF, USB, VIP, Excel…) are allowed, and so
 * are identifiers a technician types (devices.json, escpos-printer, /dev/usb/lp0, AP2301).
 */
const ALLOWED_WORDS = new Set([
  ...['MB', 'GB', 'kWh', 'PDF', 'JPEG', 'PNG', 'JSON', 'Excel', 'WLT', 'SHA'],
  ...['HH', 'MM', 'USB', 'HID', 'ID', 'QR', 'POS', 'VIP', 'App', 'TV', 'Erlang'],
]);
/** Texts that are the other language on purpose. */
const BILINGUAL_ON_PURPOSE = new Set([
  'common.switchLanguage', // the button that switches to English says so in English
  'kiosk.chooseSub', // the kiosk's second line for foreign visitors
  'errors.locale', // the locale's own name
]);

const RENDERER = path.resolve(import.meta.dirname, '../../../renderer');
const walk = (dir: string): string[] =>
  fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? walk(path.join(dir, e.name)) : [path.join(dir, e.name)]));
const leaves = (tree: MessageTree, prefix = ''): [string, string][] =>
  Object.entries(tree).flatMap(([k, v]) =>
    typeof v === 'string' ? [[prefix + k, v] as [string, string]] : leaves(v as MessageTree, `${prefix}${k}.`),
  );

/** English words of a text: letters only, not part of an identifier, a code or a placeholder. */
export function englishWords(text: string): string[] {
  const plain = text.replace(/\{[^}]*\}/g, ' ').replace(/@:[\w.]+/g, ' ');
  return (plain.match(/(?<![\w./:-])[A-Za-z]{2,}(?![\w./-])/g) ?? []).filter((w) => !ALLOWED_WORDS.has(w));
}

async function zhTexts(): Promise<[string, string][]> {
  const texts: [string, string][] = Object.entries(ERROR_CATALOG).map(([k, v]) => [`errors.${k}`, v['zh-CN']]);
  const files = walk(RENDERER).filter(
    (f) => f.endsWith('.messages.ts') || (path.basename(path.dirname(f)) === 'messages' && f.endsWith('.ts')),
  );
  for (const f of files) {
    const m = ((await import(f)) as { default: MessageModule }).default;
    texts.push(...leaves(m['zh-CN']));
  }
  return texts;
}

describe('zh-CN texts', () => {
  it('hold no English words beyond units, formats and names', async () => {
    const found = (await zhTexts())
      .filter(([key]) => !BILINGUAL_ON_PURPOSE.has(key))
      .map(([key, text]) => [key, englishWords(text)] as const)
      .filter(([, words]) => words.length > 0)
      .map(([key, words]) => `${key}: ${words.join(' ')}`);
    expect(found).toEqual([]);
  });

  it('the check finds English inside Chinese', () => {
    expect(englishWords('{ticketNo} 刚刚叫过 (recall too soon: wait 29s)')).toEqual(['recall', 'too', 'soon', 'wait']);
    expect(englishWords('该工号不能审批 (not a manager)')).toEqual(['not', 'manager']);
    expect(englishWords('文件超过 {maxMb} MB，设备配置 devices.json，如 AP2301，SHA-256')).toEqual([]);
  });
});
