/**
 * Customer features: numbers computed from a customer's bills and payments as of one moment, the
 * inputs of both the tag rules and the fee-recovery risk model. Ids and numbers only — no name,
 * phone or address ever enters a feature.
 */

/** One bill with the moment it was settled (null while unpaid). */
export interface BillFact {
  period: string;
  kwh: number;
  amountFen: number;
  paidFen: number;
  /** 'YYYY-MM-DD': the last day to pay without being late. */
  dueDate: string;
  /** ISO time of the payment that settled it; null while unpaid, or when only the paid amount is known. */
  paidAt: string | null;
}

export interface CustomerFacts {
  customerId: number;
  usageType: string;
  prepaid: boolean;
  balanceFen: number;
  /** Oldest first. */
  bills: BillFact[];
  /** Channels of the customer's payments, any order. */
  channels: string[];
  /** Reminders, visits and other follow-ups recorded in the 12 months before `asOf`. */
  reminders12m: number;
}

export const FEATURE_NAMES = [
  'arrearsPeriods',
  'arrearsFen',
  'late6m',
  'late12m',
  'maxDaysLate12m',
  'lateStreak',
  'onlineShare',
  'bankDebit',
  'prepaid',
  'balanceFen',
  'nonResidential',
  'avgBillFen12m',
  'usageChangePct',
  'reminders12m',
  'tenureMonths',
  'monthsSinceLastPayment',
  'payments12m',
  'paidFen12m',
] as const;
export type FeatureName = (typeof FEATURE_NAMES)[number];
export type Features = Record<FeatureName, number>;

export const isFeatureName = (v: unknown): v is FeatureName =>
  typeof v === 'string' && (FEATURE_NAMES as readonly string[]).includes(v);

/** What the person at the screen reads for each feature; `unit` follows the number. */
export const FEATURE_WORDS: Record<
  FeatureName,
  { 'zh-CN': string; en: string; unit: 'count' | 'fen' | 'pct' | 'days' | 'flag' | 'months' }
> = {
  arrearsPeriods: { 'zh-CN': '欠费期数', en: 'bills in arrears', unit: 'count' },
  arrearsFen: { 'zh-CN': '欠费金额', en: 'amount in arrears', unit: 'fen' },
  late6m: { 'zh-CN': '近 6 个月逾期次数', en: 'late payments in 6 months', unit: 'count' },
  late12m: { 'zh-CN': '近 12 个月逾期次数', en: 'late payments in 12 months', unit: 'count' },
  maxDaysLate12m: { 'zh-CN': '近 12 个月最长逾期天数', en: 'longest delay in 12 months', unit: 'days' },
  lateStreak: { 'zh-CN': '连续逾期期数', en: 'bills late in a row', unit: 'count' },
  onlineShare: { 'zh-CN': '线上缴费占比', en: 'share paid online', unit: 'pct' },
  bankDebit: { 'zh-CN': '银行代扣', en: 'bank direct debit', unit: 'flag' },
  prepaid: { 'zh-CN': '预付费表', en: 'prepaid meter', unit: 'flag' },
  balanceFen: { 'zh-CN': '账户余额', en: 'account balance', unit: 'fen' },
  nonResidential: { 'zh-CN': '非居民用电', en: 'non-residential supply', unit: 'flag' },
  avgBillFen12m: { 'zh-CN': '近 12 个月月均电费', en: 'average monthly bill', unit: 'fen' },
  usageChangePct: { 'zh-CN': '近 3 个月用电同比变化', en: 'usage change on last year (3 months)', unit: 'pct' },
  reminders12m: { 'zh-CN': '近 12 个月催费次数', en: 'reminders in 12 months', unit: 'count' },
  tenureMonths: { 'zh-CN': '用电月数', en: 'months on supply', unit: 'months' },
  monthsSinceLastPayment: { 'zh-CN': '距上次缴费月数', en: 'months since last payment', unit: 'months' },
  payments12m: { 'zh-CN': '近 12 个月缴费次数', en: 'payments in 12 months', unit: 'count' },
  paidFen12m: { 'zh-CN': '近 12 个月缴费金额', en: 'paid in 12 months', unit: 'fen' },
};

const DAY = 86_400_000;
/** Due dates are hall days (UTC+8): a bill is late from the day after its due date, Beijing time. */
const dueEndMs = (dueDate: string): number => Date.parse(`${dueDate}T23:59:59.999+08:00`);
const ONLINE = new Set(['微信', '支付宝', '网上国网', 'qr', 'bank_card']);
const BANK_DEBIT = new Set(['银行代扣']);

/** How a bill stood at `asOfMs`: not yet due, paid (on time or `daysLate`), or overdue and unpaid. */
export interface BillStanding {
  due: boolean;
  paid: boolean;
  daysLate: number;
  paidMs: number | null;
}

export function billStanding(b: BillFact, asOfMs: number): BillStanding {
  const dueMs = dueEndMs(b.dueDate);
  const paidAtMs = b.paidAt ? Date.parse(b.paidAt) : null;
  // A settled bill whose payment time is unknown counts as paid on its due date.
  const settledMs =
    b.amountFen <= 0 ? -Infinity : paidAtMs !== null ? paidAtMs : b.paidFen >= b.amountFen ? dueMs : null;
  const paid = settledMs !== null && settledMs <= asOfMs;
  const due = dueMs < asOfMs;
  const end = paid ? settledMs! : asOfMs;
  const daysLate = due || paid ? Math.max(0, Math.ceil((end - dueMs) / DAY)) : 0;
  return { due, paid, daysLate, paidMs: paid && Number.isFinite(settledMs) ? settledMs : null };
}

