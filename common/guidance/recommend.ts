import { GUIDANCE_FUNCTIONS, type GuidanceFunction } from './functions';

/**
 * Rank guidance functions by how close the customer's words are to each function's terms
 * (关键词与功能点同义词相似度匹配). Chinese has no spaces, so instead of words we compare character
 * bigrams (Dice coefficient); a term found whole inside the words counts fully, and a term's weight
 * says how strongly it names the function. A function also gains a little for every further term
 * that matches, so "电表不准走得快" beats a single accidental hit. Pure.
 */
export interface Recommendation {
  fn: GuidanceFunction;
  /** 0–1, for display and ordering. */
  score: number;
  /** The term that matched best (shown to the guide as the reason). */
  matched: string;
}

/** Letters, digits and CJK only: punctuation and spaces carry no meaning here. */
export function normalise(text: string): string {
  return text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');
}

export function bigrams(text: string): string[] {
  if (text.length < 2) return text ? [text] : [];
  const out: string[] = [];
  for (let i = 0; i < text.length - 1; i++) out.push(text.slice(i, i + 2));
  return out;
}

/** Dice coefficient over character bigrams, counting repeats once per occurrence. */
export function dice(a: string, b: string): number {
  const ga = bigrams(a);
  const gb = bigrams(b);
  if (ga.length === 0 || gb.length === 0) return 0;
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

/**
 * How well one term matches normalised words, 0–1.1: the whole term inside the words is a match
 * (longer terms a little stronger, being more specific); words that are part of a term match in
 * proportion; otherwise bigram similarity.
 */
export function termSimilarity(words: string, term: string): number {
  const t = normalise(term);
  if (!words || !t) return 0;
  if (words.includes(t)) return 1 + Math.min(0.1, 0.025 * (t.length - 2));
  if (words.length >= 2 && t.includes(words)) return 0.6 + (0.4 * words.length) / t.length;
  return dice(words, t);
}

const FURTHER_TERM_BONUS = 0.15;
const MIN_RAW = 0.55;
const MAX_RAW = 2.5;

export function recommend(
  words: string,
  functions: readonly GuidanceFunction[] = GUIDANCE_FUNCTIONS,
  limit = 3,
): Recommendation[] {
  const q = normalise(words).slice(0, 100);
  if (!q) return [];
  const ranked: (Recommendation & { raw: number })[] = [];
  for (const fn of functions) {
    const scored = [{ text: fn.name, weight: 2 }, ...fn.terms].map((term) => ({
      text: term.text,
      value: term.weight * termSimilarity(q, term.text),
    }));
    scored.sort((a, b) => b.value - a.value);
    const best = scored[0];
    if (!best || best.value <= 0) continue;
    const further = scored.slice(1).filter((s) => s.value >= 1).length;
    const raw = best.value + FURTHER_TERM_BONUS * further;
    if (raw < MIN_RAW) continue;
    ranked.push({ fn, raw, score: Math.min(1, raw / MAX_RAW), matched: best.text });
  }
  ranked.sort((a, b) => b.raw - a.raw || a.fn.code.localeCompare(b.fn.code));
  return ranked.slice(0, limit).map(({ fn, score, matched }) => ({ fn, score, matched }));
}
