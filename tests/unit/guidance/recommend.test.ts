import { describe, expect, it } from 'vitest';
import { BUSINESS_TYPES } from '@common/domain/business-types';
import { GUIDANCE_FUNCTIONS } from '@common/guidance/functions';
import { dice, normalise, recommend, termSimilarity } from '@common/guidance/recommend';

/** What customers actually say at the guide desk, and the function a guide would point them to. */
const PHRASINGS: [string, string][] = [
  ['交电费', 'PAY'],
  ['我来交电费的', 'PAY'],
  ['家里欠费了，要补交', 'PAY'],
  ['帮我缴一下电费', 'PAY'],
  ['查一下这个月电费账单', 'BILL'],
  ['我家用了多少电', 'BILL'],
  ['开发票', 'INV'],
  ['单位报销要发票', 'INV'],
  ['打印上个月的发票', 'INV'],
  ['家里停电了', 'FAULT'],
  ['楼道里没电了', 'FAULT'],
  ['总闸老是跳闸', 'FAULT'],
  ['电表坏了', 'METER'],
  ['电表走得快，不准', 'METER'],
  ['想校验一下电表', 'METER'],
  ['过户', 'XFER'],
  ['房子卖了要过户', 'XFER'],
  ['买了二手房，户主要换成我', 'XFER'],
  ['我要装充电桩', 'EV'],
  ['小区车位想装个电动车充电的', 'EV'],
  ['屋顶装太阳能板发电', 'PV'],
  ['光伏并网怎么申请', 'PV'],
  ['新房子要接电', 'NEW'],
  ['装修好了要装电表', 'NEW'],
  ['工厂电不够用，想增加容量', 'CAP'],
  ['我要增容', 'CAP'],
  ['户名是我爸的，想改名字', 'RENAME'],
  ['办理更名', 'RENAME'],
  ['想开通峰谷电价', 'TARIFF'],
  ['阶梯电价怎么改', 'TARIFF'],
  ['电卡充值', 'CARD'],
  ['购电卡丢了要补卡', 'CARD'],
  ['出国一年，暂时不用电', 'SUSP'],
  ['房子拆了要销户', 'CLOSE'],
  ['销户退余额', 'CLOSE'],
  ['我想咨询一下', 'ASK'],
];

describe('guidance recommendation', () => {
  it.each(PHRASINGS)('%s → %s', (words, expected) => {
    const top = recommend(words)[0];
    expect(top?.fn.code).toBe(expected);
  });

  it('covers at least 30 real phrasings and every business type', () => {
    expect(PHRASINGS.length).toBeGreaterThanOrEqual(30);
    const types = new Set(PHRASINGS.map(([, code]) => GUIDANCE_FUNCTIONS.find((f) => f.code === code)!.businessType));
    for (const t of BUSINESS_TYPES) expect(types.has(t.code), t.code).toBe(true);
  });

  it('points online-capable needs to the app or hotline and counter-only needs to the counter', () => {
    expect(recommend('交电费')[0]!.fn.channel.kind).toBe('app');
    expect(recommend('家里停电了')[0]!.fn.channel).toMatchObject({ kind: 'hotline', url: 'tel:95598' });
    expect(recommend('过户')[0]!.fn.channel).toMatchObject({ kind: 'counter', url: null });
  });

  it('returns nothing for empty, punctuation-only or unrelated words', () => {
    expect(recommend('')).toEqual([]);
    expect(recommend('  ，。！ ')).toEqual([]);
    expect(recommend('今天天气不错')).toEqual([]);
    expect(recommend('xyz')).toEqual([]);
  });

  it('ranks best first, with scores in 0–1 and at most `limit` results', () => {
    const r = recommend('电费发票报销', GUIDANCE_FUNCTIONS, 5);
    expect(r[0]!.fn.code).toBe('INV');
    expect(r.length).toBeLessThanOrEqual(5);
    for (let i = 1; i < r.length; i++) expect(r[i - 1]!.score).toBeGreaterThanOrEqual(r[i]!.score);
    for (const x of r) {
      expect(x.score).toBeGreaterThan(0);
      expect(x.score).toBeLessThanOrEqual(1);
    }
  });

  it('says which term matched', () => {
    expect(recommend('家里跳闸了')[0]!.matched).toBe('跳闸');
  });

  it('survives very long input without slowing into nonsense', () => {
    const r = recommend('交电费'.repeat(5000));
    expect(r[0]!.fn.code).toBe('PAY');
  });

  it('bigram similarity: identical 1, disjoint 0, symmetric', () => {
    expect(dice('交电费', '交电费')).toBe(1);
    expect(dice('交电费', '过户')).toBe(0);
    expect(dice('电费账单', '查电费')).toBeCloseTo(dice('查电费', '电费账单'));
    expect(termSimilarity(normalise('我要 交电费！'), '交电费')).toBeGreaterThanOrEqual(1);
  });
});
