/**
 * The reference data of the demo hall: the hall, its 12 windows and its 20 staff. Fixed (not drawn
 * from the PRNG), so every demo database has the same people at the same windows whatever the seed.
 */
import { BUSINESS_TYPES } from '@common/domain/business-types';

export const DEFAULT_HALL_ID = 'H001';
export const DEFAULT_HALL_NAME = '国网杭州市西湖区供电公司 文三路营业厅';
export const DEFAULT_HALL_ADDRESS = '浙江省杭州市西湖区文三路 398 号';

const A = ['PAY', 'CARD', 'INV'];
const B = ['NEW', 'CAP', 'PV', 'EV'];
const C = ['XFER', 'RENAME', 'TARIFF', 'SUSP', 'CLOSE'];
const D = ['METER', 'FAULT'];
const ALL = BUSINESS_TYPES.map((t) => t.code);

export interface WindowSeed {
  windowNo: number;
  name: string;
  businessTypes: string[];
}

/**
 * Four 收费 windows for the A series (3 must serve PAY), two 业扩报装 windows for B, two 变更 windows
 * for C, one B+C window for the queue that builds up there, one 报修/校验/咨询 window, one 综合 window
 * serving everything (11), and one A+E window by the door for quick payments and questions (12).
 */
export const WINDOWS: readonly WindowSeed[] = [
  { windowNo: 1, businessTypes: [...A] },
  { windowNo: 2, businessTypes: [...A] },
  { windowNo: 3, businessTypes: ['PAY', 'CARD', 'INV'] },
  { windowNo: 4, businessTypes: ['PAY', 'INV', 'CARD', 'ASK'] },
  { windowNo: 5, businessTypes: [...B] },
  { windowNo: 6, businessTypes: [...B] },
  { windowNo: 7, businessTypes: [...C] },
  { windowNo: 8, businessTypes: [...C] },
  { windowNo: 9, businessTypes: ['NEW', 'CAP', 'XFER', 'RENAME', 'TARIFF'] },
  { windowNo: 10, businessTypes: [...D, 'ASK'] },
  { windowNo: 11, businessTypes: [...ALL] },
  { windowNo: 12, businessTypes: ['PAY', 'INV', 'ASK'] },
].map((w) => ({ ...w, name: `${w.windowNo}号窗口` }));

export type StaffRole = 'agent' | 'manager' | 'guide' | 'technician';

export interface StaffSeed {
  id: string;
  staffNo: string;
  name: string;
  role: StaffRole;
  title: string;
  starLevel: number;
  skills: string[];
}

type Row = [name: string, role: StaffRole, title: string, star: number, skills: string[]];

const SENIOR = [...A, ...B, ...C, ...D, 'ASK'];
const ROWS: Row[] = [
  ['陈静', 'manager', '营业厅主任', 5, [...ALL]],
  ['王丽娟', 'agent', '高级营业员', 5, SENIOR],
  ['张伟', 'agent', '高级营业员', 5, SENIOR],
  ['李婷婷', 'agent', '营业员', 4, [...A, 'ASK']],
  ['吴晓燕', 'agent', '营业员', 4, [...A, 'ASK']],
  ['徐磊', 'agent', '营业员', 4, [...B]],
  // Works window 8 (变更) and takes 新装 there when its queue builds up, besides the 收费 counter.
  ['周佳怡', 'agent', '营业员', 3, [...A, ...C, 'NEW']],
  ['刘洋', 'agent', '高级营业员', 5, [...B, ...C]],
  ['杨慧', 'agent', '营业员', 4, [...C]],
  ['朱俊杰', 'agent', '营业员', 3, [...A, 'ASK']],
  ['黄雅琴', 'agent', '营业员', 4, [...B, 'ASK']],
  ['林浩', 'agent', '营业员', 3, [...D, 'ASK']],
  ['金晶', 'agent', '高级营业员', 5, SENIOR],
  ['赵欣怡', 'agent', '营业员', 3, [...A]],
  ['沈佳琪', 'agent', '营业员', 4, [...C, 'ASK']],
  ['钱文杰', 'agent', '营业员', 3, [...A, ...D]],
  ['俞敏', 'agent', '营业员', 4, [...A, 'ASK']],
  ['郑秀芳', 'guide', '引导员', 4, ['ASK']],
  ['方诗雨', 'guide', '引导员', 3, ['ASK']],
  ['蒋海涛', 'technician', '设备运维员', 4, [...D]],
];

export const STAFF: readonly StaffSeed[] = ROWS.map(([name, role, title, starLevel, skills], i) => {
  const staffNo = String(1001 + i);
  return { id: `S${staffNo}`, staffNo, name, role, title, starLevel, skills: [...skills] };
});

const AVATAR_COLOURS = [
  '#1f6f8b',
  '#2a9d8f',
  '#3a6ea5',
  '#6a4c93',
  '#b5651d',
  '#c2185b',
  '#2e7d32',
  '#00838f',
  '#5d4037',
  '#455a64',
  '#ad1457',
  '#283593',
];

/** Surname for the avatar: the first character, or two for a compound surname. */
function surnameOf(name: string): string {
  const compound = ['欧阳', '诸葛', '司马', '上官', '东方', '司徒'];
  return compound.find((s) => name.startsWith(s)) ?? Array.from(name)[0] ?? '?';
}

/**
 * A placeholder portrait: a rounded square in a colour picked from the name, with the surname on it,
 * as an SVG data URI (about 500 bytes). Real photos replace it in production.
 */
export function avatarDataUri(name: string): string {
  let h = 2166136261;
  for (const ch of name) h = Math.imul(h ^ ch.codePointAt(0)!, 16777619);
  const colour = AVATAR_COLOURS[(h >>> 0) % AVATAR_COLOURS.length];
  const text = surnameOf(name).replace(/[<>&"']/g, '');
  const size = text.length > 1 ? 34 : 46;
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" width="96" height="96" viewBox="0 0 96 96">` +
    `<rect width="96" height="96" rx="18" fill="${colour}"/>` +
    `<text x="48" y="48" dy=".35em" text-anchor="middle" font-family="Noto Sans CJK SC,PingFang SC,Microsoft YaHei,sans-serif" font-size="${size}" fill="#fff">${text}</text></svg>`;
  return `data:image/svg+xml;base64,${Buffer.from(svg, 'utf8').toString('base64')}`;
}
