import { z } from 'zod';
import * as S from '../schemas';
import { feature } from './feature';

/**
 * Staff login on the windows that have one, and the counter's lock while the agent is away. Lock and
 * unlock name no staff roles: a locked session must still reach unlock (the service wants a login).
 */
export const auth = feature({
  methods: {
    'auth.login': {
      input: z
        .object({
          staffNo: z.string().regex(/^\d{4,8}$/, 'access.staffNoFormat'),
          pin: z.string().regex(/^\d{4,8}$/, 'access.pinFormat'),
          windowNo: S.WindowNo.optional(),
        })
        .strict(),
      output: S.StaffSession,
      roles: ['counter', 'guide', 'manager', 'devices'],
    },
    'auth.logout': {
      input: z.object({}).strict(),
      output: z.object({}),
      roles: ['counter', 'guide', 'manager', 'devices'],
    },
    'auth.session': {
      input: z.object({}).strict(),
      output: S.StaffSession.nullable(),
      roles: ['counter', 'guide', 'manager', 'devices'],
    },
    /** Lock the counter (a lock button or the idle timeout): staff calls are refused until unlocked. */
    'auth.lock': {
      input: z.object({}).strict(),
      output: z.object({ locked: z.literal(true) }),
      roles: ['counter'],
    },
    /** Unlock with the logged-in agent's own PIN (wrong PINs count towards the lockout). */
    'auth.unlock': {
      input: z.object({ pin: z.string().regex(/^\d{4,8}$/, 'access.pinFormat') }).strict(),
      output: z.object({ locked: z.literal(false) }),
      roles: ['counter'],
    },
  },
});
