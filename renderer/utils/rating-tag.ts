/** Element Plus tag colour of a rating level: good green, middling amber, bad red, 未评价 grey. */
export function ratingTagType(level: string): 'success' | 'primary' | 'warning' | 'danger' | 'info' {
  if (level === 'very_satisfied') return 'success';
  if (level === 'satisfied') return 'primary';
  if (level === 'basic') return 'warning';
  if (level === 'unsatisfied' || level === 'very_unsatisfied') return 'danger';
  return 'info';
}
