/**
 * What the agent typed into the identify box, classified by shape (People and screens):
 * 户号 '33' + 8 digits, meter number '3301' + 10 digits, a mobile number, its last four digits, an ID
 * number, or a Chinese name fragment. Pure: the renderer shows the detected kind as the agent types.
 */
import { keyedText, type KeyedText } from '../errors';

export type CustomerQueryKind = 'account' | 'meter' | 'phone' | 'phoneTail' | 'idNumber' | 'name';

export type CustomerQuery = { ok: true; kind: CustomerQueryKind; value: string } | ({ ok: false } & KeyedText);

export const CUSTOMER_QUERY_LABELS: Record<CustomerQueryKind, string> = {
  account: '户号',
  meter: '电能表号',
  phone: '手机号',
  phoneTail: '手机尾号',
  idNumber: '身份证号',
  name: '姓名',
};

const MAX_NAME_CHARS = 20;

/** Han ideographs (BMP, extension A and the supplementary planes) and the middle dot of minority names. */
const HAN = /^[\u3400-\u4dbf\u4e00-\u9fff\u{20000}-\u{3134f}·]+$/u;

export function detectCustomerQuery(raw: string): CustomerQuery {
  const q = raw.normalize('NFKC').replace(/[\s-]+/g, '');
  if (q.length === 0) return { ok: false, ...keyedText('customer.queryEmpty') };
  if (/^\d{4}$/.test(q)) return { ok: true, kind: 'phoneTail', value: q };
  if (/^1[3-9]\d{9}$/.test(q)) return { ok: true, kind: 'phone', value: q };
  if (/^33\d{8}$/.test(q)) return { ok: true, kind: 'account', value: q };
  if (/^3301\d{10}$/.test(q)) return { ok: true, kind: 'meter', value: q };
  if (/^[1-9]\d{16}[\dXx]$/.test(q)) return { ok: true, kind: 'idNumber', value: q.toUpperCase() };
  if (HAN.test(q)) {
    if (Array.from(q).length > MAX_NAME_CHARS)
      return { ok: false, ...keyedText('customer.nameTooLong', { max: MAX_NAME_CHARS }) };
    return { ok: true, kind: 'name', value: q };
  }
  return { ok: false, ...keyedText('customer.queryNotRecognised', { query: raw.slice(0, 30) }) };
}
