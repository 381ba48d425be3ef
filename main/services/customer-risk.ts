import type { CustomerView } from '@common/api/customer-schemas';
import type { CustomerInsights } from '@common/api/customer-insights-schemas';
import { RISK_LEVELS } from '@common/analytics/risk-tree';

/** The collection system's arrears note (欠费 N 期): a snapshot of the bills when it was set, superseded by the live score. */
const ARREARS_NOTE = /^欠费 \d+ 期$/;

/**
 * The customer view with its tags and fee-recovery risk as computed now from the customer's own
 * bills and payments (docs/analytics.md): a risk set for arrears drops the moment they are paid.
 * Risk the central set for another reason (窃电, a complaint) still counts: the level shown is the
 * higher of the two, with the central's note when its level is the one shown. The central's tags
 * stay in the flags; the computed ones, with their evidence, are in `insights`. A customer of another
 * hall keeps the flags as the central sent them: this station holds only their latest bills.
 */
export function withInsights(view: CustomerView, insights: CustomerInsights | null): CustomerView {
  if (!insights) return view;
  if (view.otherHall) return { ...view, insights };
  const flags = view.flags;
  const central = flags && !(flags.riskNote && ARREARS_NOTE.test(flags.riskNote)) ? flags.riskLevel : 'none';
  const centralWins = RISK_LEVELS.indexOf(central) > RISK_LEVELS.indexOf(insights.risk.level);
  return {
    ...view,
    insights,
    flags: {
      tags: flags?.tags ?? [],
      riskLevel: centralWins ? central : insights.risk.level,
      riskNote: centralWins ? (flags?.riskNote ?? null) : null,
      updatedAt: flags?.updatedAt ?? '',
    },
  };
}
