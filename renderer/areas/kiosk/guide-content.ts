/**
 * 办事指南 at the kiosk: what to bring for each service and where it can be done online instead,
 * in both languages. The documents follow the application forms (common/forms/schemas.ts); the
 * online address is the State Grid customer service site, which every phone can open.
 */
export const ONLINE_SERVICE_URL = 'https://www.95598.cn/';

export interface GuideEntry {
  documents: { 'zh-CN': string[]; en: string[] };
  /** Where the service can be done without coming in; null: only at a counter. */
  online: { 'zh-CN': string; en: string } | null;
}

const ID = { zh: '本人身份证', en: 'Your ID card' };
const doc = (...items: { zh: string; en: string }[]) => ({
  'zh-CN': items.map((i) => i.zh),
  en: items.map((i) => i.en),
});
const APP = (zh: string, en: string) => ({ 'zh-CN': `“网上国网”App：${zh}`, en: `State Grid app: ${en}` });

export const GUIDE: Readonly<Record<string, GuideEntry>> = {
  PAY: {
    documents: doc({ zh: '户号（见电费单），或本人身份证', en: 'Account number (on your bill), or your ID card' }),
    online: { 'zh-CN': '“网上国网”App、微信或支付宝生活缴费', en: 'State Grid app, or WeChat / Alipay utilities' },
  },
  CARD: {
    documents: doc({ zh: '购电卡', en: 'Your power card' }, ID),
    online: APP('远程充值', 'remote top-up'),
  },
  INV: {
    documents: doc({ zh: '户号或缴费凭证', en: 'Account number or payment receipt' }),
    online: APP('电子发票', 'e-invoices'),
  },
  NEW: {
    documents: doc(ID, { zh: '房产证明或租赁合同', en: 'Property deed or lease' }),
    online: APP('新装办电', 'new connection'),
  },
  CAP: { documents: doc(ID, { zh: '户号', en: 'Account number' }), online: APP('增容减容', 'capacity change') },
  PV: {
    documents: doc(ID, { zh: '屋顶产权证明', en: 'Proof of roof ownership' }),
    online: APP('光伏并网', 'solar connection'),
  },
  EV: {
    documents: doc(ID, { zh: '车位产权或使用证明', en: 'Proof of parking space ownership or use' }),
    online: APP('充电桩报装', 'EV charger'),
  },
  XFER: {
    documents: doc({ zh: '新户主身份证', en: 'New owner’s ID card' }, { zh: '房产证明', en: 'Property deed' }),
    online: null,
  },
  RENAME: { documents: doc(ID, { zh: '更名证明', en: 'Proof of the name change' }), online: null },
  TARIFF: { documents: doc(ID, { zh: '户号', en: 'Account number' }), online: APP('峰谷电价', 'time-of-use tariff') },
  SUSP: { documents: doc(ID, { zh: '户号', en: 'Account number' }), online: null },
  CLOSE: { documents: doc(ID, { zh: '户号', en: 'Account number' }), online: null },
  METER: {
    documents: doc({ zh: '户号', en: 'Account number' }),
    online: { 'zh-CN': '拨打 95598 预约校验', en: 'Call 95598 to book a check' },
  },
  FAULT: {
    documents: doc({ zh: '户号和故障地址', en: 'Account number and the address' }),
    online: { 'zh-CN': '拨打 95598 报修（24 小时）', en: 'Call 95598 to report a fault (24 h)' },
  },
  ASK: {
    documents: doc({ zh: '无需材料', en: 'Nothing needed' }),
    online: { 'zh-CN': '拨打 95598，或“网上国网”App 在线客服', en: 'Call 95598, or chat in the State Grid app' },
  },
};
