import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  ERROR_CATALOG,
  ERROR_LOCALES,
  catalogTree,
  isErrorKey,
  placeholders,
  renderError,
  term,
  type ErrorKey,
} from '@common/errors';
import { ERROR_CODES } from '@common/result';

const KEYS = Object.keys(ERROR_CATALOG) as ErrorKey[];
const sorted = (xs: string[]) => [...new Set(xs)].sort();

describe('the error catalog', () => {
  it('has a text in every language for every key, with the same placeholders', () => {
    for (const key of KEYS) {
      const texts = ERROR_CATALOG[key];
      for (const locale of ERROR_LOCALES) expect(texts[locale].trim(), `${key} ${locale}`).not.toBe('');
      expect(sorted(placeholders(texts.en)), key).toEqual(sorted(placeholders(texts['zh-CN'])));
    }
  });

  it('writes English in English and Chinese in Chinese', () => {
    for (const key of KEYS) {
      expect(ERROR_CATALOG[key].en, key).not.toMatch(/[\u4e00-\u9fff]/);
      expect(ERROR_CATALOG[key]['zh-CN'], key).toMatch(/[\u4e00-\u9fff]/);
    }
  });

  it('nests as vue-i18n messages: no key is a prefix of another, no area is named like a sibling message', () => {
    for (const key of KEYS) {
      expect(key, key).toMatch(/^[a-z]+(\.[A-Za-z_]+)+$/);
      expect(
        KEYS.filter((other) => other.startsWith(`${key}.`)),
        key,
      ).toEqual([]);
      // errors.<code> is the generic text of a code; errors.locale names the language (renderer/i18n).
      expect([...ERROR_CODES, 'locale'], key).not.toContain(key.split('.')[0]);
    }
    for (const locale of ERROR_LOCALES) {
      const tree = catalogTree(locale);
      for (const key of KEYS) {
        const leaf = key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown>)[part], tree);
        expect(leaf, key).toBe(ERROR_CATALOG[key][locale]);
      }
    }
  });

  it('renders a key with its parameters, translating the words it quotes', () => {
    const params = { ticketNo: 'A001', state: term('queue.state.finished') };
    expect(renderError('queue.ticketClosed', params)).toBe('A001 已办结，不能再操作');
    expect(renderError('queue.ticketClosed', params, 'en')).toBe(
      'Ticket A001 is finished; nothing more can be done with it.',
    );
    expect(renderError('queue.windowClosed', {}, 'en')).toContain('{windowNo}');
    expect(isErrorKey('queue.windowClosed')).toBe(true);
    expect(isErrorKey('窗口 3 未开放')).toBe(false);
    expect(isErrorKey('toString')).toBe(false);
  });
});

/** The source files of the product, as git knows them. */
const SOURCES = execFileSync('git', ['ls-files', '*.ts', '*.vue'], { encoding: 'utf8' })
  .split('\n')
  .filter((f) => f && !f.startsWith('tests/') && !f.startsWith('bench/'));

/** Where an error's text is named: a key (checked against the catalog) or a literal message. */
const TEXT_ARGUMENTS = [
  /new AppFailure\(\s*'[a-z_]+',\s*(['`])((?:(?!\1)[^\\]|\\.)*)\1/g,
  /\berr\(\s*'[a-z_]+',\s*(['`])((?:(?!\1)[^\\]|\\.)*)\1/g,
  /new HttpError\(\s*\d+,\s*'[a-z_]+',\s*(['`])((?:(?!\1)[^\\]|\\.)*)\1/g,
];
/** Keys named elsewhere: zod messages, domain errors, words quoted by other texts. */
const KEY_ARGUMENTS = [
  /(?:keyedText|term|fail)\(\s*(?:'[a-z_]+',\s*)?(')([a-z]+\.[A-Za-z_.]+)'/g,
  /(?:message|error):\s*(')([a-z]+\.[A-Za-z_.]+)'/g,
  /\.(?:min|max|int|positive|nonnegative|email|regex|date|refine)\((?:[^()]|\([^()]*\))*?(')([a-z]+\.[A-Za-z_.]+)'\)/g,
];
/** Where zod rules live: their messages are shown to people, so each one names a key. */
const SCHEMA_FILES = /^common\/(api|mutators)\//;
/** A zod rule's own message: `.min(2, '…')`, `.regex(/…/, '…')`, `{ message: '…' }`, `{ error: '…' }`. */
const RULE_MESSAGES = [
  /\.(?:min|max|length|int|positive|nonnegative|email|regex|date)\(\s*(?:(?:[^()'`]|\([^()]*\))*?,\s*)?(['`])((?:(?!\1)[^\\]|\\.)*)\1\s*\)/g,
  /\b(?:message|error):\s*(['`])((?:(?!\1)[^\\]|\\.)*)\1/g,
];
const KEY_SHAPED = /^[a-z]+(\.[A-Za-z_]+)+$/;

describe('error texts named in the source', () => {
  const named = SOURCES.flatMap((file) => {
    const text = readFileSync(file, 'utf8');
    const texts = TEXT_ARGUMENTS.flatMap((re) =>
      [...text.matchAll(re)].map((m) => ({ file, text: m[2]!, quote: m[1] })),
    );
    const keys = KEY_ARGUMENTS.flatMap((re) => [...text.matchAll(re)].map((m) => ({ file, text: m[2]!, quote: m[1] })));
    const rules = SCHEMA_FILES.test(file)
      ? RULE_MESSAGES.flatMap((re) => [...text.matchAll(re)].map((m) => ({ file, text: m[2]!, quote: m[1] })))
      : [];
    return [...texts, ...keys, ...rules];
  });

  it('finds them (the scan itself works)', () => {
    expect(named.filter((n) => n.file === 'common/mutators/ratings.ts').map((n) => n.text)).toContain(
      'rating.alreadyRated',
    );
    expect(named.filter((n) => n.file === 'common/queue/ticket-state.ts').map((n) => n.text)).toContain(
      'queue.windowClosed',
    );
    expect(named.filter((n) => n.file === 'common/queue/settings.ts').map((n) => n.text)).toContain('input.timeFormat');
    expect(named.filter((n) => n.file === 'common/api/payment-schemas.ts').map((n) => n.text)).toEqual(
      expect.arrayContaining(['payment.amountNotANumber', 'payment.idInvalid', 'access.managerPinFormat']),
    );
  });

  it('are catalog keys wherever they look like one', () => {
    const unknown = named.filter((n) => n.quote === "'" && KEY_SHAPED.test(n.text) && !isErrorKey(n.text));
    expect(unknown.map((n) => `${n.file}: ${n.text}`)).toEqual([]);
  });

  it('are keys, never literal messages (the compiler refuses one in AppFailure, err and HttpError; this covers zod rules)', () => {
    const literal = named.filter((n) => !isErrorKey(n.text));
    expect(literal.map((n) => `${n.file}: ${n.text}`)).toEqual([]);
  });
});
