import { z } from 'zod';
import { feature } from './feature';

export const StaffingForecastInput = z
  .object({
    /** Weeks of history the forecast averages over. */
    weeks: z.number().int().min(1, 'staffing.weeksRange').max(52, 'staffing.weeksRange').default(8),
    /** Share to be called within the target wait, e.g. 0.8. */
    goal: z.number().min(0.5, 'staffing.goalRange').max(0.99, 'staffing.goalRange').default(0.8),
  })
  .strict();

const ForecastHour = z.object({
  hour: z.number().int(),
  /** Expected tickets issued in the hour. */
  arrivals: z.number(),
  ahtSec: z.number(),
  /** Erlang C: the fewest windows meeting the goal; null when even every window cannot. */
  needed: z.number().int().nullable(),
  /** Windows that called tickets in this hour, on average over the same weekdays of the history. */
  rostered: z.number(),
  /** Service level the rostered windows (rounded down) would give by Erlang C. */
  rosteredServiceLevel: z.number().nullable(),
});

export const StaffingForecast = z.object({
  from: z.string(),
  to: z.string(),
  weeks: z.number().int(),
  goal: z.number(),
  /** Arrival-weighted target wait of the hall's types (minutes), from the queue configuration. */
  targetWaitMin: z.number(),
  windows: z.number().int(),
  days: z.array(z.object({ date: z.string(), weekday: z.number().int(), hours: z.array(ForecastHour) })),
});
export type StaffingForecast = z.infer<typeof StaffingForecast>;

/** Staffing forecast for the coming week from the hall's history (Erlang C per hour). */
export const staffing = feature({
  methods: {
    'manager.staffingForecast': {
      input: StaffingForecastInput,
      output: StaffingForecast,
      roles: ['manager'],
      staff: ['manager'],
    },
  },
});
