import { DEMO_HOLDER_PHONE, DEMO_HOME_ACCOUNT, DEMO_ID_CARD, DEMO_POWER_CARD_ACCOUNT } from '../demo-id-card';
import type { CustomerSeed } from './customers';

/**
 * The demo ID card's holder as the first two seeded customers: the card, the power card and the
 * 户号 with the phone's last four digits all find someone at the kiosk. The generated customer keeps
 * its usage and meter (the PRNG sequence is untouched); who it is and how it pays are replaced.
 * Its account numbers sit at the end of the generator's range (33999999xx); were a generated one
 * ever the same, the seed would stop at the customers table's unique 户号.
 */
export const DEMO_HOLDER_IDS = { home: 1, shop: 2 } as const;

export function withDemoHolder(c: CustomerSeed): CustomerSeed {
  if (c.id !== DEMO_HOLDER_IDS.home && c.id !== DEMO_HOLDER_IDS.shop) return c;
  const card = DEMO_ID_CARD;
  const holder = {
    ...c,
    name: card.name,
    gender: card.genderCode === '2' ? ('female' as const) : ('male' as const),
    birthDate: `${card.birthDate.slice(0, 4)}-${card.birthDate.slice(4, 6)}-${card.birthDate.slice(6, 8)}`,
    idNumber: card.idNumber,
    phone: DEMO_HOLDER_PHONE,
  };
  return c.id === DEMO_HOLDER_IDS.home
    ? {
        ...holder,
        accountNo: DEMO_HOME_ACCOUNT,
        address: card.address,
        tariff: '居民阶梯',
        usageType: '居民',
        prepaid: false,
        balanceFen: 0,
        baseKwh: Math.max(c.baseKwh, 120),
        unpaidLatest: 2,
      }
    : {
        ...holder,
        accountNo: DEMO_POWER_CARD_ACCOUNT,
        address: '浙江省杭州市西湖区文三路398号1层商铺',
        tariff: '一般工商业',
        usageType: '非居民',
        prepaid: true,
        balanceFen: 12_000,
        baseKwh: Math.max(c.baseKwh, 300),
        unpaidLatest: 0,
      };
}
