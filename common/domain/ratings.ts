/** Five levels, as in government-service 好差评 (Ratings). */
export const RATING_LEVELS = ['very_satisfied', 'satisfied', 'basic', 'unsatisfied', 'very_unsatisfied'] as const;
export type RatingLevel = (typeof RATING_LEVELS)[number];

export const RATING_LABELS: Record<RatingLevel, { zh: string; en: string; score: number }> = {
  very_satisfied: { zh: '非常满意', en: 'Very satisfied', score: 5 },
  satisfied: { zh: '满意', en: 'Satisfied', score: 4 },
  basic: { zh: '基本满意', en: 'Fairly satisfied', score: 3 },
  unsatisfied: { zh: '不满意', en: 'Unsatisfied', score: 2 },
  very_unsatisfied: { zh: '非常不满意', en: 'Very unsatisfied', score: 1 },
};

/** 不满意 and 非常不满意 need a reason. */
export const needsReason = (level: RatingLevel): boolean => level === 'unsatisfied' || level === 'very_unsatisfied';

/** Satisfaction counts 满意 or better. */
export const isSatisfied = (level: RatingLevel): boolean => level === 'very_satisfied' || level === 'satisfied';
