import { z } from 'zod';
import { KpiSet } from '../insight-schemas';
import { feature } from './feature';

const LiveType = z.object({
  code: z.string(),
  name: z.string(),
  nameEn: z.string(),
  waiting: z.number().int(),
  /** Open windows serving the type now. */
  servers: z.number().int(),
  longestWaitSec: z.number().nullable(),
  /** The queue configuration's target wait: past it, a ticket is a long-wait alert. */
  targetWaitMin: z.number(),
});

const LiveWindow = z.object({
  windowNo: z.number().int(),
  name: z.string(),
  status: z.enum(['open', 'paused', 'closed']),
  pauseReason: z.string().nullable(),
  /** When the counter paused (ISO); null unless paused. */
  pausedSince: z.string().nullable(),
  agent: z.object({ id: z.string(), staffNo: z.string(), name: z.string() }).nullable(),
  current: z.object({ number: z.string(), status: z.string(), businessType: z.string() }).nullable(),
  servedToday: z.number().int(),
});

const LongWait = z.object({
  ticketId: z.string(),
  number: z.string(),
  businessType: z.string(),
  waitedSec: z.number(),
  targetWaitMin: z.number(),
});

export const LiveBadRating = z.object({
  id: z.string(),
  ticketNo: z.string(),
  windowNo: z.number().int(),
  staffId: z.string(),
  staffName: z.string().nullable(),
  level: z.enum(['unsatisfied', 'very_unsatisfied']),
  reason: z.string().nullable(),
  createdAt: z.string(),
});
export type LiveBadRating = z.infer<typeof LiveBadRating>;

export const LiveHall = z.object({
  day: z.string(),
  at: z.string(),
  types: z.array(LiveType),
  windows: z.array(LiveWindow),
  /** Today so far, measured against each type's configured target. */
  today: KpiSet,
  /** Waiting past their type's target wait, longest first. */
  longWaits: z.array(LongWait),
  /** Today's 不满意 / 非常不满意, newest first (at most 20). */
  badRatings: z.array(LiveBadRating),
});
export type LiveHall = z.infer<typeof LiveHall>;

/** The hall right now, for the manager's morning screen; the console refreshes it on queue and rating events. */
export const live = feature({
  methods: {
    'manager.live': {
      input: z.object({}).strict(),
      output: LiveHall,
      roles: ['manager'],
      staff: ['manager'],
    },
  },
});
