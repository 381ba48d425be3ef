import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { BUSINESS_TYPES } from '@common/domain/business-types';
import { idCheckDigit } from '@common/domain/id-number';
import { applicationNumber, parseApplicationNumber } from '@common/forms/application-number';
import { canonicalJson, contentHash, verifySignature, type SignedContent } from '@common/forms/canonical';
import { acceptanceSlipLines } from '@common/forms/printout';
import { FORM_SCHEMAS, formSchema } from '@common/forms/schemas';
import { validateForm } from '@common/forms/validate';

const sha256 = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');
const TODAY = '2026-11-23';
const goodId = (body = '33010619850312123') => body + idCheckDigit(body);
const NEW_FORM = {
  applicantName: '张小三',
  idNumber: goodId(),
  phone: '13812345678',
  address: '浙江省杭州市西湖区文三路90号1幢1单元101室',
  category: '低压居民',
  capacityKva: 8,
  usageType: '居民生活',
};

describe('form schemas', () => {
  it('exist for every business type in docs/domain.md, versioned, with unique field keys and Chinese labels', () => {
    expect(FORM_SCHEMAS.map((s) => s.type).sort()).toEqual(BUSINESS_TYPES.map((t) => t.code).sort());
    for (const s of FORM_SCHEMAS) {
      expect(s.version).toBeGreaterThanOrEqual(1);
      expect(new Set(s.fields.map((f) => f.key)).size).toBe(s.fields.length);
      for (const f of s.fields) expect(f.label).toMatch(/[\u4e00-\u9fff]/);
    }
  });
});

describe('form validation', () => {
  const schema = formSchema('NEW')!;

  it('accepts a complete 新装 form', () => {
    expect(validateForm(schema, NEW_FORM, { today: TODAY })).toEqual([]);
  });

  it('names the field and the GB 11643 rule for a bad ID number', () => {
    const bad = goodId().slice(0, 17) + (goodId().endsWith('0') ? '1' : '0');
    expect(validateForm(schema, { ...NEW_FORM, idNumber: bad }, { today: TODAY })).toMatchObject([
      { field: 'idNumber', message: '「证件号码」校验位错误（GB 11643）' },
    ]);
    expect(validateForm(schema, { ...NEW_FORM, idNumber: '123' }, { today: TODAY })[0]!.message).toBe(
      '「证件号码」应为 18 位（GB 11643）',
    );
    expect(
      validateForm(schema, { ...NEW_FORM, idNumber: goodId('33010620991312123') }, { today: TODAY })[0]!.message,
    ).toContain('出生日期');
  });

  it('reports each bad or missing field in Chinese, by its label', () => {
    const errors = validateForm(
      schema,
      { ...NEW_FORM, applicantName: '', phone: '12345', capacityKva: 0, category: '太空站', wantedDate: '2026-02-30' },
      { today: TODAY },
    );
    expect(errors.map((e) => e.field)).toEqual(['applicantName', 'phone', 'category', 'capacityKva', 'wantedDate']);
    expect(errors.map((e) => e.message)).toEqual([
      '「申请人」为必填项',
      '「联系电话」应为 11 位手机号或带区号的固定电话',
      '「用电类别」请从选项中选择',
      '「申请容量」不能小于 1kVA',
      '「期望接电日期」应为有效日期（YYYY-MM-DD）',
    ]);
  });

  it('checks amounts in fen, accounts, dates not in the past, and rules across fields', () => {
    const pay = formSchema('PAY')!;
    expect(
      validateForm(pay, { accountNo: '3312345678', amountFen: 12.5, channel: '现金' }, { today: TODAY })[0]!.message,
    ).toBe('「缴费金额」应为以分计的整数金额');
    expect(
      validateForm(pay, { accountNo: '4412345678', amountFen: 100, channel: '现金' }, { today: TODAY })[0]!.message,
    ).toBe('「户号」应为 33 开头的 10 位数字');
    const susp = formSchema('SUSP')!;
    expect(
      validateForm(
        susp,
        { accountNo: '3312345678', operation: '暂停', fromDate: '2026-11-01', phone: '13812345678' },
        { today: TODAY },
      )[0]!.message,
    ).toBe('「开始日期」不能早于今天');
    expect(
      validateForm(
        susp,
        {
          accountNo: '3312345678',
          operation: '暂停',
          fromDate: '2026-12-10',
          toDate: '2026-12-01',
          phone: '13812345678',
        },
        { today: TODAY },
      ),
    ).toMatchObject([{ field: 'toDate', message: '「结束日期」不能早于「开始日期」' }]);
  });

  it('refuses fields the schema does not have', () => {
    expect(validateForm(schema, { ...NEW_FORM, evil: 'x' }, { today: TODAY })[0]).toMatchObject({
      field: 'evil',
      message: '表单「新装用电申请」没有字段 evil',
    });
  });
});

