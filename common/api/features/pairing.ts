import { z } from 'zod';
import { ROLES } from '../roles';
import { feature } from './feature';

/** What a new screen asks to be: a role, and for a counter or its customer screen, the window. */
export const PairingAsk = z.object({
  role: z.enum(ROLES),
  windowNo: z.number().int().min(1).max(99).nullable(),
});
export type PairingAsk = z.infer<typeof PairingAsk>;

/** A screen waiting for approval (its code is shown only on the screen itself: the approver types it). */
export const PendingPairing = PairingAsk.extend({
  requestId: z.string(),
  source: z.string(),
  requestedAt: z.string(),
  expiresAt: z.string(),
  /** Approving replaces this device's credential (a window has one customer screen). */
  replaces: z.string().nullable(),
});
export type PendingPairing = z.infer<typeof PendingPairing>;

/** A device credential issued by pairing: never the token, only what it is bound to and how it was used. */
export const PairedDevice = PairingAsk.extend({
  deviceId: z.string(),
  label: z.string(),
  pairedAt: z.string(),
  pairedBy: z.string(),
  pairedFrom: z.string(),
  lastUsedAt: z.string().nullable(),
  lastSource: z.string().nullable(),
  revokedAt: z.string().nullable(),
  revokedBy: z.string().nullable(),
});
export type PairedDevice = z.infer<typeof PairedDevice>;

/** The six digits a new screen shows. */
export const PairingCode = z.string().regex(/^\d{6}$/);

const approvers = ['technician', 'manager'] as const;

/**
 * Pairing screens with the station: a new browser screen asks for a role (over /api/pair), a
 * technician or the manager approves it here by typing the code it shows, and the screen keeps the
 * credential it is given. Credentials are listed with their last use and can be revoked.
 */
export const pairing = feature({
  methods: {
    'pairing.pending': {
      input: z.object({}).strict(),
      output: z.array(PendingPairing),
      roles: ['devices', 'manager'],
      staff: [...approvers],
    },
    'pairing.approve': {
      input: z.object({ code: PairingCode, label: z.string().trim().max(40).optional() }).strict(),
      output: PairedDevice,
      roles: ['devices', 'manager'],
      staff: [...approvers],
    },
    'pairing.deny': {
      input: z.object({ requestId: z.string().min(8).max(64) }).strict(),
      output: z.object({}),
      roles: ['devices', 'manager'],
      staff: [...approvers],
    },
    'pairing.devices': {
      input: z.object({}).strict(),
      output: z.array(PairedDevice),
      roles: ['devices', 'manager'],
      staff: [...approvers],
    },
    'pairing.revoke': {
      input: z.object({ deviceId: z.string().min(8).max(64) }).strict(),
      output: PairedDevice,
      roles: ['devices', 'manager'],
      staff: [...approvers],
    },
  },
  events: {
    /** A screen asked to pair, or a request or credential changed: the approval lists refresh. */
    'pairing.changed': { payload: z.object({}), roles: ['devices', 'manager'] },
  },
});
