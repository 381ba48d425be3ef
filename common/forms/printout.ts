import { hallDateTime } from '../time/hall-time';
import { maskAddress, maskIdNumber, maskName, maskPhone } from '../domain/mask';
import type { FormField, FormSchema, FormValues } from './types';
import { isBlank } from './validate';

/** A value as printed: personal data masked (the slip leaves the counter), amounts in 元, units shown. */
export function printedValue(field: FormField, raw: unknown): string {
  if (isBlank(raw)) return '—';
  const s = String(raw).trim();
  switch (field.kind) {
    case 'idNumber':
      return maskIdNumber(s);
    case 'phone':
      return maskPhone(s);
    case 'personName':
      return maskName(s);
    case 'address':
      return maskAddress(s);
    case 'amountFen':
      return `${(Number(raw) / 100).toFixed(2)} 元`;
    case 'number':
      return `${s}${field.unit ? ` ${field.unit}` : ''}`;
    default:
      return field.personal ? `${s.slice(0, 2)}****${s.slice(-2)}` : s;
  }
}

/** The text lines of the acceptance slip (受理回执) for one application; the QR carries `followUrl`. */
export function acceptanceSlipLines(o: {
  schema: FormSchema;
  values: FormValues;
  applicationNo: string;
  hallName: string;
  windowNo: number | null;
  agentName: string;
  acceptedAt: string;
  /** The hall's time zone (default Asia/Shanghai). */
  timeZone?: string;
}): string[] {
  return [
    `${o.hallName}`,
    '受理回执',
    `业务：${o.schema.title}（表单 v${o.schema.version}）`,
    `申请编号：${o.applicationNo}`,
    `受理时间：${hallDateTime(o.acceptedAt, o.timeZone)}`,
    `受理窗口：${o.windowNo ?? '—'} 号  经办人：${o.agentName}`,
    '--------------------------------',
    ...o.schema.fields.map((f) => `${f.label}：${printedValue(f, o.values[f.key])}`),
    '--------------------------------',
    '扫描二维码或拨打 95598 查询办理进度',
  ];
}
