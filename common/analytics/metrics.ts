/** Holdout figures of a scorer: AUC, and precision and recall among the top-scored share. */

/** Area under the ROC curve by ranks (ties share their mean rank); NaN when one class is absent. */
export function auc(scores: readonly number[], labels: readonly number[]): number {
  const n = scores.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => scores[a]! - scores[b]!);
  const ranks = new Array<number>(n);
  for (let i = 0; i < n;) {
    let j = i;
    while (j + 1 < n && scores[order[j + 1]!] === scores[order[i]!]) j++;
    const mean = (i + j) / 2 + 1;
    for (let k = i; k <= j; k++) ranks[order[k]!] = mean;
    i = j + 1;
  }
  let pos = 0;
  let rankSum = 0;
  for (let i = 0; i < n; i++)
    if (labels[i]) {
      pos++;
      rankSum += ranks[i]!;
    }
  const neg = n - pos;
  if (!pos || !neg) return NaN;
  return (rankSum - (pos * (pos + 1)) / 2) / (pos * neg);
}

/**
 * Precision and recall among the top `share` of customers by score. Ties at the cut are broken by
 * a fixed order (the input's), so a scorer with few distinct values is not flattered.
 */
export function atTop(
  scores: readonly number[],
  labels: readonly number[],
  share: number,
): { precision: number; recall: number; k: number } {
  const k = Math.max(1, Math.round(scores.length * share));
  const order = Array.from({ length: scores.length }, (_, i) => i).sort((a, b) => scores[b]! - scores[a]! || a - b);
  let hits = 0;
  for (let i = 0; i < k && i < order.length; i++) hits += labels[order[i]!] ? 1 : 0;
  const positives = labels.reduce<number>((s, l) => s + (l ? 1 : 0), 0);
  return { precision: hits / k, recall: positives ? hits / positives : NaN, k };
}
