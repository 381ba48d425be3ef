import type { CustomerView } from '@common/api/customer-schemas';

/** The collection system's arrears note (欠费 N 期): a snapshot of the bills when it was set. */
const ARREARS_NOTE = /^欠费 \d+ 期$/;

/**
 * Arrears risk follows the bills as they are now: a risk set for unpaid bills drops once they are
 * paid (and rises with more), with the same levels the collection system uses. Risk set for other
 * reasons is shown as the central set it.
 */
export function withLiveArrearsRisk(view: CustomerView): CustomerView {
  const flags = view.flags;
  if (!flags?.riskNote || !ARREARS_NOTE.test(flags.riskNote)) return view;
  const n = view.unpaidBills;
  const riskLevel = n >= 3 ? 'high' : n === 2 ? 'medium' : n === 1 ? 'low' : 'none';
  return { ...view, flags: { ...flags, riskLevel, riskNote: n > 0 ? `欠费 ${n} 期` : null } };
}
