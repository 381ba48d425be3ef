import type { BusinessType } from '../../../common/domain/business-types';

/**
 * Guidance matching (DOMAIN.md): rank business functions by how close the customer's words are to
 * each function's name and synonyms. Containment wins outright; otherwise character-bigram Dice
 * similarity (works for Chinese without a word segmenter). Pure.
 */
export interface Match {
  type: Pick<BusinessType, 'code' | 'name' | 'nameEn' | 'onlineChannel'>;
  score: number;
}

function bigrams(text: string): string[] {
  const s = text.replace(/\s+/g, '').toLowerCase();
  if (s.length < 2) return s ? [s] : [];
  const out: string[] = [];
  for (let i = 0; i < s.length - 1; i++) out.push(s.slice(i, i + 2));
  return out;
}

export function similarity(a: string, b: string): number {
  const x = a.replace(/\s+/g, '').toLowerCase();
  const y = b.replace(/\s+/g, '').toLowerCase();
  if (!x || !y) return 0;
  if (x.includes(y) || y.includes(x)) return 1;
  const ga = bigrams(x);
  const gb = bigrams(y);
  const pool = [...gb];
  let common = 0;
  for (const g of ga) {
    const i = pool.indexOf(g);
    if (i >= 0) {
      common++;
      pool.splice(i, 1);
    }
  }
  return (2 * common) / (ga.length + gb.length);
}

export function rankFunctions(query: string, types: readonly BusinessType[], limit = 3, threshold = 0.34): Match[] {
  const q = query.trim();
  if (!q) return [];
  return types
    .map((type) => {
      const terms = [type.name, type.nameEn, ...type.synonyms];
      const score = Math.max(...terms.map((term) => similarity(q, term)));
      return { type: { code: type.code, name: type.name, nameEn: type.nameEn, onlineChannel: type.onlineChannel }, score };
    })
    .filter((m) => m.score >= threshold)
    .sort((a, b) => b.score - a.score)
    .slice(0, limit);
}
