import { z } from 'zod';
import { feature } from './feature';

/** Upper bounds (minutes) of the wait histogram's buckets; the last bucket is everything beyond. */
export const WAIT_BUCKETS_MIN = [5, 10, 15, 20, 30, 45, 60] as const;

export const KpiChartsInput = z
  .object({
    from: z.string().date(),
    to: z.string().date(),
    /** Only tickets served (or last called) at this window. */
    windowNo: z.number().int().min(1).max(999).optional(),
    /** Only tickets served (or last called) by this agent. */
    staffId: z.string().min(1).max(64).optional(),
  })
  .strict();
export type KpiChartsInput = z.infer<typeof KpiChartsInput>;

export const KpiCharts = z.object({
  from: z.string(),
  to: z.string(),
  /** Called tickets per wait bucket: `WAIT_BUCKETS_MIN.length + 1` counts. */
  waitBuckets: z.array(z.number().int()),
  /** Tickets issued per local weekday (0 = Sunday) × hour, averaged over the weekdays in the range. */
  heatmap: z.array(z.object({ weekday: z.number().int(), hour: z.number().int(), perDay: z.number() })),
  /** Per type: called, and called within the configured target wait. */
  byType: z.array(
    z.object({ code: z.string(), called: z.number().int(), within: z.number().int(), target: z.number() }),
  ),
  /** Per day (or per month over long ranges): issued, called, no-shows, walk-aways. */
  trend: z.object({
    unit: z.enum(['day', 'month']),
    points: z.array(
      z.object({
        key: z.string(),
        issued: z.number().int(),
        called: z.number().int(),
        noShows: z.number().int(),
        walkAways: z.number().int(),
      }),
    ),
  }),
  /** The windows and agents the filters can choose from (those with tickets in the range). */
  windows: z.array(z.number().int()),
  agents: z.array(z.object({ id: z.string(), staffNo: z.string(), name: z.string() })),
});
export type KpiCharts = z.infer<typeof KpiCharts>;

/** The queue KPI charts, aggregated in SQL over the indexed day range, filterable per window and agent. */
export const queueCharts = feature({
  methods: {
    'manager.kpiCharts': { input: KpiChartsInput, output: KpiCharts, roles: ['manager'], staff: ['manager'] },
  },
});
