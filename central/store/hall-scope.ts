import { AppFailure } from '@common/result';
import { SYNCED_ENTITIES, type SyncedEntity } from '@common/mutators/sql';
import type { SqlDialect } from './sql-dialect';
import { writableColumns } from './table-columns';

/** A column of a row that names a row of another table (the parent's key is `id`). */
type ParentRef = readonly [column: string, table: string];

/**
 * Which hall a row belongs to, per entity: its own `hall_id` where the table has one (on SQLite
 * calls, ratings and invoice events have none), and the rows it refers to. A row belongs to a hall
 * when its own hall and every parent's hall are that hall: a rating of another hall's ticket is
 * refused even though the rating itself is new.
 *
 * `null`: the entity is not hall-scoped here. Money by customer (bills, balances, a payment's
 * ledger row) is settled for any hall's customer (跨区域办理); reference data is written by the
 * central, and the few mutations that touch it (window, staff) are checked by their own hall_id.
 */
export const HALL_SCOPE: Readonly<Record<SyncedEntity, readonly ParentRef[] | null>> = {
  ticket: [['appointment_id', 'appointments']],
  call: [['ticket_id', 'tickets']],
  rating: [['ticket_id', 'tickets']],
  audit: [],
  windowSession: [],
  customerContact: [],
  windowState: [],
  queueSettings: [],
  queueTypeConfig: [],
  appointment: [['ticket_id', 'tickets']],
  application: [],
  applicationEvent: [['application_id', 'applications']],
  payment: [['id', 'payment_orders']],
  paymentOrder: [
    ['ticket_id', 'tickets'],
    ['refund_of', 'payment_orders'],
  ],
  paymentEvent: [['payment_id', 'payment_orders']],
  refundRequest: [['payment_id', 'payment_orders']],
  refundDecision: [
    ['id', 'refund_requests'],
    ['refund_payment_id', 'payment_orders'],
  ],
  invoiceRequest: [['payment_id', 'payment_orders']],
  invoiceEvent: [['invoice_id', 'invoice_requests']],
  cashDeclaration: [],
  consultation: [['ticket_id', 'tickets']],
  signatureRequest: [
    ['application_id', 'applications'],
    ['ticket_id', 'tickets'],
  ],
  applicationSignature: [
    ['application_id', 'applications'],
    ['request_id', 'signature_requests'],
  ],
  applicationAttachment: [['application_id', 'applications']],
  customerFlags: [],
  ratingAppeal: [],
  appealDecision: [['id', 'rating_appeals']],
  evaluationWeights: [],
  tagDefinition: [],
  customerTag: [],
  customerFollowup: [],
  riskModel: [],
  hall: null,
  businessType: null,
  window: [],
  staff: [],
  bill: null,
  customerBalance: null,
  paymentAllocation: [['source_payment_id', 'payment_orders']],
};

/**
 * Refuses, inside the mutation's savepoint, a change that touched a row of another hall (directly
 * or through a row it refers to): the mutation is rolled back whole and reported as rejected.
 * One query per changed row: the row's own hall and its parents' halls, side by side.
 */
export class HallScopeGuard {
  private readonly sqls = new Map<SyncedEntity, string | null>();

  constructor(private readonly db: SqlDialect) {}

  check(hallId: string, entity: SyncedEntity, id: string): void {
    const sql = this.sqlFor(entity);
    if (!sql) return;
    const row = this.db.tx.get<Record<string, string | null>>(sql, id);
    if (!row) return;
    for (const hall of Object.values(row))
      if (hall !== null && hall !== hallId)
        throw new AppFailure('forbidden', 'sync.recordOtherHall', { record: `${entity} ${id}` });
  }

  private sqlFor(entity: SyncedEntity): string | null {
    if (this.sqls.has(entity)) return this.sqls.get(entity)!;
    const parents = HALL_SCOPE[entity];
    let sql: string | null = null;
    if (parents) {
      const { table, key } = SYNCED_ENTITIES[entity];
      const own = writableColumns(this.db, table);
      const halls = [
        ...(own.has('hall_id') ? ['r.hall_id AS own'] : []),
        ...parents
          .filter(([column]) => own.has(column))
          .map(([column, parent], i) => `(SELECT p.hall_id FROM ${parent} p WHERE p.id = r.${column}) AS p${i}`),
      ];
      if (halls.length) sql = `SELECT ${halls.join(', ')} FROM ${table} r WHERE r.${key} = ?`;
    }
    this.sqls.set(entity, sql);
    return sql;
  }
}
