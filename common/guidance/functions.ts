/**
 * The functions a guide can point a customer to (Guidance matching): each is a business
 * type or an online self-service function, with the channel that handles it best and the words
 * customers actually use for it. Terms carry weights: a word that names the function outright (2)
 * beats one that only hints at it (1).
 */
export type ChannelKind = 'app' | 'hotline' | 'counter';

export interface Channel {
  kind: ChannelKind;
  /** What the slip and the screen say, e.g. "网上国网 App · 电费缴纳". */
  label: string;
  labelEn: string;
  /** Where the QR code leads; null for the counter. The hall replaces these with its own links. */
  url: string | null;
}

export interface GuidanceTerm {
  text: string;
  weight: number;
}

export interface GuidanceFunction {
  code: string;
  name: string;
  nameEn: string;
  /** The business type to queue for when the customer wants the counter after all. */
  businessType: string;
  channel: Channel;
  /** One line for the customer: what to tap in the app or say on the phone. */
  howTo: string;
  terms: GuidanceTerm[];
}

/** The public 网上国网 web entry and the national hotline; a hall may point to deeper links. */
export const APP_URL = 'https://www.95598.cn/';
export const HOTLINE_URL = 'tel:95598';

const app = (fn: string, fnEn: string): Channel => ({
  kind: 'app',
  label: `网上国网 App · ${fn}`,
  labelEn: `State Grid app · ${fnEn}`,
  url: APP_URL,
});
const hotline: Channel = {
  kind: 'hotline',
  label: '95598 供电服务热线',
  labelEn: '95598 service hotline',
  url: HOTLINE_URL,
};
const counter: Channel = { kind: 'counter', label: '营业厅柜台办理', labelEn: 'At the counter', url: null };

const t = (weight: number, ...texts: string[]): GuidanceTerm[] => texts.map((text) => ({ text, weight }));

