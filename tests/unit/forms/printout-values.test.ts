import { describe, expect, it } from 'vitest';
import { maskAddress } from '@common/domain/mask';
import { acceptanceSlipLines, printedValue } from '@common/forms/printout';
import type { FormField, FormSchema } from '@common/forms/types';

/** What the acceptance slip prints for each kind of field: personal data masked, amounts in 元, units shown. */
const field = (kind: FormField['kind'], over: Partial<FormField> = {}): FormField => ({
  key: 'k',
  label: '字段',
  labelEn: 'Field',
  kind,
  required: false,
  ...over,
});

describe('printed values', () => {
  it('print a dash for a blank value, whatever the kind', () => {
    for (const v of [null, undefined, '', '   ']) expect(printedValue(field('text'), v)).toBe('—');
  });

  it('mask ID numbers, phones, names and addresses', () => {
    expect(printedValue(field('idNumber'), ' 330106198503121234 ')).toBe('3301**********1234');
    expect(printedValue(field('phone'), '13800005678')).toBe('138****5678');
    expect(printedValue(field('personName'), '张三丰')).toBe('张*丰');
    const address = '浙江省杭州市西湖区文三路 90 号';
    expect(printedValue(field('address'), ` ${address} `)).toBe(maskAddress(address));
    expect(maskAddress(address)).not.toContain('90');
  });

  it('print amounts in 元 with two decimals', () => {
    expect(printedValue(field('amountFen'), 12345)).toBe('123.45 元');
    expect(printedValue(field('amountFen'), '5')).toBe('0.05 元');
  });

  it('print a number with its unit, or alone', () => {
    expect(printedValue(field('number', { unit: 'kVA' }), ' 8 ')).toBe('8 kVA');
    expect(printedValue(field('number'), 8)).toBe('8');
  });

  it('print other personal fields with only their two first and last characters, and the rest as typed', () => {
    expect(printedValue(field('account', { personal: true }), '3300001234')).toBe('33****34');
    expect(printedValue(field('account'), ' 3300001234 ')).toBe('3300001234');
    expect(printedValue(field('select'), '居民')).toBe('居民');
  });
});

describe('acceptance slip', () => {
  const schema: FormSchema = {
    type: 'NEW',
    version: 3,
    title: '新装',
    titleEn: 'New connection',
    fields: [field('personName', { key: 'name', label: '申请人' }), field('amountFen', { key: 'fee', label: '费用' })],
    attachments: [],
  };
  const slip = (windowNo: number | null, timeZone?: string) =>
    acceptanceSlipLines({
      schema,
      values: { name: '张三', fee: 100 },
      applicationNo: 'SQ-H001-20261123-NEW-0001-AB12',
      hallName: '西湖营业厅',
      windowNo,
      agentName: '王芳',
      acceptedAt: '2026-11-23T09:30:00.000Z',
      timeZone,
    });

  it('lists the hall, the form and its version, the number, the time, the window and agent, each field, and how to follow up', () => {
    expect(slip(3)).toEqual([
      '西湖营业厅',
      '受理回执',
      '业务：新装（表单 v3）',
      '申请编号：SQ-H001-20261123-NEW-0001-AB12',
      '受理时间：2026-11-23 17:30',
      '受理窗口：3 号  经办人：王芳',
      '--------------------------------',
      '申请人：张*',
      '费用：1.00 元',
      '--------------------------------',
      '扫描二维码或拨打 95598 查询办理进度',
    ]);
  });

  it('prints a dash for no window, and the time in the hall’s own time zone', () => {
    expect(slip(null)).toContain('受理窗口：— 号  经办人：王芳');
    expect(slip(3, 'UTC')).toContain('受理时间：2026-11-23 09:30');
  });
});
