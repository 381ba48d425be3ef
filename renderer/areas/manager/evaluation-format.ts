import { businessType } from '@common/domain/business-types';
import { SCORE_PARTS, type EvaluationWeights } from '@common/domain/evaluation-weights';
import { durationText } from '../../utils/time';

type T = (key: string, params?: Record<string, unknown>) => string;

/** A business type's short name in the current language. */
export const typeName = (code: string, en: boolean): string =>
  en ? (businessType(code)?.nameEn ?? code) : (businessType(code)?.name.split('/')[0] ?? code);

/** Seconds as m:ss (h:mm:ss past an hour), or — without data. */
export const secondsText = (sec: number | null | undefined): string =>
  sec === null || sec === undefined ? '—' : durationText(sec * 1000);

/** The score's formula in words, from the weights in force: 综合得分 = (满意率×40 + …) ÷ 100. */
export function formulaText(t: T, w: EvaluationWeights): string {
  const used = SCORE_PARTS.filter((p) => w[p] > 0);
  const terms = used.map((p) => `${t(`manager.evaluation.parts.${p}`)}×${w[p]}`).join(' + ');
  return t('manager.evaluation.formula', { terms, total: used.reduce((s, p) => s + w[p], 0) });
}

/** A change against the previous period: "+3.2", "−1", or "" when there is nothing to compare. */
export function deltaText(now: number | null, before: number | null | undefined, digits = 1): string {
  if (now === null || before === null || before === undefined) return '';
  const d = Math.round((now - before) * 10 ** digits) / 10 ** digits;
  return d > 0 ? `+${d}` : d < 0 ? `−${Math.abs(d)}` : '±0';
}
