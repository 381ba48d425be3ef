/*
 * Personal data never reaches a log line. Two passes: structured fields by name (pino's redact
 * paths), and free text (messages, error stacks) by shape — ID-card numbers, mobile numbers,
 * bank-card numbers, and the values of personal fields quoted inside JSON or key=value text.
 * The text pass is what catches a customer echoed inside an error message.
 */

/** Field names that carry personal data wherever they appear in a logged object. */
export const PERSONAL_FIELDS = [
  'name',
  'customerName',
  'holderName',
  'payerName',
  'idNumber',
  'idCard',
  'phone',
  'mobile',
  'address',
  'accountNo',
  'cardNo',
  'pin',
  'password',
  'token',
] as const;

/** pino redact paths: each field at the top level and one level down. */
export const REDACT_PATHS = PERSONAL_FIELDS.flatMap((field) => [field, `*.${field}`]);

export const CENSORED = '[redacted]';

const FIELD_ALTERNATION = PERSONAL_FIELDS.join('|');
/** "name":"张三" and 'name': '张三' */
const QUOTED_FIELD = new RegExp(`(["']?(?:${FIELD_ALTERNATION})["']?\\s*:\\s*)(["'])(?:\\\\.|(?!\\2).)*\\2`, 'gi');
/** name=张三 (query strings, key=value lines) */
const ASSIGNED_FIELD = new RegExp(`\\b((?:${FIELD_ALTERNATION})=)[^&\\s,;]+`, 'gi');
/** 18-character resident ID numbers (the last may be X) and the old 15-digit ones. */
const ID_NUMBER = /(?<![0-9A-Za-z])(\d{17}[\dXx]|\d{15})(?![0-9A-Za-z])/g;
/** Mainland mobile numbers, optionally with +86. */
const MOBILE = /(?<!\d)(?:\+?86[- ]?)?1[3-9]\d{9}(?!\d)/g;
/** Bank-card numbers: 16 to 19 digits. */
const CARD_NUMBER = /(?<!\d)\d{16,19}(?!\d)/g;

export function redactText(text: string): string {
  return text
    .replace(QUOTED_FIELD, (_m, key: string, quote: string) => `${key}${quote}${CENSORED}${quote}`)
    .replace(ASSIGNED_FIELD, (_m, key: string) => `${key}${CENSORED}`)
    .replace(ID_NUMBER, '[id-number]')
    .replace(CARD_NUMBER, '[card-number]')
    .replace(MOBILE, '[phone]');
}
