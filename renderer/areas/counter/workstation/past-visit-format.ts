/** Handling time as the counter reads it: 4分05秒, 1时02分; — when the visit has no finish. */
export function durationText(sec: number | null): string {
  if (sec === null) return '—';
  if (sec < 60) return `${sec}秒`;
  const m = Math.floor(sec / 60);
  if (m < 60) return `${m}分${String(sec % 60).padStart(2, '0')}秒`;
  return `${Math.floor(m / 60)}时${String(m % 60).padStart(2, '0')}分`;
}

/** Element Plus tag colour of a rating level: good green, middling amber, bad red, none grey. */
export function ratingTagType(level: string): 'success' | 'primary' | 'warning' | 'danger' | 'info' {
  if (level === 'very_satisfied') return 'success';
  if (level === 'satisfied') return 'primary';
  if (level === 'basic') return 'warning';
  if (level === 'unsatisfied' || level === 'very_unsatisfied') return 'danger';
  return 'info';
}

/** The reconciliation's 差异 card: how many differences, and the money they involve (absolute, fen). */
export function differenceSummary(diffs: readonly { amountFen: number }[]): { count: number; totalFen: number } {
  return { count: diffs.length, totalFen: diffs.reduce((sum, d) => sum + Math.abs(d.amountFen), 0) };
}
