import { validateIdNumber } from '../domain/id-number';
import { keyedText, type ErrorKey, type KeyedText, type LocalizedText } from '../errors';
import type { FieldError, FormField, FormSchema, FormValues } from './types';

/**
 * Validation of a filled form against its schema. Every message names the field by its label and
 * says the rule, e.g. 「证件号码」校验位错误（GB 11643）.
 */
const ID_REASON = {
  length: 'form.idLength',
  format: 'form.idFormat',
  birth_date: 'form.idBirthDate',
  check_digit: 'form.idCheckDigit',
} as const satisfies Record<string, ErrorKey>;

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

/** One field's error, or null when the value is acceptable. */
export function validateField(field: FormField, raw: unknown, today: string): KeyedText | null {
  const name: LocalizedText = { 'zh-CN': field.label, en: field.labelEn };
  if (isBlank(raw)) return field.required ? keyedText('form.required', { field: name }) : null;
  const s = typeof raw === 'string' ? raw.trim() : String(raw);
  if (field.maxLength !== undefined && Array.from(s).length > field.maxLength)
    return keyedText('form.tooLong', { field: name, max: field.maxLength });
  const unless = (valid: boolean, key: FieldRuleKey): KeyedText | null =>
    valid ? null : keyedText(key, { field: name });
  switch (field.kind) {
    case 'idNumber': {
      const r = validateIdNumber(s.toUpperCase(), { today });
      return r.valid ? null : keyedText(ID_REASON[r.reason], { field: name });
    }
    case 'phone':
      return unless(/^1[3-9]\d{9}$/.test(s) || /^0\d{2,3}-?\d{7,8}$/.test(s), 'form.phone');
    case 'account':
      return unless(/^33\d{8}$/.test(s), 'form.account');
    case 'meter':
      return unless(/^3301\d{10}$/.test(s), 'form.meter');
    case 'personName':
      return unless(/^[\u3400-\u9fff\u{20000}-\u{3134f}·]{2,20}$/u.test(s), 'form.personName');
    case 'amountFen': {
      const n = typeof raw === 'number' ? raw : Number(s);
      if (!Number.isInteger(n)) return keyedText('form.amountNotInteger', { field: name });
      if (field.min !== undefined && n < field.min)
        return keyedText('form.amountTooSmall', { field: name, min: (field.min / 100).toFixed(2) });
      if (field.max !== undefined && n > field.max)
        return keyedText('form.amountTooLarge', { field: name, max: (field.max / 100).toFixed(2) });
      return null;
    }
    case 'number': {
      const n = typeof raw === 'number' ? raw : Number(s);
      if (!Number.isFinite(n)) return keyedText('form.notANumber', { field: name });
      const unit = field.unit ?? '';
      if (field.min !== undefined && n < field.min)
        return keyedText('form.numberTooSmall', { field: name, min: field.min, unit });
      if (field.max !== undefined && n > field.max)
        return keyedText('form.numberTooLarge', { field: name, max: field.max, unit });
      return null;
    }
    case 'date':
      if (!validDate(s)) return keyedText('form.invalidDate', { field: name });
      return unless(!field.notPast || s >= today, 'form.dateInPast');
    case 'select':
      return unless(field.options?.some((o) => o.value === s) ?? false, 'form.chooseOption');
    case 'periods':
      return unless(/^\d{4}-(0[1-9]|1[0-2])(,\d{4}-(0[1-9]|1[0-2]))*$/.test(s.replace(/\s+/g, '')), 'form.periods');
    default:
      return null;
  }
}

/** The rules whose text names only the field. */
type FieldRuleKey =
  | 'form.phone'
  | 'form.account'
  | 'form.meter'
  | 'form.personName'
  | 'form.dateInPast'
  | 'form.chooseOption'
  | 'form.periods';

/** Rules across fields of one form. */
function crossField(schema: FormSchema, v: FormValues): FieldError[] {
  const out: FieldError[] = [];
  if (schema.type === 'CAP' && Number(v.currentKva) === Number(v.requestedKva) && !isBlank(v.currentKva)) {
    out.push({ field: 'requestedKva', ...keyedText('form.capacityUnchanged') });
  }
  if (schema.type === 'TARIFF' && v.currentTariff === v.newTariff && !isBlank(v.newTariff)) {
    out.push({ field: 'newTariff', ...keyedText('form.tariffUnchanged') });
  }
  if (schema.type === 'SUSP' && !isBlank(v.toDate) && String(v.toDate) < String(v.fromDate)) {
    out.push({ field: 'toDate', ...keyedText('form.endBeforeStart') });
  }
  if (schema.type === 'CARD' && v.operation === '充值' && (isBlank(v.amountFen) || Number(v.amountFen) <= 0)) {
    out.push({ field: 'amountFen', ...keyedText('form.topUpAmountRequired') });
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
    if (!known.has(key))
      errors.push({
        field: key,
        ...keyedText('form.unknownField', { form: { 'zh-CN': schema.title, en: schema.titleEn }, fieldKey: key }),
      });
  for (const field of schema.fields) {
    const error = validateField(field, values[field.key], today);
    if (error) errors.push({ field: field.key, ...error });
  }
  if (errors.length === 0) errors.push(...crossField(schema, values));
  return errors;
}
