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
/** The largest block one request may take: 400 numbers shared by every kiosk of a hall for a day. */
export const LEASE_MAX_BLOCK = 100;
/** Ask for a new block when fewer than this many leased numbers are left for a prefix. */
export const LEASE_LOW_WATER = 5;
/** A lease should carry a kiosk through this long an outage at its own recent issuing rate. */
export const LEASE_COVER_MINUTES = 30;

/**
 * Lease size and renewal point from this kiosk's own rate (tickets it issued in the last hour): enough
 * for LEASE_COVER_MINUTES, never under LEASE_BLOCK nor over LEASE_MAX_BLOCK; renewed once a quarter of
 * that is left, so a busy kiosk tops up long before it runs out and a quiet one holds few numbers.
 */
export function leaseSizing(issuedLastHour: number): { size: number; lowWater: number } {
  const need = Math.ceil((Math.max(0, issuedLastHour) * LEASE_COVER_MINUTES) / 60);
  const size = Math.min(LEASE_MAX_BLOCK, Math.max(LEASE_BLOCK, need));
  return { size, lowWater: Math.max(LEASE_LOW_WATER, Math.ceil(size / 4)) };
}

/** Numbering series are per prefix (several business types share one). */
export const NUMBER_PREFIXES: readonly string[] = [...new Set(BUSINESS_TYPES.map((t) => t.prefix))];

export const ticketNumber = (prefix: string, n: number): string => `${prefix}${String(n).padStart(3, '0')}`;
export const isLeasedNumber = (number: string): boolean => Number(number.slice(1)) >= LEASE_FIRST;

export const LeaseRequest = z
  .object({
    day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
    prefix: z.string().regex(/^[A-Z]$/),
    /** Numbers wanted (leaseSizing); LEASE_BLOCK when absent. */
    size: z.number().int().min(1).max(LEASE_MAX_BLOCK).optional(),
  })
  .strict();
export type LeaseRequest = z.infer<typeof LeaseRequest>;
export const Lease = z.object({ day: z.string(), prefix: z.string(), first: z.number().int(), last: z.number().int() });
export type Lease = z.infer<typeof Lease>;

/**
 * A spent day's lease given back (POST /v1/lease/return): `next` is the first number the kiosk never
 * printed, so next…last go back to the hall's ledger as unused. Leases a kiosk used up are not returned.
 */
export const LeaseReturn = z
  .object({
    day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
    prefix: z.string().regex(/^[A-Z]$/),
    first: z.number().int().min(LEASE_FIRST).max(LEASE_MAX),
    next: z
      .number()
      .int()
      .min(LEASE_FIRST)
      .max(LEASE_MAX + 1),
  })
  .strict();
export type LeaseReturn = z.infer<typeof LeaseReturn>;
