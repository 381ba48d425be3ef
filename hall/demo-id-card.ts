import type { ResidentCardFields } from '../devices/idcard/card-text';

/**
 * The card in the demo hall's simulated reader. Invented person; a valid GB 11643 number. The seed
 * makes this person the holder of two accounts (hall/seed/demo-holder.ts), so reading the card at
 * the kiosk finds them: a home with bills to pay and a shop on a prepaid meter.
 */
export const DEMO_ID_CARD: ResidentCardFields = {
  cardType: 'resident',
  name: '欧阳明华',
  genderCode: '1',
  nationCode: '01',
  birthDate: '19850612',
  address: '浙江省杭州市西湖区文三路398号3幢502室',
  idNumber: '330106198506120015',
  authority: '杭州市公安局西湖分局',
  validFrom: '20180301',
  validTo: '20380301',
};

/** The holder's registered phone: its last four digits identify the accounts at the kiosk with the 户号. */
export const DEMO_HOLDER_PHONE = '13957103981';
/** The holder's home (bills in arrears) and shop (prepaid meter; the simulated power card is its card). */
export const DEMO_HOME_ACCOUNT = '3399999901';
export const DEMO_POWER_CARD_ACCOUNT = '3399999902';
