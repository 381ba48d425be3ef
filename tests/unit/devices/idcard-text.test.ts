import { describe, expect, it } from 'vitest';
import { cardSummary, decodeCardText, encodeCardText, ucs2 } from '../../../devices/idcard/card-text';
import { NATIONS, nationName } from '../../../devices/idcard/nations';
import { decodeIdCardFrame, encodeReadData, parseReadData } from '../../../devices/idcard/read-data';
import { encodeReply } from '../../../devices/idcard/sam-frame';
import { FOREIGN_2017, FOREIGN_2023, HMT_PERMIT, RESIDENT, TODAY } from './idcard-fixtures';

const decode = (block: Uint8Array) => {
  const result = decodeCardText(block, { today: TODAY });
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value;
};

/** Writes one UCS-2LE field into a block, padded with spaces. */
function setField(block: Uint8Array, offset: number, length: number, text: string): Uint8Array {
  const out = block.slice();
  for (let i = 0; i < length / 2; i++) {
    const unit = i < text.length ? text.charCodeAt(i) : 0x20;
    out[offset + i * 2] = unit & 0xff;
    out[offset + i * 2 + 1] = unit >> 8;
  }
  return out;
}

describe('resident card text block', () => {
  it('decodes every field at its docs/devices.md offset', () => {
    const block = encodeCardText(RESIDENT);
    expect(block).toHaveLength(256);
    // Byte-level spot checks: name at 0 is UCS-2LE 张 (U+5F20), padded with spaces.
    expect(Array.from(block.subarray(0, 6))).toEqual([0x20, 0x5f, 0x09, 0x4e, 0x20, 0x00]);
    expect(ucs2(block, 122, 36)).toBe('11010519491231002X');
    expect(decode(block)).toEqual({
      cardType: 'resident',
      name: '张三',
      gender: '男',
      genderCode: '1',
      nation: '汉',
      nationCode: '01',
      birthDate: '1949-12-31',
      address: '北京市朝阳区建国路88号院3号楼2单元101室',
      idNumber: '11010519491231002X',
      authority: '北京市公安局朝阳分局',
      validFrom: '2015-01-01',
      validTo: '长期',
      idNumberValid: true,
    });
  });

  it('reports a bad GB 11643 check digit instead of accepting it', () => {
    const card = decode(encodeCardText({ ...RESIDENT, idNumber: '110105194912310021' }));
    expect(card.idNumber).toBe('110105194912310021');
    expect(card.idNumberValid).toBe(false);
  });

  it('decodes gender codes per GB/T 2261.1', () => {
    const genders = ['0', '1', '2', '9'].map(
      (genderCode) => decode(encodeCardText({ ...RESIDENT, genderCode })).gender,
    );
    expect(genders).toEqual(['未知', '男', '女', '未说明']);
    expect(decodeCardText(encodeCardText({ ...RESIDENT, genderCode: '5' }))).toMatchObject({
      ok: false,
      error: { code: 'bad_field', offset: 30 },
    });
  });

  it('a fixed end date, and malformed dates are typed errors', () => {
    expect(decode(encodeCardText({ ...RESIDENT, validTo: '20350101' })).validTo).toBe('2035-01-01');
    expect(decodeCardText(encodeCardText({ ...RESIDENT, birthDate: '1949123X' }))).toMatchObject({
      ok: false,
      error: { code: 'bad_field', offset: 36 },
    });
    expect(decodeCardText(encodeCardText({ ...RESIDENT, validFrom: '20151301' }))).toMatchObject({
      ok: false,
      error: { code: 'bad_field', offset: 188 },
    });
    expect(decodeCardText(encodeCardText({ ...RESIDENT, validTo: '长久' }))).toMatchObject({
      ok: false,
      error: { code: 'bad_field', offset: 204 },
    });
  });

  it('rejects blocks that are not 256 bytes', () => {
    expect(decodeCardText(new Uint8Array(255))).toMatchObject({ ok: false, error: { code: 'bad_length' } });
  });
});