describe('signature bound to content', () => {
  const content: SignedContent = {
    applicationNo: 'SQ-H001-20261123-NEW-0001-AB12',
    type: 'NEW',
    version: 1,
    values: { ...NEW_FORM },
  };

  it('canonical JSON sorts keys at every level and normalises strings and numbers', () => {
    expect(canonicalJson({ b: 1, a: { d: -0, c: ' x ' }, e: undefined })).toBe('{"a":{"c":"x","d":0},"b":1}');
    // 'é' composed and decomposed are the same content.
    expect(canonicalJson({ n: 'caf\u00e9' })).toBe(canonicalJson({ n: 'cafe\u0301' }));
    expect(() => canonicalJson({ x: NaN })).toThrow(RangeError);
  });

  it('verifies while the form is unchanged, and fails once any value changes', async () => {
    const record = { contentHash: await contentHash(content, sha256) };
    expect(record.contentHash).toBe(sha256(canonicalJson(content)));
    expect(await verifySignature(record, { ...content, values: { ...NEW_FORM } }, sha256)).toEqual({ valid: true });
    // Same content, keys in another order: still valid.
    expect(
      await verifySignature(
        record,
        {
          version: 1,
          values: Object.fromEntries(Object.entries(NEW_FORM).reverse()),
          type: 'NEW',
          applicationNo: content.applicationNo,
        },
        sha256,
      ),
    ).toEqual({ valid: true });
    expect(await verifySignature(record, { ...content, values: { ...NEW_FORM, capacityKva: 9 } }, sha256)).toEqual({
      valid: false,
      reason: 'content_changed',
    });
    expect(await verifySignature(record, { ...content, version: 2 }, sha256)).toEqual({
      valid: false,
      reason: 'content_changed',
    });
    expect(await verifySignature({ contentHash: 'abc' }, content, sha256)).toEqual({
      valid: false,
      reason: 'malformed',
    });
  });
});

describe('application numbers and the acceptance slip', () => {
  it('formats and parses application numbers', () => {
    const no = applicationNumber('H001', '2026-11-23', 'NEW', 7, '3f9a');
    expect(no).toBe('SQ-H001-20261123-NEW-0007-3F9A');
    expect(parseApplicationNumber(no)).toEqual({ hallId: 'H001', day: '2026-11-23', type: 'NEW', seq: 7 });
    expect(parseApplicationNumber('SQ-bad')).toBeNull();
    expect(() => applicationNumber('H001', '2026-11-23', 'NEW', 0, 'AAAA')).toThrow(RangeError);
  });

  it('prints the slip with personal data masked', () => {
    const lines = acceptanceSlipLines({
      schema: formSchema('NEW')!,
      values: NEW_FORM,
      applicationNo: 'SQ-H001-20261123-NEW-0001-AB12',
      hallName: '西湖营业厅',
      windowNo: 3,
      agentName: '王芳',
      acceptedAt: '2026-11-23T09:30:00.000Z',
    });
    expect(lines).toContain('申请编号：SQ-H001-20261123-NEW-0001-AB12');
    expect(lines).toContain('申请人：张*三');
    expect(lines).toContain('联系电话：138****5678');
    expect(lines.join('\n')).not.toContain(NEW_FORM.idNumber);
    expect(lines).toContain('申请容量：8 kVA');
    // 09:30 UTC is 17:30 in the hall (Asia/Shanghai): the slip shows the hall's clock.
    expect(lines).toContain('受理时间：2026-11-23 17:30');
  });
});
