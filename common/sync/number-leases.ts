import { z } from 'zod';
import { BUSINESS_TYPES } from '../domain/business-types';

/**
 * Offline ticket numbers. A prefix's daily series (A001…A999) is split in two: the central
 * assigns 001…599 in server order to tickets issued online; 600…999 are handed out in blocks
 * ("leases") to kiosks, which issue from them only while they cannot reach the central. A block
 * belongs to one kiosk, so two offline kiosks never print the same number, and the central never
 * renumbers a leased ticket.
 */
export const LEASE_FIRST = 600;
export const LEASE_MAX = 999;
export const LEASE_BLOCK = 20;
/** Ask for a new block when fewer than this many leased numbers are left for a prefix. */
export const LEASE_LOW_WATER = 5;

/** Numbering series are per prefix (several business types share one). */
export const NUMBER_PREFIXES: readonly string[] = [...new Set(BUSINESS_TYPES.map((t) => t.prefix))];

export const ticketNumber = (prefix: string, n: number): string => `${prefix}${String(n).padStart(3, '0')}`;
export const isLeasedNumber = (number: string): boolean => Number(number.slice(1)) >= LEASE_FIRST;

export const LeaseRequest = z
  .object({
    day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
    prefix: z.string().regex(/^[A-Z]$/),
  })
  .strict();
export type LeaseRequest = z.infer<typeof LeaseRequest>;
export const Lease = z.object({ day: z.string(), prefix: z.string(), first: z.number().int(), last: z.number().int() });
export type Lease = z.infer<typeof Lease>;
