import { z } from 'zod';

/** Wire shapes of the queue KPIs (common/queue/kpi.ts) and the guide's wait estimates (wait-estimate.ts). */
const Stat = z.object({
  n: z.number().int(),
  total: z.number(),
  mean: z.number().nullable(),
  max: z.number().nullable(),
});

export const KpiSet = z.object({
  issued: z.number().int(),
  called: z.number().int(),
  finished: z.number().int(),
  noShows: z.number().int(),
  walkAways: z.number().int(),
  withinTarget: z.number().int(),
  fromLeases: z.number().int(),
  wait: Stat,
  walk: Stat,
  aht: Stat,
  timeInHall: Stat,
  serviceLevel: z.number().nullable(),
  noShowRate: z.number().nullable(),
  walkAwayRate: z.number().nullable(),
});
export type KpiSetWire = z.infer<typeof KpiSet>;

const Groups = z.record(z.string(), KpiSet);

export const KpiResponse = z.object({
  from: z.string(),
  to: z.string(),
  report: z.object({ overall: KpiSet, byHour: Groups, byType: Groups, byWindow: Groups, byAgent: Groups }),
  /** Names for the agent ids of byAgent. */
  agents: z.array(z.object({ id: z.string(), staffNo: z.string(), name: z.string() })),
  /** Target wait per type (minutes) the service level was measured against. */
  targets: z.record(z.string(), z.number()),
});
export type KpiResponse = z.infer<typeof KpiResponse>;

export const TypeWaitEstimate = z.object({
  code: z.string(),
  waiting: z.number().int(),
  servers: z.number().int(),
  longestWaitSec: z.number().nullable(),
  estimatedWaitSec: z.number().nullable(),
  targetWaitMin: z.number(),
  overdue: z.array(z.object({ id: z.string(), number: z.string(), priority: z.string(), waitedSec: z.number() })),
});
export type TypeWaitEstimateWire = z.infer<typeof TypeWaitEstimate>;
