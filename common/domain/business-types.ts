import type { LocalizedText } from '../errors';

/** The business types of a power-utility hall (业务类型). */
export interface BusinessType {
  code: string;
  name: string;
  nameEn: string;
  prefix: string;
  onlineChannel: string | null;
  synonyms: string[];
  targetWaitMin: number;
  dailyCap: number;
}

export const BUSINESS_TYPES: readonly BusinessType[] = [
  {
    code: 'PAY',
    name: '电费缴纳',
    nameEn: 'Bill payment',
    prefix: 'A',
    onlineChannel: '网上国网 App 缴费, 微信/支付宝 生活缴费',
    synonyms: ['交电费', '缴费', '充电费', '欠费', '交钱'],
    targetWaitMin: 20,
    dailyCap: 999,
  },
  {
    code: 'CARD',
    name: '购电卡充值/补卡',
    nameEn: 'Prepaid card top-up / replacement',
    prefix: 'A',
    onlineChannel: '网上国网 远程充值',
    synonyms: ['充值', '买电', '补卡', '电卡'],
    targetWaitMin: 20,
    dailyCap: 999,
  },
  {
    code: 'INV',
    name: '发票打印/电子发票',
    nameEn: 'Invoices',
    prefix: 'A',
    onlineChannel: '网上国网 电子发票',
    synonyms: ['开发票', '打发票', '报销', '发票'],
    targetWaitMin: 20,
    dailyCap: 999,
  },
  {
    code: 'NEW',
    name: '新装',
    nameEn: 'New connection',
    prefix: 'B',
    onlineChannel: '网上国网 办电',
    synonyms: ['装电表', '新装', '接电', '开户'],
    targetWaitMin: 30,
    dailyCap: 300,
  },
  {
    code: 'CAP',
    name: '增容/减容',
    nameEn: 'Capacity change',
    prefix: 'B',
    onlineChannel: '网上国网 办电',
    synonyms: ['增容', '减容', '加容量'],
    targetWaitMin: 30,
    dailyCap: 300,
  },
  {
    code: 'PV',
    name: '分布式光伏并网',
    nameEn: 'Distributed PV grid connection',
    prefix: 'B',
    onlineChannel: '网上国网 光伏',
    synonyms: ['光伏', '太阳能', '并网'],
    targetWaitMin: 30,
    dailyCap: 300,
  },
  {
    code: 'EV',
    name: '充电桩报装',
    nameEn: 'EV charger connection',
    prefix: 'B',
    onlineChannel: '网上国网 充电桩',
    synonyms: ['充电桩', '电动车', '新能源车'],
    targetWaitMin: 30,
    dailyCap: 300,
  },
  {
    code: 'XFER',
    name: '过户',
    nameEn: 'Ownership transfer',
    prefix: 'C',
    onlineChannel: null,
    synonyms: ['过户', '买房', '房子卖了'],
    targetWaitMin: 30,
    dailyCap: 300,
  },
  {
    code: 'RENAME',
    name: '更名',
    nameEn: 'Rename account',
    prefix: 'C',
    onlineChannel: null,
    synonyms: ['更名', '改名字'],
    targetWaitMin: 30,
    dailyCap: 300,
  },
  {
    code: 'TARIFF',
    name: '改类/峰谷电价/阶梯',
    nameEn: 'Tariff change',
    prefix: 'C',
    onlineChannel: '网上国网',
    synonyms: ['峰谷', '电价', '阶梯', '改类'],
    targetWaitMin: 30,
    dailyCap: 300,
  },
  {
    code: 'SUSP',
    name: '暂停/恢复',
    nameEn: 'Suspend / resume',
    prefix: 'C',
    onlineChannel: null,
    synonyms: ['暂停', '恢复供电'],
    targetWaitMin: 30,
    dailyCap: 300,
  },
  {
    code: 'CLOSE',
    name: '销户',
    nameEn: 'Close account',
    prefix: 'C',
    onlineChannel: null,
    synonyms: ['销户', '不用电了', '退余额'],
    targetWaitMin: 30,
    dailyCap: 300,
  },
  {
    code: 'METER',
    name: '电能表校验',
    nameEn: 'Meter test',
    prefix: 'D',
    onlineChannel: '95598',
    synonyms: ['电表不准', '校表', '电表走得快'],
    targetWaitMin: 20,
    dailyCap: 300,
  },
  {
    code: 'FAULT',
    name: '故障报修',
    nameEn: 'Fault report',
    prefix: 'D',
    onlineChannel: '95598 热线',
    synonyms: ['停电', '没电', '跳闸', '报修'],
    targetWaitMin: 15,
    dailyCap: 300,
  },
  {
    code: 'ASK',
    name: '业务咨询',
    nameEn: 'Enquiries',
    prefix: 'E',
    onlineChannel: '95598, 网上国网 在线客服',
    synonyms: ['咨询', '问一下', '了解'],
    targetWaitMin: 15,
    dailyCap: 999,
  },
];

export const BUSINESS_TYPE_CODES = BUSINESS_TYPES.map((t) => t.code) as [string, ...string[]];

export function businessType(code: string): BusinessType | undefined {
  return BUSINESS_TYPES.find((t) => t.code === code);
}

/** A business type as a message names it: its name in both languages, or its code when unknown. */
export function businessTypeName(code: string): LocalizedText | string {
  const t = businessType(code);
  return t ? { 'zh-CN': t.name, en: t.nameEn } : code;
}
