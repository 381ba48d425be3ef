import type { CustomerView } from '@common/api/customer-schemas';
import type { CustomerInsights } from '@common/api/customer-insights-schemas';

/**
 * The customer view with its tags and fee-recovery risk as computed now from the customer's own
 * bills and payments (docs/analytics.md): a risk set for arrears drops the moment they are paid.
 * The flags summary follows the insights, so every screen that reads it agrees with them; tags
 * the central set in the flags (another hall's customer) are kept beside the computed ones.
 */
export function withInsights(view: CustomerView, insights: CustomerInsights | null): CustomerView {
  if (!insights) return view;
  const computed = insights.tags.map((t) => t.nameZh);
  const fromCentral = (view.flags?.tags ?? []).filter((t) => !computed.includes(t));
  return {
    ...view,
    insights,
    flags: {
      tags: [...computed, ...fromCentral],
      riskLevel: insights.risk.level,
      riskNote: null,
      updatedAt: view.flags?.updatedAt ?? '',
    },
  };
}
