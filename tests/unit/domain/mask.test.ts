import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { maskAddress, maskIdNumber, maskName, maskPhone } from '@common/domain/mask';

describe('maskName', () => {
  it.each([
    ['张三', '张*'],
    ['张小三', '张*三'],
    ['欧阳娜娜', '欧**娜'],
    ['阿卜杜拉江', '阿***江'],
    ['王', '*'],
    ['', ''],
    ['  李四 ', '李*'],
    ['吉𠮷祥', '吉*祥'], // a surrogate pair counts as one character
  ])('%s → %s', (name, masked) => {
    expect(maskName(name)).toBe(masked);
  });

  it('never shows more than the first and last character', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...'张王李赵陈刘杨黄吴周徐孙马朱胡郭何高林罗'), { minLength: 2, maxLength: 8 }),
        (cs) => {
          const m = Array.from(maskName(cs.join('')));
          expect(m.length).toBe(cs.length === 2 ? 2 : cs.length);
          expect(m[0]).toBe(cs[0]);
          expect(m.slice(1, cs.length - 1).every((c) => c === '*')).toBe(true);
        },
      ),
    );
  });
});

describe('maskIdNumber', () => {
  it.each([
    ['33010219900101123X', '3301**********123X'],
    ['110105194912310021', '1101**********0021'],
    ['110105491231002', '1101*******1002'], // 15-digit first-generation number
    ['12345678', '********'],
    ['', ''],
  ])('%s → %s', (id, masked) => {
    expect(maskIdNumber(id)).toBe(masked);
  });
});

describe('maskPhone', () => {
  it.each([
    ['13812345678', '138****5678'],
    ['19912345678', '199****5678'],
    ['057187654321', '057*****4321'],
    ['1234567', '*******'],
    ['', ''],
  ])('%s → %s', (phone, masked) => {
    expect(maskPhone(phone)).toBe(masked);
  });

  it('keeps exactly 7 digits of an 11-digit mobile number', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^1[3-9]\d{9}$/), (p) => {
        const m = maskPhone(p);
        expect(m).toBe(`${p.slice(0, 3)}****${p.slice(7)}`);
      }),
    );
  });
});

describe('maskAddress', () => {
  it.each([
    ['浙江省杭州市西湖区文三路90号1幢2单元301室', '浙江省杭州市西湖区****'],
    ['浙江省杭州市西湖区文新街道文三路398号', '浙江省杭州市西湖区****'],
    ['杭州市拱墅区莫干山路100号', '杭州市拱墅区****'],
    ['浙江省杭州市萧山区市心中路8号', '浙江省杭州市萧山区****'], // a street starting with 市
    ['萧山区市心中路8号', '萧山区****'],
    ['浙江省杭州市建德市新安江街道江滨中路1号', '浙江省杭州市建德市****'], // county-level city
    ['浙江省杭州市淳安县千岛湖镇新安东路2号', '浙江省杭州市淳安县****'],
    ['北京市朝阳区建国路88号', '北京市朝阳区****'],
    ['上海市浦东新区世纪大道100号', '上海市浦东新区****'],
    ['广西壮族自治区南宁市青秀区民族大道1号', '广西壮族自治区南宁市青秀区****'],
    ['湖北省恩施土家族苗族自治州恩施市舞阳大道1号', '湖北省恩施土家族苗族自治州恩施市****'],
    ['湖北省宜昌市长阳土家族自治县龙舟坪镇1号', '湖北省宜昌市长阳土家族自治县****'],
    ['内蒙古自治区呼伦贝尔市鄂温克族自治旗巴彦托海镇', '内蒙古自治区呼伦贝尔市鄂温克族自治旗****'],
    ['浙江省杭州市西湖区', '浙江省杭州市西湖区'],
    ['', ''],
  ])('%s → %s', (address, masked) => {
    expect(maskAddress(address)).toBe(masked);
  });

  it('masks more, never less, when no district is recognised', () => {
    expect(maskAddress('浙江省义乌市稠城街道绣湖小区5幢')).toBe('浙江省义乌市****');
    expect(maskAddress('文三路90号1幢2单元301室')).toBe('****');
    expect(maskAddress('解放路小区3幢')).toBe('****');
    expect(maskAddress('黑龙江省哈尔滨市道里区中央大街1号')).toBe('黑龙江省哈尔滨市****');
  });

  it('never keeps a house number, building or room', () => {
    const district = fc.constantFrom(
      '西湖区',
      '上城区',
      '拱墅区',
      '滨江区',
      '萧山区',
      '余杭区',
      '临平区',
      '钱塘区',
      '富阳区',
      '建德市',
      '桐庐县',
    );
    const street = fc.constantFrom('文三路', '市心中路', '区府路', '县前街', '学院路', '解放路');
    fc.assert(
      fc.property(district, street, fc.integer({ min: 1, max: 999 }), fc.boolean(), (d, s, n, withProvince) => {
        const addr = `${withProvince ? '浙江省' : ''}杭州市${d}${s}${n}号`;
        const m = maskAddress(addr);
        expect(m).toBe(`${withProvince ? '浙江省' : ''}杭州市${d}****`);
        expect(m).not.toContain(String(n));
      }),
    );
  });
});

describe('masking ignores the blanks around a value and never shows its middle', () => {
  it('surrounding blanks are not characters of the value', () => {
    expect(maskIdNumber('  33010219900101123X ')).toBe('3301**********123X');
    expect(maskPhone(' 13812345678\t')).toBe('138****5678');
    expect(maskName('   ')).toBe('');
    expect(maskPhone('   ')).toBe('');
    expect(maskIdNumber('   ')).toBe('');
    expect(maskAddress('  \t ')).toBe('');
  });

  it('the shortest values that keep their ends: 9 characters of an id, 8 of a phone', () => {
    expect(maskIdNumber('123456789')).toBe('1234*6789');
    expect(maskPhone('12345678')).toBe('123*5678');
    expect(maskPhone('1234567')).toBe('*******');
  });

  it('blanks inside an address do not hide its divisions', () => {
    expect(maskAddress('浙江省 杭州市  西湖区 文三路90号')).toBe('浙江省杭州市西湖区****');
  });

  it.each([
    ['重庆市渝中区解放碑1号', '重庆市渝中区****'],
    ['天津市和平区南京路1号', '天津市和平区****'],
    ['香港特别行政区中西区皇后大道中1号', '香港特别行政区中西区****'],
    ['澳门特别行政区花地玛堂区1号', '澳门特别行政区花地玛堂区****'],
    ['新疆维吾尔自治区和田地区和田市北京路1号', '新疆维吾尔自治区和田地区和田市****'],
    ['内蒙古自治区锡林郭勒盟锡林浩特市额尔敦路1号', '内蒙古自治区锡林郭勒盟锡林浩特市****'],
    ['黑龙江省哈尔滨市南岗区西大直街1号', '黑龙江省哈尔滨市南岗区****'],
    ['河北省石家庄市正定县常山路1号', '河北省石家庄市正定县****'],
  ])('%s → %s', (address, masked) => {
    expect(maskAddress(address)).toBe(masked);
  });
});
