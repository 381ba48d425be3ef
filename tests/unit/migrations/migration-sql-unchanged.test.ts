import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { MIGRATIONS } from '@common/schema/migrations';

/**
 * A shipped migration never changes: a station that applied it must hold the same schema as one
 * that applies it now. The SHA-256 of each migration's SQL, as shipped.
 */
const SHIPPED_SQL: Record<number, string> = {
  1: 'd09ba2e35e0316024d22d13f7e972526faa4d5cfb8cf107b1f41b8850a631c8f',
  2: '312373797e671d04e224345a87d78d88618d008c6181f91a129fa740ce1b74dd',
  3: 'e627073a257e798446c8e1b8d35ae3b2569ac3f8aed1c4a1efaf210923ae76d6',
  4: 'f5463a2443006e2ca6a311988d87bb98465d782252dbb3cb8afe2312b9ab133a',
  5: '6768ba4bc7209589102ea0f21c7424ce2bdc77a1be1027204bed79a5f93aa0b9',
  6: '75dbea9cadc2aea2b8abd71f7b0f8011ef5c47756aa76ae29e52d607656e2b4d',
  7: 'ec222d31e333467e62b925c8838a68c2a17d1131ebfe64df46366e952c9ec552',
  8: '3882a6d8868196156c8917a35a9a5be2cd6558a519efbfaae71ce4561dc83a6f',
  9: '1ec425ffcfd90eff70b9c2006c3acad5f2ab454fcd8e14018f4449616d693e77',
  10: '06d855f25f4ac45017eb0ea29f4d11d2e556048f7876e54a17040a7726211939',
  11: 'a70a62c40713099b820b9d39d608d923a4eb500ce695b5a1b3af48aac34efd65',
  12: 'a3ddfa781967e1815407901abdb508bee42c32f3849c2c309b2e50bddbc43f79',
  13: 'e48b61b2695f50c272d6046b2c55f8b10a28c66afe3892240dc181023cdaf840',
  14: '3c31dd88117e097d6528dac5dde1117c1735d24886f2edbd671f01b2125bd78e',
  15: 'd6aa170451ecb572b437c87b7f1c7d7059854f550e39303a44cc981956b05bd5',
  16: 'ac1f11a298bd81c99277ad4dd044261b94ff4ea6bab838b9ab70073edc989df3',
  17: 'c9b8270e4f7eb68068eab2ad8c6d1bf32fb8e5c1516582d0573171f9eccec9a2',
  19: '432eb107fd389852be88a92b589be4c2c3f314390638683cd770f9d52df083c9',
};

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

describe('shipped migrations', () => {
  for (const m of MIGRATIONS.filter((m) => SHIPPED_SQL[m.version]))
    it(`${m.version}: its SQL is byte for byte as shipped`, () => {
      expect(sha256(m.sql)).toBe(SHIPPED_SQL[m.version]);
    });

  it('are all still listed', () => {
    expect(MIGRATIONS.map((m) => m.version)).toEqual(expect.arrayContaining(Object.keys(SHIPPED_SQL).map(Number)));
  });

  it('are listed in the order of their files, one file per migration numbered as its version', () => {
    const dir = path.resolve(import.meta.dirname, '../../../common/schema/migrations');
    const numbered = fs
      .readdirSync(dir)
      .filter((f) => /^\d{3}-[a-z0-9-]+\.ts$/.test(f))
      .sort()
      .map((f) => Number(f.slice(0, 3)));
    expect(numbered).toEqual(MIGRATIONS.map((m) => m.version));
  });
});
