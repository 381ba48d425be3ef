import { z } from 'zod';
import { QueueSettings, TypeSettings, WindowTypes } from '../../queue/settings';
import * as Q from '../queue-schemas';
import * as S from '../schemas';
import { feature } from './feature';

/** The manager's queue settings: the hall's rules, each business type, each window, each agent's skills. */
export const queueConfig = feature({
  methods: {
    'queue.config': {
      input: z.object({}).strict(),
      output: Q.QueueConfigView,
      roles: ['manager'],
      staff: ['manager'],
    },
    'manager.configureQueue': {
      input: z.object({ settings: QueueSettings }).strict(),
      output: Q.QueueConfigView,
      roles: ['manager'],
      staff: ['manager'],
    },
    'manager.configureType': {
      input: z.object({ type: TypeSettings }).strict(),
      output: Q.QueueConfigView,
      roles: ['manager'],
      staff: ['manager'],
    },
    'manager.configureWindow': {
      input: z.object({ windowNo: S.WindowNo, types: WindowTypes }).strict(),
      output: Q.QueueConfigView,
      roles: ['manager'],
      staff: ['manager'],
    },
    /** Which business types one agent may serve (staff skills); call-next never gives them another. */
    'manager.configureSkills': {
      input: z
        .object({
          staffId: z.string().min(1).max(32),
          skills: z.array(S.BusinessCode).min(1, 'queue.skillsRequired').max(20),
        })
        .strict(),
      output: Q.QueueConfigView,
      roles: ['manager'],
      staff: ['manager'],
    },
  },
});