/** The month of `asOfMs` (Beijing time) as a month count, so a period's age is one subtraction. */
function monthIndexOf(asOfMs: number): number {
  const d = new Date(asOfMs + 8 * 3_600_000);
  return d.getUTCFullYear() * 12 + d.getUTCMonth();
}
/** A period 'YYYY-MM' as a month count. */
const periodIndex = (period: string): number => Number(period.slice(0, 4)) * 12 + Number(period.slice(5, 7)) - 1;

/**
 * The features as of `asOf`: only bills issued before it count, and a payment made after it is not
 * yet made — so features at month 18 of a 24-month history see exactly what was known then.
 */
export function computeFeatures(f: CustomerFacts, asOf: string | number): Features {
  const asOfMs = typeof asOf === 'number' ? asOf : Date.parse(asOf);
  const nowMonth = monthIndexOf(asOfMs);
  const ages = f.bills.map((b) => nowMonth - periodIndex(b.period));
  const bills = f.bills.filter((_, i) => ages[i]! >= 1);
  const billAges = ages.filter((a) => a >= 1);
  let arrearsPeriods = 0;
  let arrearsFen = 0;
  let late6m = 0;
  let late12m = 0;
  let maxDaysLate12m = 0;
  let payments12m = 0;
  let paidFen12m = 0;
  let lastPaidMs = -Infinity;
  let billSum12 = 0;
  let billCount12 = 0;
  const standings = bills.map((b) => billStanding(b, asOfMs));
  bills.forEach((b, i) => {
    const s = standings[i]!;
    const age = billAges[i]!;
    if (s.due && !s.paid && b.amountFen > 0) {
      arrearsPeriods++;
      arrearsFen += b.amountFen - Math.min(b.paidFen, b.amountFen);
    }
    const late = s.daysLate > 0 && b.amountFen > 0;
    if (age <= 12) {
      billSum12 += b.amountFen;
      billCount12++;
      if (late) late12m++;
      if (late) maxDaysLate12m = Math.max(maxDaysLate12m, s.daysLate);
      if (s.paid && s.paidMs !== null && asOfMs - s.paidMs <= 365 * DAY) {
        payments12m++;
        paidFen12m += b.amountFen;
      }
    }
    if (age <= 6 && late) late6m++;
    if (s.paidMs !== null) lastPaidMs = Math.max(lastPaidMs, s.paidMs);
  });
  // Bills late (or overdue) in a row, counted back from the newest bill that is due.
  let lateStreak = 0;
  for (let i = bills.length - 1; i >= 0; i--) {
    const s = standings[i]!;
    if (!s.due && !s.paid) continue;
    if (s.daysLate > 0 && bills[i]!.amountFen > 0) lateStreak++;
    else break;
  }
  const kwhByAge = new Map(bills.map((b, i) => [billAges[i]!, b.kwh]));
  const kwhOf = (age: number) => kwhByAge.get(age);
  const recent = [1, 2, 3].map(kwhOf);
  const lastYear = [13, 14, 15].map(kwhOf);
  const usageChangePct =
    recent.every((k) => k !== undefined) && lastYear.every((k) => k !== undefined)
      ? pctChange(sum(recent as number[]), sum(lastYear as number[]))
      : 0;
  const channels = f.channels.length;
  return {
    arrearsPeriods,
    arrearsFen,
    late6m,
    late12m,
    maxDaysLate12m,
    lateStreak,
    onlineShare: channels ? Math.round((100 * f.channels.filter((c) => ONLINE.has(c)).length) / channels) : 0,
    bankDebit: f.channels.some((c) => BANK_DEBIT.has(c)) ? 1 : 0,
    prepaid: f.prepaid ? 1 : 0,
    balanceFen: f.balanceFen,
    nonResidential: f.usageType === '居民' ? 0 : 1,
    avgBillFen12m: billCount12 ? Math.round(billSum12 / billCount12) : 0,
    usageChangePct,
    reminders12m: f.reminders12m,
    tenureMonths: bills.length,
    monthsSinceLastPayment: Number.isFinite(lastPaidMs)
      ? Math.max(0, Math.floor((asOfMs - lastPaidMs) / (30 * DAY)))
      : 99,
    payments12m,
    paidFen12m,
  };
}

const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);
const pctChange = (now: number, before: number) =>
  before > 0 ? Math.max(-100, Math.min(1000, Math.round(((now - before) * 100) / before))) : now > 0 ? 100 : 0;

/** A feature value as the person at the screen reads it: 欠费金额 ¥123.40, 线上缴费占比 60%. */
export function featureValueText(name: FeatureName, value: number, locale: 'zh-CN' | 'en'): string {
  const unit = FEATURE_WORDS[name].unit;
  if (unit === 'fen') return `¥${(value / 100).toFixed(2)}`;
  if (unit === 'pct') return `${value}%`;
  if (unit === 'flag') return value ? (locale === 'en' ? 'yes' : '是') : locale === 'en' ? 'no' : '否';
  if (unit === 'days') return locale === 'en' ? `${value} days` : `${value} 天`;
  if (unit === 'months') return locale === 'en' ? `${value} months` : `${value} 个月`;
  return locale === 'en'
    ? String(value)
    : `${value} 次`.replace(/次$/, name === 'arrearsPeriods' || name === 'lateStreak' ? '期' : '次');
}
