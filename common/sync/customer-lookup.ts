import { z } from 'zod';

/**
 * 跨区域办理: a counter asks the central for a customer of another hall that its own database does
 * not hold. Personal-data rule (docs/sync.md, "Cross-hall customers"): the request carries 户号 or 表号 as
 * typed, but a phone or ID number only as its keyed hash (hex) — the number itself never leaves the
 * station. The answer carries the masked fields and the ciphertexts exactly as the central stores
 * them (encrypted under the deployment's personal-data key, which the central process never holds),
 * so the counter shows masked data and decrypts a field only through its audited reveal.
 */
export const LOOKUP_KINDS = ['account', 'meter', 'phone', 'idNumber'] as const;
export const CustomerLookupRequest = z
  .object({
    kind: z.enum(LOOKUP_KINDS),
    value: z.string().regex(/^(33\d{8}|3301\d{10}|[0-9a-f]{64})$/, 'customer.lookupValue'),
  })
  .strict();
export type CustomerLookupRequest = z.infer<typeof CustomerLookupRequest>;

const b64 = z.string().max(4096);
export const RemoteCustomer = z.object({
  hallId: z.string(),
  hallName: z.string(),
  customer: z.object({
    id: z.number().int().positive(),
    account_no: z.string(),
    name_masked: z.string(),
    name_enc: b64,
    id_masked: z.string(),
    id_enc: b64,
    id_hash: b64,
    phone_masked: z.string(),
    phone_enc: b64,
    phone_hash: b64,
    phone_tail: z.string(),
    address_masked: z.string(),
    address_enc: b64,
    meter_no: z.string(),
    tariff: z.string(),
    usage_type: z.string(),
    prepaid: z.number().int(),
    balance_fen: z.number().int(),
  }),
  /** The last 24 bills (no payments, no applications: those stay with the home hall). */
  bills: z
    .array(
      z.object({
        period: z.string(),
        kwh: z.number().int(),
        amount_fen: z.number().int(),
        paid_fen: z.number().int(),
        due_date: z.string(),
      }),
    )
    .max(24),
  flags: z
    .object({
      id: z.string(),
      hall_id: z.string(),
      customer_id: z.number().int(),
      tags: z.string(),
      risk_level: z.string(),
      risk_note: z.string().nullable(),
      updated_at: z.string(),
    })
    .nullable(),
});
export type RemoteCustomer = z.infer<typeof RemoteCustomer>;
export const CustomerLookupResponse = z.object({ customers: z.array(RemoteCustomer).max(5) });
export type CustomerLookupResponse = z.infer<typeof CustomerLookupResponse>;

/** Binary columns travel as base64. */
export const BINARY_CUSTOMER_COLUMNS = [
  'name_enc',
  'id_enc',
  'id_hash',
  'phone_enc',
  'phone_hash',
  'address_enc',
] as const;
