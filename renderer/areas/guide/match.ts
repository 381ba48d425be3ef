import type { BusinessType } from '@common/domain/business-types';
import { termSimilarity, normalise } from '@common/guidance/recommend';

/**
 * Which ticket type fits the customer's words: the guide's "issue a ticket" shortcut ranks business
 * types with the same term similarity as the online-channel recommendation (common/guidance), over
 * each type's name and synonyms. Pure.
 */
export interface Match {
  type: Pick<BusinessType, 'code' | 'name' | 'nameEn' | 'onlineChannel'>;
  score: number;
}

export function rankFunctions(query: string, types: readonly BusinessType[], limit = 3, threshold = 0.34): Match[] {
  const words = normalise(query);
  if (!words) return [];
  return types
    .map((type) => {
      const terms = [type.name, type.nameEn, ...type.synonyms];
      const score = Math.min(1, Math.max(...terms.map((term) => termSimilarity(words, term))));
      return {
        type: { code: type.code, name: type.name, nameEn: type.nameEn, onlineChannel: type.onlineChannel },
        score,
      };
    })
    .filter((m) => m.score >= threshold)
    .sort((a, b) => b.score - a.score)
    .slice(0, limit);
}
