/**
 * Demo tags and fee-recovery risk (电费回收风险) as the central's marketing and collection systems
 * would set them: risk from the customer's unpaid bills, tags from a keyed mix of the customer id and
 * a few facts about the customer. Deterministic; most customers have neither and get no row.
 */
import type { CustomerSeed } from './customers';

export type RiskLevel = 'none' | 'low' | 'medium' | 'high';

export interface CustomerFlagsSeed {
  tags: string[];
  risk: RiskLevel;
  note: string | null;
}

/** A small integer hash (splitmix-like), so tags scatter over ids without a random stream. */
function mix(id: number, salt: number): number {
  let x = (id ^ salt) >>> 0;
  x = Math.imul(x ^ (x >>> 16), 0x7feb352d) >>> 0;
  x = Math.imul(x ^ (x >>> 15), 0x846ca68b) >>> 0;
  return (x ^ (x >>> 16)) >>> 0;
}

const per = (id: number, salt: number, perMille: number) => mix(id, salt) % 1000 < perMille;

export function customerFlags(c: CustomerSeed, unpaidBills: number): CustomerFlagsSeed | null {
  const tags: string[] = [];
  if (c.usageType === '非居民' && per(c.id, 1, 300)) tags.push('重要客户');
  if (c.usageType === '居民' && per(c.id, 2, 25)) tags.push('低保户');
  if (Number(c.birthDate.slice(0, 4)) < 1950 && per(c.id, 3, 400)) tags.push('独居老人');
  if (per(c.id, 4, 30)) tags.push('光伏并网');
  if (per(c.id, 5, 8)) tags.push('敏感客户');
  if (c.prepaid && c.balanceFen < 0) tags.push('余额不足');
  const risk: RiskLevel =
    unpaidBills >= 3
      ? 'high'
      : unpaidBills === 2
        ? 'medium'
        : unpaidBills === 1
          ? 'low'
          : per(c.id, 6, 15)
            ? 'low'
            : 'none';
  if (!tags.length && risk === 'none') return null;
  const note = unpaidBills > 0 ? `欠费 ${unpaidBills} 期` : risk === 'low' ? '近一年曾逾期缴费' : null;
  return { tags, risk, note };
}