describe('GB 3304 nations', () => {
  const expected: [string, string][] = [
    ['01', '汉'],
    ['02', '蒙古'],
    ['03', '回'],
    ['04', '藏'],
    ['05', '维吾尔'],
    ['06', '苗'],
    ['07', '彝'],
    ['08', '壮'],
    ['09', '布依'],
    ['10', '朝鲜'],
    ['11', '满'],
    ['12', '侗'],
    ['13', '瑶'],
    ['14', '白'],
    ['15', '土家'],
    ['16', '哈尼'],
    ['17', '哈萨克'],
    ['18', '傣'],
    ['19', '黎'],
    ['20', '傈僳'],
    ['21', '佤'],
    ['22', '畲'],
    ['23', '高山'],
    ['24', '拉祜'],
    ['25', '水'],
    ['26', '东乡'],
    ['27', '纳西'],
    ['28', '景颇'],
    ['29', '柯尔克孜'],
    ['30', '土'],
    ['31', '达斡尔'],
    ['32', '仫佬'],
    ['33', '羌'],
    ['34', '布朗'],
    ['35', '撒拉'],
    ['36', '毛南'],
    ['37', '仡佬'],
    ['38', '锡伯'],
    ['39', '阿昌'],
    ['40', '普米'],
    ['41', '塔吉克'],
    ['42', '怒'],
    ['43', '乌孜别克'],
    ['44', '俄罗斯'],
    ['45', '鄂温克'],
    ['46', '德昂'],
    ['47', '保安'],
    ['48', '裕固'],
    ['49', '京'],
    ['50', '塔塔尔'],
    ['51', '独龙'],
    ['52', '鄂伦春'],
    ['53', '赫哲'],
    ['54', '门巴'],
    ['55', '珞巴'],
    ['56', '基诺'],
    ['97', '其他'],
    ['98', '外国血统中国籍人士'],
  ];

  it('has exactly the 58 entries', () => {
    expect(expected).toHaveLength(58);
    expect(Object.entries(NATIONS).sort(([a], [b]) => a.localeCompare(b))).toEqual(expected);
  });

  it.each(expected)('code %s decodes to %s from a card', (nationCode, name) => {
    expect(decode(encodeCardText({ ...RESIDENT, nationCode })).nation).toBe(name);
  });

  it('an unknown code is an error on a resident card', () => {
    expect(nationName('57')).toBeNull();
    expect(nationName('constructor')).toBeNull();
    expect(decodeCardText(encodeCardText({ ...RESIDENT, nationCode: '57' }))).toMatchObject({
      ok: false,
      error: { code: 'bad_field', offset: 32 },
    });
  });
});

describe('permits and foreigners’ cards', () => {
  it("'J' Hong Kong/Macau/Taiwan residence permit", () => {
    const block = encodeCardText(HMT_PERMIT);
    expect(ucs2(block, 248, 2)).toBe('J');
    expect(decode(block)).toEqual({
      cardType: 'hk_macau_taiwan_permit',
      name: '陈大文',
      gender: '男',
      genderCode: '1',
      nation: null,
      nationCode: null,
      birthDate: '1990-01-01',
      address: '广东省深圳市福田区福华三路100号',
      idNumber: '810000199001010019',
      authority: '深圳市公安局',
      validFrom: '2020-01-01',
      validTo: '2025-01-01',
      idNumberValid: true,
      passNumber: 'H12345678',
      issueCount: '01',
    });
  });

  it("'I' foreign permanent resident card (2017)", () => {
    const block = encodeCardText(FOREIGN_2017);
    expect(ucs2(block, 248, 2)).toBe('I');
    expect(ucs2(block, 0, 120)).toBe('SMITH, JOHN WILLIAM');
    expect(decode(block)).toEqual({
      cardType: 'foreign_permanent_2017',
      name: '史密斯',
      gender: '男',
      genderCode: '1',
      nation: null,
      nationCode: null,
      birthDate: '1985-01-01',
      address: null,
      idNumber: 'USA110085010101',
      authority: null,
      validFrom: '2017-01-01',
      validTo: '2027-01-01',
      idNumberValid: true,
      englishName: 'SMITH, JOHN WILLIAM',
      chineseName: '史密斯',
      nationality: 'USA',
    });
    expect(decode(encodeCardText({ ...FOREIGN_2017, cardNumber: 'US1110085010101' })).idNumberValid).toBe(false);
  });

  it("'Y' foreign permanent resident card (2023), English name split across 52 and 220", () => {
    const block = encodeCardText(FOREIGN_2023);
    expect(ucs2(block, 248, 2)).toBe('Y');
    expect(ucs2(block, 52, 70)).toBe('MARTINEZ GARCIA, MARIA DEL CARMEN A');
    expect(ucs2(block, 220, 22)).toBe('LEJANDRA XY');
    expect(decode(block)).toEqual({
      cardType: 'foreign_permanent_2023',
      name: '玛丽',
      gender: '女',
      genderCode: '2',
      nation: null,
      nationCode: null,
      birthDate: '1985-01-01',
      address: null,
      idNumber: '911156198501010012',
      authority: null,
      validFrom: '2023-01-01',
      validTo: '2033-01-01',
      idNumberValid: true,
      englishName: 'MARTINEZ GARCIA, MARIA DEL CARMEN ALEJANDRA XY',
      chineseName: '玛丽',
      nationality: 'ESP',
      renewalCount: '00',
    });
    expect(decode(encodeCardText({ ...FOREIGN_2023, cardNumber: '911156198501010013' })).idNumberValid).toBe(false);
  });

  it('any other marker at 248 is a resident card', () => {
    const block = setField(encodeCardText(RESIDENT), 248, 2, 'Z');
    expect(decode(block).cardType).toBe('resident');
  });
});

