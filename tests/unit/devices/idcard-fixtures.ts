/** Virtual cards shared by the ID card tests (not a test file itself). Personal data here is invented. */
import type { Foreign2017Fields, Foreign2023Fields, ResidentCardFields } from '../../../devices/idcard/card-text';

/** Tests pin "today" so the birth-date part of the ID check never drifts. */
export const TODAY = '2026-01-01';

export const RESIDENT: ResidentCardFields = {
  cardType: 'resident',
  name: '张三',
  genderCode: '1',
  nationCode: '01',
  birthDate: '19491231',
  address: '北京市朝阳区建国路88号院3号楼2单元101室',
  idNumber: '11010519491231002X',
  authority: '北京市公安局朝阳分局',
  validFrom: '20150101',
  validTo: '长期',
};

export const HMT_PERMIT: ResidentCardFields = {
  cardType: 'hk_macau_taiwan_permit',
  name: '陈大文',
  genderCode: '1',
  nationCode: '',
  birthDate: '19900101',
  address: '广东省深圳市福田区福华三路100号',
  idNumber: '810000199001010019',
  authority: '深圳市公安局',
  validFrom: '20200101',
  validTo: '20250101',
  passNumber: 'H12345678',
  issueCount: '01',
};

export const FOREIGN_2017: Foreign2017Fields = {
  cardType: 'foreign_permanent_2017',
  englishName: 'SMITH, JOHN WILLIAM',
  genderCode: '1',
  cardNumber: 'USA110085010101',
  nationality: 'USA',
  chineseName: '史密斯',
  validFrom: '20170101',
  validTo: '20270101',
  birthDate: '19850101',
};

export const FOREIGN_2023: Foreign2023Fields = {
  cardType: 'foreign_permanent_2023',
  chineseName: '玛丽',
  genderCode: '2',
  renewalCount: '00',
  birthDate: '19850101',
  // 46 characters: the tail goes to offset 220.
  englishName: 'MARTINEZ GARCIA, MARIA DEL CARMEN ALEJANDRA XY',
  cardNumber: '911156198501010012',
  nationality: 'ESP',
  validFrom: '20230101',
  validTo: '20330101',
};
