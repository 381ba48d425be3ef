/**
 * Demo customers and their bills, drawn from a seeded PRNG: the same seed and the same order of calls
 * give the same people, the same meters and the same 24 months of usage. No database here: the
 * generator fills plain values and reusable arrays; hall/seed/index.ts writes them.
 */
import { idCheckDigit } from '@common/domain/id-number';
import { Rng, WeightedTable } from './prng';
import {
  DISTRICTS,
  GIVEN_NEW,
  GIVEN_OLD,
  ID_REGIONS,
  PHONE_PREFIXES,
  SHOP_KINDS,
  SURNAMES,
  type District,
} from './tables';

export const BILL_MONTHS = 24;

export type Tariff = '居民阶梯' | '居民峰谷' | '一般工商业';
export const PAYMENT_CHANNELS = ['微信', '支付宝', '网上国网', '柜台现金', '银行代扣'] as const;
export type PaymentChannel = (typeof PAYMENT_CHANNELS)[number];

export interface CustomerSeed {
  id: number;
  accountNo: string;
  name: string;
  gender: 'male' | 'female';
  birthDate: string;
  idNumber: string;
  phone: string;
  address: string;
  meterNo: string;
  tariff: Tariff;
  usageType: '居民' | '非居民';
  prepaid: boolean;
  balanceFen: number;
  /** The channel this customer usually pays by. */
  channel: PaymentChannel;
  /** Median monthly kWh before seasonal variation. */
  baseKwh: number;
  /** Share of consumption in peak hours (居民峰谷). */
  peakShare: number;
  /** How many of the latest bills are unpaid (0 for most, 1–2 for ~3%). */
  unpaidLatest: number;
}

