import { validateIdNumber } from '../domain/id-number';
import type { FieldError, FormField, FormSchema, FormValues } from './types';

/**
 * Validation of a filled form against its schema. Every message is Chinese, names the field by its
 * label in 「」 and says the rule, e.g. 「证件号码」校验位错误（GB 11643）.
 */
const ID_REASON: Record<string, string> = {
  length: '应为 18 位（GB 11643）',
  format: '格式不正确：17 位数字加一位数字或 X（GB 11643）',
  birth_date: '中的出生日期无效（GB 11643）',
  check_digit: '校验位错误（GB 11643）',
};

export const isBlank = (v: unknown): boolean =>
  v === null || v === undefined || (typeof v === 'string' && v.trim() === '');

const isoToday = (d: Date): string =>
  `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;

function validDate(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
}

/** One field's error message, or null when the value is acceptable. */
export function validateField(field: FormField, raw: unknown, today: string): string | null {
  const name = `「${field.label}」`;
  if (isBlank(raw)) return field.required ? `${name}为必填项` : null;
  const s = typeof raw === 'string' ? raw.trim() : String(raw);
  if (field.maxLength !== undefined && Array.from(s).length > field.maxLength)
    return `${name}不能超过 ${field.maxLength} 个字`;
  switch (field.kind) {
    case 'idNumber': {
      const r = validateIdNumber(s.toUpperCase(), { today });
      return r.valid ? null : `${name}${ID_REASON[r.reason]}`;
    }
    case 'phone':
      return /^1[3-9]\d{9}$/.test(s) || /^0\d{2,3}-?\d{7,8}$/.test(s)
        ? null
        : `${name}应为 11 位手机号或带区号的固定电话`;
    case 'account':
      return /^33\d{8}$/.test(s) ? null : `${name}应为 33 开头的 10 位数字`;
    case 'meter':
      return /^3301\d{10}$/.test(s) ? null : `${name}应为 3301 开头的 14 位数字`;
    case 'personName':
      return /^[\u3400-\u9fff\u{20000}-\u{3134f}·]{2,20}$/u.test(s) ? null : `${name}应为 2–20 个汉字`;
    case 'amountFen': {
      const n = typeof raw === 'number' ? raw : Number(s);
      if (!Number.isInteger(n)) return `${name}应为以分计的整数金额`;
      if (field.min !== undefined && n < field.min) return `${name}不能少于 ${(field.min / 100).toFixed(2)} 元`;
      if (field.max !== undefined && n > field.max) return `${name}不能超过 ${(field.max / 100).toFixed(2)} 元`;
      return null;
    }
    case 'number': {
      const n = typeof raw === 'number' ? raw : Number(s);
      if (!Number.isFinite(n)) return `${name}应为数字`;
      if (field.min !== undefined && n < field.min) return `${name}不能小于 ${field.min}${field.unit ?? ''}`;
      if (field.max !== undefined && n > field.max) return `${name}不能大于 ${field.max}${field.unit ?? ''}`;
      return null;
    }
    case 'date':
      if (!validDate(s)) return `${name}应为有效日期（YYYY-MM-DD）`;
      return field.notPast && s < today ? `${name}不能早于今天` : null;
    case 'select':
      return field.options?.some((o) => o.value === s) ? null : `${name}请从选项中选择`;
    case 'periods':
      return /^\d{4}-(0[1-9]|1[0-2])(,\d{4}-(0[1-9]|1[0-2]))*$/.test(s.replace(/\s+/g, ''))
        ? null
        : `${name}应为账期 YYYY-MM，多个以逗号分隔`;
    default:
      return null;
  }
}

/** Rules across fields of one form. */
function crossField(schema: FormSchema, v: FormValues): FieldError[] {
  const out: FieldError[] = [];
  if (schema.type === 'CAP' && Number(v.currentKva) === Number(v.requestedKva) && !isBlank(v.currentKva)) {
    out.push({ field: 'requestedKva', message: '「申请容量」不能与「现有容量」相同' });
  }
  if (schema.type === 'TARIFF' && v.currentTariff === v.newTariff && !isBlank(v.newTariff)) {
    out.push({ field: 'newTariff', message: '「申请电价」不能与「现行电价」相同' });
  }
  if (schema.type === 'SUSP' && !isBlank(v.toDate) && String(v.toDate) < String(v.fromDate)) {
    out.push({ field: 'toDate', message: '「结束日期」不能早于「开始日期」' });
  }
  if (schema.type === 'CARD' && v.operation === '充值' && (isBlank(v.amountFen) || Number(v.amountFen) <= 0)) {
    out.push({ field: 'amountFen', message: '「充值金额」充值时为必填项' });
  }
  return out;
}

/** All errors of a form, in field order; empty when it may be submitted. Unknown keys are errors too. */
export function validateForm(
  schema: FormSchema,
  values: FormValues,
  opts: { today?: Date | string } = {},
): FieldError[] {
  const today = typeof opts.today === 'string' ? opts.today : isoToday(opts.today ?? new Date());
  const errors: FieldError[] = [];
  const known = new Set(schema.fields.map((x) => x.key));
  for (const key of Object.keys(values))
    if (!known.has(key)) errors.push({ field: key, message: `表单「${schema.title}」没有字段 ${key}` });
  for (const field of schema.fields) {
    const message = validateField(field, values[field.key], today);
    if (message) errors.push({ field: field.key, message });
  }
  if (errors.length === 0) errors.push(...crossField(schema, values));
  return errors;
}
