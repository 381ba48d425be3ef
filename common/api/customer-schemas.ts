import { z } from 'zod';
import { CustomerInsights } from './customer-insights-schemas';

/** Customers as they cross the station API: personal data masked unless a reveal call returns it. */
export const CustomerQueryKind = z.enum(['account', 'meter', 'phone', 'phoneTail', 'idNumber', 'name']);

export const CustomerHit = z.object({
  id: z.number().int(),
  hallId: z.string(),
  /** A customer of another hall, fetched from the central (跨区域办理). */
  otherHall: z.boolean().optional(),
  accountNo: z.string(),
  nameMasked: z.string(),
  idMasked: z.string(),
  phoneMasked: z.string(),
  addressMasked: z.string(),
  meterNo: z.string(),
  tariff: z.string(),
  usageType: z.string(),
  prepaid: z.boolean(),
  balanceFen: z.number().int(),
});
export type CustomerHit = z.infer<typeof CustomerHit>;

/** What the counter learned from the central when its own hall had no such customer. */
export const RemoteLookupOutcome = z.enum(['fetched', 'not_found', 'offline', 'unavailable']);
export type RemoteLookupOutcome = z.infer<typeof RemoteLookupOutcome>;

export const RiskLevel = z.enum(['none', 'low', 'medium', 'high']);
/** Tags and fee-recovery risk, as the central sets them (synced down). */
export const CustomerFlags = z.object({
  tags: z.array(z.string()),
  riskLevel: RiskLevel,
  riskNote: z.string().nullable(),
  updatedAt: z.string(),
});
export type CustomerFlags = z.infer<typeof CustomerFlags>;

export const CustomerSearchResult = z.object({
  kind: CustomerQueryKind,
  hits: z.array(CustomerHit),
  /** True when more customers matched than `limit`. */
  truncated: z.boolean(),
  /** Set when nothing matched here and the central was asked (account, meter, phone or ID number). */
  remote: RemoteLookupOutcome.optional(),
});
export type CustomerSearchResult = z.infer<typeof CustomerSearchResult>;

export const CustomerBill = z.object({
  period: z.string(),
  kwh: z.number().int(),
  amountFen: z.number().int(),
  paidFen: z.number().int(),
  dueDate: z.string(),
});
export const CustomerPayment = z.object({
  id: z.string(),
  period: z.string().nullable(),
  amountFen: z.number().int(),
  channel: z.string(),
  status: z.string(),
  paidAt: z.string(),
});

export const CustomerView = z.object({
  customer: CustomerHit,
  /** The last 24 bills, oldest first. */
  bills: z.array(CustomerBill),
  /** The latest payments, newest first. */
  payments: z.array(CustomerPayment),
  /** Sum of unpaid bill amounts, fen. */
  arrearsFen: z.number().int(),
  unpaidBills: z.number().int(),
  /** For local-fee-control (prepaid) meters: the balance the system holds; the meter's own is read from the meter or card. */
  systemBalanceFen: z.number().int(),
  meterBalanceFen: z.number().int().nullable(),
  flags: CustomerFlags.nullable().optional(),
  /** Tags with their evidence, fee-recovery risk with its reason, value: computed now (docs/analytics.md). */
  insights: CustomerInsights.nullable().optional(),
  /** Set for a customer of another hall: whose, and when the counter fetched it from the central. */
  otherHall: z.object({ hallId: z.string(), hallName: z.string(), fetchedAt: z.string() }).nullable().optional(),
});
export type CustomerView = z.infer<typeof CustomerView>;

export const RevealField = z.enum(['name', 'idNumber', 'phone', 'address']);
export type RevealField = z.infer<typeof RevealField>;

/** Applications on electronic forms, as the counter sees them (values decrypted for staff). */
export const FormValuesInput = z.record(z.string().max(40), z.union([z.string().max(500), z.number(), z.null()]));
export const ApplicationView = z.object({
  id: z.string(),
  applicationNo: z.string().nullable(),
  type: z.string(),
  formVersion: z.number().int(),
  customerId: z.number().int().nullable(),
  status: z.string(),
  summary: z.string(),
  values: FormValuesInput,
  contentHash: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  submittedAt: z.string().nullable(),
  events: z.array(z.object({ status: z.string(), note: z.string().nullable(), at: z.string() })),
});
export type ApplicationView = z.infer<typeof ApplicationView>;
export const ApplicationSubmitted = z.object({
  application: ApplicationView,
  /** The acceptance slip as text lines; `followUrl` is what its QR code holds. */
  slipLines: z.array(z.string()),
  followUrl: z.string(),
  printed: z.boolean(),
});
