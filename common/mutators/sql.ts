/** The synchronous SQL surface mutators run on: better-sqlite3 on the station and the central. */
export interface SqlTx {
  get<T = Record<string, unknown>>(sql: string, ...params: unknown[]): T | undefined;
  all<T = Record<string, unknown>>(sql: string, ...params: unknown[]): T[];
  run(sql: string, ...params: unknown[]): { changes: number };
}

/** Entities that travel through sync, with the table and key column each lives in. */
export const SYNCED_ENTITIES = {
  ticket: { table: 'tickets', key: 'id' },
  call: { table: 'calls', key: 'id' },
  rating: { table: 'ratings', key: 'id' },
  audit: { table: 'audit_log', key: 'id' },
  windowSession: { table: 'window_sessions', key: 'id' },
  customerContact: { table: 'customer_contacts', key: 'id' },
  windowState: { table: 'window_state', key: 'id' },
  queueSettings: { table: 'queue_settings', key: 'hall_id' },
  queueTypeConfig: { table: 'queue_type_config', key: 'id' },
  appointment: { table: 'appointments', key: 'id' },
  application: { table: 'applications', key: 'id' },
  applicationEvent: { table: 'application_events', key: 'id' },
  // Payments: all append-only.
  payment: { table: 'payments', key: 'id' },
  paymentOrder: { table: 'payment_orders', key: 'id' },
  paymentEvent: { table: 'payment_events', key: 'id' },
  refundRequest: { table: 'refund_requests', key: 'id' },
  refundDecision: { table: 'refund_decisions', key: 'id' },
  invoiceRequest: { table: 'invoice_requests', key: 'id' },
  invoiceEvent: { table: 'invoice_events', key: 'id' },
  cashDeclaration: { table: 'cash_declarations', key: 'id' },
  consultation: { table: 'consultations', key: 'id' },
  signatureRequest: { table: 'signature_requests', key: 'id' },
  applicationSignature: { table: 'application_signatures', key: 'id' },
  applicationAttachment: { table: 'application_attachments', key: 'id' },
  customerFlags: { table: 'customer_flags', key: 'id' },
  // Appeals against bad ratings and their decisions (append-only); the hall's score weights.
  ratingAppeal: { table: 'rating_appeals', key: 'id' },
  appealDecision: { table: 'appeal_decisions', key: 'id' },
  evaluationWeights: { table: 'evaluation_weights', key: 'hall_id' },
  // Customer tags and fee-recovery risk (docs/analytics.md): the catalogue, each customer's tag history, follow-ups; models are made by the central only.
  tagDefinition: { table: 'tag_definitions', key: 'id' },
  customerTag: { table: 'customer_tags', key: 'id' },
  customerFollowup: { table: 'customer_followups', key: 'id' },
  riskModel: { table: 'risk_models', key: 'id' },
  // Reference data (docs/sync.md "Reference data through sync"): published by the central, never pushed by a station.
  hall: { table: 'halls', key: 'id' },
  businessType: { table: 'business_types', key: 'code' },
  window: { table: 'windows', key: 'id' },
  staff: { table: 'staff', key: 'id' },
  // Bills and balances across stations (docs/sync.md "Bills and balances across stations"): made by the
  // central when a payment settles or is undone there, never pushed by a station. A balance is a
  // projection of the customer row (only these columns travel, never the encrypted personal data);
  // a station applies it to the customer it holds.
  bill: { table: 'bills', key: 'id' },
  customerBalance: { table: 'customers', key: 'id', columns: ['id', 'balance_fen'] },
  paymentAllocation: { table: 'payment_allocations', key: 'id' },
} as const;
export type SyncedEntity = keyof typeof SYNCED_ENTITIES;

/** Entities whose rows the central's replay of payments decides; a station's own values are optimistic until they arrive. */
export const MONEY_ENTITIES = [
  'bill',
  'customerBalance',
  'paymentAllocation',
] as const satisfies readonly SyncedEntity[];
export const isMoneyEntity = (e: string): e is (typeof MONEY_ENTITIES)[number] =>
  (MONEY_ENTITIES as readonly string[]).includes(e);

/** The columns an entity's change carries: a projection's own list, else the whole row. */
export const projectedColumns = (entity: SyncedEntity): readonly string[] | null => {
  const spec = SYNCED_ENTITIES[entity];
  return 'columns' in spec ? spec.columns : null;
};

/** A bill's sync id (migration 15), and back. */
export const billId = (customerId: number, period: string): string => `${customerId}/${period}`;
export function parseBillId(id: string): { customerId: number; period: string } | null {
  const m = /^(\d{1,15})\/(.{1,16})$/.exec(id);
  return m ? { customerId: Number(m[1]), period: m[2]! } : null;
}

export interface MutationContext {
  tx: SqlTx;
  /** 'central' decides conflicts authoritatively; 'station' applies optimistically. */
  side: 'station' | 'central';
  /** Record that a row changed, so the central can put it in the change log. */
  changed(entity: SyncedEntity, id: string): void;
}

/** Two column lists with the same names in the same order: a statement made for one serves the other. */
export const sameColumns = (a: readonly string[], b: readonly string[]): boolean =>
  a.length === b.length && a.every((k, i) => k === b[i]);