/** One billing month: period 'YYYY-MM', its due date, when its bill was issued (epoch ms). */
export interface BillMonth {
  period: string;
  /** 'YYYY-MM' → 'YYYYMM' for payment ids. */
  periodCompact: string;
  month: number;
  dueDate: string;
  issuedMs: number;
  dueMs: number;
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** China Standard Time, UTC+8 all year. */
const CST = 8 * HOUR;
const pad = (n: number, w: number): string => String(n).padStart(w, '0');

/** Epoch ms of a wall-clock time in China Standard Time. */
function cst(y: number, m: number, d: number, h = 0, min = 0): number {
  return Date.UTC(y, m - 1, d, h, min) - CST;
}

/**
 * The 24 billing months ending with the month before `asOf` ('YYYY-MM-DD'). Meters are read on the
 * 25th (抄表例日), the bill for month P is issued on the 26th of P and due on the 25th of P+1.
 */
export function billMonths(asOf: string): { months: BillMonth[]; asOfMs: number } {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(asOf);
  if (!m) throw new RangeError(`asOf must be YYYY-MM-DD, got ${asOf}`);
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const asOfMs = cst(y, mo, d);
  const months: BillMonth[] = [];
  for (let k = BILL_MONTHS; k >= 1; k--) {
    const idx = y * 12 + (mo - 1) - k;
    const py = Math.floor(idx / 12);
    const pm = (idx % 12) + 1;
    const ny = Math.floor((idx + 1) / 12);
    const nm = ((idx + 1) % 12) + 1;
    months.push({
      period: `${py}-${pad(pm, 2)}`,
      periodCompact: `${py}${pad(pm, 2)}`,
      month: pm,
      dueDate: `${ny}-${pad(nm, 2)}-25`,
      issuedMs: cst(py, pm, 26, 6),
      dueMs: cst(ny, nm, 25, 23, 59),
    });
  }
  return { months, asOfMs };
}

/**
 * Seasonal factor by calendar month for Hangzhou households: air conditioning in July–August, heating
 * in January–February, mild spring and autumn.
 */
const SEASON = [0, 1.28, 1.22, 1.0, 0.84, 0.82, 1.0, 1.42, 1.52, 1.12, 0.86, 0.9, 1.1];

/** Monthly approximation of the Zhejiang residential tiers (annual 2760 / 4800 kWh). */
export const TIER1_KWH = 230;
export const TIER2_KWH = 400;
/** Prices in 厘 (0.001 元) per kWh. */
export const PRICES_LI = {
  tier: [538, 588, 838] as const,
  peak: 568,
  valley: 288,
  /** Surcharges of the 2nd and 3rd tier on top of the time-of-use prices. */
  tierSurcharge: [0, 50, 300] as const,
  commercial: 716,
};

/** Bill amount in fen for one month. */
export function billAmountFen(tariff: Tariff, kwh: number, peakShare: number): number {
  let li: number;
  const t2 = Math.max(0, Math.min(kwh, TIER2_KWH) - TIER1_KWH);
  const t3 = Math.max(0, kwh - TIER2_KWH);
  if (tariff === '一般工商业') {
    li = kwh * PRICES_LI.commercial;
  } else if (tariff === '居民阶梯') {
    li = (kwh - t2 - t3) * PRICES_LI.tier[0] + t2 * PRICES_LI.tier[1] + t3 * PRICES_LI.tier[2];
  } else {
    const peak = Math.round(kwh * peakShare);
    li =
      peak * PRICES_LI.peak +
      (kwh - peak) * PRICES_LI.valley +
      t2 * PRICES_LI.tierSurcharge[1] +
      t3 * PRICES_LI.tierSurcharge[2];
  }
  return Math.round(li / 10);
}

/** The most customers one hall can have: account numbers are '33' + 8 digits. */
export const MAX_CUSTOMERS = 99_999_999;

/**
 * A bijection on [0, mod): a·x + b mod m with a coprime to m, so account and meter numbers are unique
 * and look scattered. Exact in doubles: a < 2^24, x ≤ MAX_CUSTOMERS, b < mod ≤ 10^10 keep a·x + b < 2^53.
 */
function permute(x: number, a: number, b: number, mod: number): number {
  return (a * x + b) % mod;
}

export class CustomerGenerator {
  readonly #rng: Rng;
  readonly #surnames = new WeightedTable(SURNAMES);
  readonly #regions = new WeightedTable(ID_REGIONS);
  readonly #districts = new WeightedTable(DISTRICTS.map((d) => [d, d.weight] as const));
  readonly #phonePrefixes = new WeightedTable(PHONE_PREFIXES);
  readonly #tariffs = new WeightedTable<Tariff>([
    ['居民阶梯', 62],
    ['居民峰谷', 28],
    ['一般工商业', 10],
  ]);
  readonly #channelsYoung = new WeightedTable<PaymentChannel>([
    ['微信', 36],
    ['支付宝', 28],
    ['网上国网', 22],
    ['银行代扣', 10],
    ['柜台现金', 4],
  ]);
  readonly #channelsOld = new WeightedTable<PaymentChannel>([
    ['微信', 20],
    ['支付宝', 8],
    ['网上国网', 10],
    ['银行代扣', 34],
    ['柜台现金', 28],
  ]);
  readonly #idsSeen = new Set<string>();
  readonly #phonesSeen = new Set<number>();
  readonly #accountOffset: number;
  readonly #meterOffset: number;

  constructor(seed: number) {
    this.#rng = new Rng(seed);
    this.#accountOffset = this.#rng.int(0, 99_999_999);
    this.#meterOffset = this.#rng.int(0, 999_999_999);
  }

  get rng(): Rng {
    return this.#rng;
  }

  #birthDate(): { year: number; iso: string; compact: string } {
    const rng = this.#rng;
    // Account holders skew to middle age: the mean of two uniforms peaks at 1972.
    const from = Date.UTC(1940, 0, 1);
    const to = Date.UTC(2004, 11, 31);
    const t = from + Math.floor(((rng.next() + rng.next()) / 2) * ((to - from) / DAY + 1)) * DAY;
    const d = new Date(t);
    const y = d.getUTCFullYear();
    const mm = pad(d.getUTCMonth() + 1, 2);
    const dd = pad(d.getUTCDate(), 2);
    return { year: y, iso: `${y}-${mm}-${dd}`, compact: `${y}${mm}${dd}` };
  }

  #name(gender: 'male' | 'female', birthYear: number): string {
    const rng = this.#rng;
    const surname = this.#surnames.pick(rng);
    const table = birthYear < 1975 ? GIVEN_OLD : GIVEN_NEW;
    const chars = table[gender];
    const first = rng.pick(chars);
    if (rng.chance(0.16)) return surname + first;
    if (gender === 'female' && birthYear >= 1980 && rng.chance(0.06)) return surname + first + first;
    let second = rng.pick(chars);
    while (second === first) second = rng.pick(chars);
    return surname + first + second;
  }

  #idNumber(birthCompact: string, gender: 'male' | 'female'): string {
    const rng = this.#rng;
    for (;;) {
      const seq = rng.int(0, 99) * 10 + (gender === 'male' ? rng.int(0, 4) * 2 + 1 : rng.int(0, 4) * 2);
      const body = this.#regions.pick(rng) + birthCompact + pad(seq, 3);
      const id = body + idCheckDigit(body);
      if (!this.#idsSeen.has(id)) {
        this.#idsSeen.add(id);
        return id;
      }
    }
  }

  #phone(): string {
    const rng = this.#rng;
    for (;;) {
      const prefix = this.#phonePrefixes.pick(rng);
      const n = Number(prefix) * 1e8 + rng.int(0, 99_999_999);
      if (!this.#phonesSeen.has(n)) {
        this.#phonesSeen.add(n);
        return String(n);
      }
    }
  }

  #address(d: District, residential: boolean): string {
    const rng = this.#rng;
    const head = `浙江省杭州市${d.name}${rng.pick(d.subdistricts)}${rng.pick(d.streets)}${rng.int(1, 800)}号`;
    if (!residential) return `${head}${rng.int(1, 3)}楼${rng.pick(SHOP_KINDS)}`;
    const floor = rng.int(1, rng.chance(0.3) ? 28 : 7);
    return `${head}${rng.int(1, 32)}幢${rng.int(1, 4)}单元${floor}${pad(rng.int(1, 4), 2)}室`;
  }

  /** The customer with the given id (1-based; call in increasing order for the same output). */
  next(id: number): CustomerSeed {
    const rng = this.#rng;
    const gender = rng.chance(0.5) ? 'male' : 'female';
    const birth = this.#birthDate();
    const name = this.#name(gender, birth.year);
    const idNumber = this.#idNumber(birth.compact, gender);
    const phone = this.#phone();
    const tariff = this.#tariffs.pick(rng);
    const residential = tariff !== '一般工商业';
    const address = this.#address(this.#districts.pick(rng), residential);
    const prepaid = rng.chance(0.1);
    const unpaidLatest = rng.chance(0.03) ? rng.int(1, 2) : 0;
    let balanceFen = 0;
    if (prepaid) balanceFen = rng.chance(0.08) ? -rng.int(100, 5_000) : rng.int(500, 60_000);
    else if (unpaidLatest === 0 && rng.chance(0.15)) balanceFen = rng.int(10, 300) * 100;
    const vacant = rng.chance(0.02);
    const baseKwh = vacant
      ? rng.int(0, 8)
      : Math.max(
          5,
          Math.round(Math.exp(Math.log(residential ? 175 : 950) + (residential ? 0.45 : 0.8) * rng.normal())),
        );
    const channel = (birth.year < 1965 ? this.#channelsOld : this.#channelsYoung).pick(rng);
    return {
      id,
      accountNo: `33${pad(permute(id, 7_654_321, this.#accountOffset, 100_000_000), 8)}`,
      name,
      gender,
      birthDate: birth.iso,
      idNumber,
      phone,
      address,
      meterNo: `3301${pad(permute(id, 12_345_677, this.#meterOffset, 10_000_000_000), 10)}`,
      tariff,
      usageType: residential ? '居民' : '非居民',
      prepaid,
      balanceFen,
      channel,
      baseKwh,
      peakShare: 0.5 + rng.next() * 0.3,
      unpaidLatest,
    };
  }

  /** Monthly consumption: the customer's base, the season, and ±15% noise; vacant homes stay near 0. */
  kwh(c: CustomerSeed, m: BillMonth): number {
    const noise = 1 + 0.09 * this.#rng.normal();
    const seasonal = c.usageType === '居民' ? SEASON[m.month] : 1 + (SEASON[m.month] - 1) * 0.5;
    return Math.max(0, Math.round(c.baseKwh * seasonal * noise));
  }

  /** Channel of one payment: usually the customer's own, sometimes another. */
  channel(c: CustomerSeed): PaymentChannel {
    return this.#rng.chance(0.12) ? this.#rng.pick(PAYMENT_CHANNELS) : c.channel;
  }

  /**
   * When a bill was paid (epoch ms): bank debits a day or two after issue, counter cash in opening
   * hours, others any time 07:00–23:00, most within a week; never after the due date or `asOfMs`.
   */
  paidAt(channel: PaymentChannel, m: BillMonth, asOfMs: number): number {
    const rng = this.#rng;
    const issueDay = m.issuedMs - ((m.issuedMs + CST) % DAY);
    const lastDay = Math.min(m.dueMs, asOfMs - 1);
    let dayOffset: number;
    if (channel === '银行代扣') dayOffset = rng.int(1, 2);
    else dayOffset = Math.floor(-Math.log(1 - rng.next()) * 6);
    let hourMin: number;
    if (channel === '银行代扣') hourMin = 2 * HOUR + rng.int(0, 180) * 60_000;
    else if (channel === '柜台现金') hourMin = 8.5 * HOUR + rng.int(0, 510) * 60_000;
    else hourMin = 7 * HOUR + rng.int(0, 16 * 60 - 1) * 60_000;
    let t = issueDay + dayOffset * DAY + hourMin + rng.int(0, 59) * 1000;
    if (t <= m.issuedMs || t > lastDay)
      t = m.issuedMs + 1000 * Math.floor((rng.next() * (lastDay - m.issuedMs)) / 1000);
    return t;
  }
}