export const GUIDANCE_FUNCTIONS: readonly GuidanceFunction[] = [
  {
    code: 'PAY',
    name: '电费缴纳',
    nameEn: 'Pay the bill',
    businessType: 'PAY',
    channel: app('交费', 'Pay'),
    howTo: '首页 → 交费，输入户号即可缴纳；也可用微信/支付宝 生活缴费',
    terms: [
      ...t(2, '交电费', '缴电费', '缴费', '交费', '充电费', '电费缴纳'),
      ...t(1.5, '欠费', '交钱', '付电费', '补交', '电费'),
    ],
  },
  {
    code: 'BILL',
    name: '电费电量查询',
    nameEn: 'Bill and usage enquiry',
    businessType: 'PAY',
    channel: app('电费账单', 'Bills'),
    howTo: '首页 → 电费账单 / 用电量，可查近两年的账单与用电量',
    terms: [
      ...t(2, '查电费', '查账单', '电费账单', '查用电量', '用了多少电', '电费查询'),
      ...t(1.5, '账单', '余额', '电费多少', '为什么这么贵', '电费高'),
    ],
  },
  {
    code: 'CARD',
    name: '购电卡充值/补卡',
    nameEn: 'Prepaid card top-up / replacement',
    businessType: 'CARD',
    channel: app('远程充值', 'Remote top-up'),
    howTo: '远程费控表可在 App 首页 → 交费 直接充值；卡表补卡请到柜台',
    terms: [...t(2, '电卡充值', '购电卡', '补卡', '买电', '充值'), ...t(1.5, '电卡', '卡丢了', '插卡电表')],
  },
  {
    code: 'INV',
    name: '电子发票',
    nameEn: 'Electronic invoice',
    businessType: 'INV',
    channel: app('电子发票', 'E-invoice'),
    howTo: '我的 → 电子发票，选择月份后下载或发送到邮箱',
    terms: [...t(2, '开发票', '打发票', '电子发票', '发票'), ...t(1.5, '报销', '开票', '增值税专票')],
  },
  {
    code: 'NEW',
    name: '新装用电',
    nameEn: 'New connection',
    businessType: 'NEW',
    channel: app('办电 · 新装', 'New connection'),
    howTo: '办电 → 新装，上传身份证与房产证明，线上预约勘查',
    terms: [...t(2, '新装', '装电表', '接电', '通电', '新房'), ...t(1.5, '开户', '装修', '临时用电', '新房子')],
  },
  {
    code: 'CAP',
    name: '增容/减容',
    nameEn: 'Capacity change',
    businessType: 'CAP',
    channel: app('办电 · 增容', 'Capacity change'),
    howTo: '办电 → 增容/减容，填写申请容量与原因',
    terms: [...t(2, '增容', '减容', '加容量', '增加容量'), ...t(1.5, '容量', '变压器', '功率不够', '电不够用')],
  },
  {
    code: 'PV',
    name: '分布式光伏并网',
    nameEn: 'Rooftop PV grid connection',
    businessType: 'PV',
    channel: app('新能源 · 光伏', 'Solar PV'),
    howTo: '新能源 → 分布式光伏，在线申请并网与查看上网电费',
    terms: [...t(2, '光伏', '太阳能', '并网', '光伏发电'), ...t(1.5, '屋顶', '上网电价', '太阳能板')],
  },
  {
    code: 'EV',
    name: '充电桩报装',
    nameEn: 'EV charger connection',
    businessType: 'EV',
    channel: app('新能源 · 充电桩', 'EV charger'),
    howTo: '新能源 → 充电桩报装，上传车位证明，线上预约勘查',
    terms: [...t(2, '充电桩', '装充电桩', '电动车充电', '新能源车'), ...t(1.5, '电动车', '车位', '电动汽车', '充电')],
  },
  {
    code: 'XFER',
    name: '过户',
    nameEn: 'Ownership transfer',
    businessType: 'XFER',
    channel: counter,
    howTo: '请带新旧户主身份证与房产证明到柜台办理',
    terms: [...t(2, '过户', '户主变更', '换户主'), ...t(1.5, '买房', '房子卖了', '二手房', '房产证')],
  },
  {
    code: 'RENAME',
    name: '更名',
    nameEn: 'Rename account',
    businessType: 'RENAME',
    channel: counter,
    howTo: '请带身份证与更名证明到柜台办理',
    terms: [...t(2, '更名', '改名字', '改户名', '户名'), ...t(1.5, '名字不对', '换名字', '名字错了')],
  },
  {
    code: 'TARIFF',
    name: '峰谷电价/改类',
    nameEn: 'Tariff change',
    businessType: 'TARIFF',
    channel: app('用电 · 峰谷电价', 'Time-of-use tariff'),
    howTo: '用电 → 峰谷电价，在线申请开通或变更',
    terms: [...t(2, '峰谷', '峰谷电价', '改类', '阶梯电价', '分时电价'), ...t(1.5, '电价', '阶梯', '晚上电便宜')],
  },
  {
    code: 'SUSP',
    name: '暂停/恢复用电',
    nameEn: 'Suspend / resume',
    businessType: 'SUSP',
    channel: counter,
    howTo: '请带身份证到柜台办理暂停或恢复',
    terms: [...t(2, '暂停用电', '暂停', '恢复用电', '恢复供电'), ...t(1.5, '暂时不用电', '停一段时间', '先不用电')],
  },
  {
    code: 'CLOSE',
    name: '销户',
    nameEn: 'Close account',
    businessType: 'CLOSE',
    channel: counter,
    howTo: '请带身份证到柜台办理，结清电费后退还余额',
    terms: [...t(2, '销户', '注销', '不用电了', '退余额'), ...t(1.5, '拆迁', '退钱', '房子拆了')],
  },
  {
    code: 'METER',
    name: '电能表校验',
    nameEn: 'Meter test',
    businessType: 'METER',
    channel: hotline,
    howTo: '拨打 95598 申请校表，工作人员上门检测',
    terms: [
      ...t(2, '电表坏了', '电表不准', '校表', '电表走得快', '校验电表'),
      ...t(1.5, '电表', '表坏', '表不转', '电表有问题', '走字快'),
    ],
  },
  {
    code: 'FAULT',
    name: '故障报修',
    nameEn: 'Fault report',
    businessType: 'FAULT',
    channel: hotline,
    howTo: '拨打 95598 报修，24 小时有人接听，抢修人员上门',
    terms: [
      ...t(2, '停电', '没电', '跳闸', '报修', '断电'),
      ...t(1.5, '停电了', '电线', '漏电', '冒火', '灯不亮', '电压低'),
    ],
  },
  {
    code: 'ASK',
    name: '业务咨询',
    nameEn: 'Enquiries',
    businessType: 'ASK',
    channel: { ...hotline, label: '95598 / 网上国网 在线客服', labelEn: '95598 / app online service' },
    howTo: '拨打 95598 或在 App 我的 → 在线客服 咨询',
    terms: [...t(2, '咨询', '问一下', '了解'), ...t(1, '请问', '怎么办', '政策')],
  },
];

export function guidanceFunction(code: string): GuidanceFunction | undefined {
  return GUIDANCE_FUNCTIONS.find((f) => f.code === code);
}
