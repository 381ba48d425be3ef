import { z } from 'zod';
import * as I from '../insight-schemas';
import * as S from '../schemas';
import { feature } from './feature';

/** What the hall's numbers say: agents' evaluations, queue KPIs, and the wait per business type now. */
export const insights = feature({
  methods: {
    'manager.evaluations': {
      input: z.object({ from: z.string().date().optional(), to: z.string().date().optional() }).strict(),
      output: z.array(S.AgentEvaluation),
      roles: ['manager'],
      staff: ['manager'],
    },
    /** Queue KPIs of the hall days from…to, inclusive; both default to today. */
    'manager.kpis': {
      input: z.object({ from: z.string().date().optional(), to: z.string().date().optional() }).strict(),
      output: I.KpiResponse,
      roles: ['manager'],
      staff: ['manager'],
    },
    /** Waiting per business type now, with an estimated wait and the tickets past their target. */
    'queue.waitEstimates': {
      input: z.object({}).strict(),
      output: z.array(I.TypeWaitEstimate),
      roles: ['guide', 'manager'],
      staff: ['guide', 'manager'],
    },
  },
});
