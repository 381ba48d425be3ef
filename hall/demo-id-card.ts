import type { ResidentCardFields } from '../devices/idcard/card-text';

/** The card in the demo hall's simulated reader. Invented person; a valid GB 11643 number. */
export const DEMO_ID_CARD: ResidentCardFields = {
  cardType: 'resident',
  name: '李明华',
  genderCode: '1',
  nationCode: '01',
  birthDate: '19850612',
  address: '浙江省杭州市西湖区文三路398号3幢502室',
  idNumber: '330106198506120015',
  authority: '杭州市公安局西湖分局',
  validFrom: '20180301',
  validTo: '20380301',
};