describe('read reply data', () => {
  const text = encodeCardText(RESIDENT);
  const photo = Uint8Array.from({ length: 1024 }, (_, i) => i & 0xff);
  const fingerprint = Uint8Array.from({ length: 1024 }, (_, i) => (i * 7) & 0xff);

  it('30 01: lengths 256 and 1024, big-endian', () => {
    const data = encodeReadData(text, photo);
    expect(Array.from(data.subarray(0, 4))).toEqual([0x01, 0x00, 0x04, 0x00]);
    const parsed = parseReadData(data, false);
    expect(parsed.ok && parsed.value.photo).toEqual(photo);
    expect(parsed.ok && parsed.value.fingerprint).toBeNull();
  });

  it('30 10: a fingerprint length and 1024 more bytes', () => {
    const data = encodeReadData(text, photo, fingerprint);
    expect(data).toHaveLength(6 + 256 + 1024 + 1024);
    const parsed = parseReadData(data, true);
    expect(parsed.ok && parsed.value.fingerprint).toEqual(fingerprint);
    expect(parseReadData(data, 'auto')).toMatchObject({ ok: true });
  });

  it('lengths that disagree with the data are a typed error', () => {
    const data = encodeReadData(text, photo);
    expect(parseReadData(data.subarray(0, 1000), false)).toMatchObject({ ok: false, error: { code: 'bad_length' } });
    expect(parseReadData(data.subarray(0, 3), false)).toMatchObject({ ok: false, error: { code: 'bad_length' } });
  });

  it('decodeIdCardFrame: a whole reply frame to the summary fields', () => {
    const frame = encodeReply(0x90, encodeReadData(text, photo));
    const result = decodeIdCardFrame(frame, { today: TODAY });
    if (!result.ok) throw new Error(result.error.message);
    expect(Object.keys(cardSummary(result.value.card))).toEqual([
      'cardType',
      'name',
      'gender',
      'nation',
      'birthDate',
      'address',
      'idNumber',
      'authority',
      'validFrom',
      'validTo',
      'idNumberValid',
    ]);
    expect(decodeIdCardFrame(encodeReply(0x41), { today: TODAY })).toMatchObject({
      ok: false,
      error: { code: 'sam_status' },
    });
    const corrupt = frame.slice();
    corrupt[100] ^= 1;
    expect(decodeIdCardFrame(corrupt)).toMatchObject({ ok: false, error: { code: 'bad_checksum' } });
    expect(decodeIdCardFrame(Uint8Array.from([...frame, 0]))).toMatchObject({
      ok: false,
      error: { code: 'trailing_bytes' },
    });
  });
});
