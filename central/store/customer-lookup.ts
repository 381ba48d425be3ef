import {
  CustomerLookupResponse,
  BINARY_CUSTOMER_COLUMNS,
  type CustomerLookupRequest,
  type RemoteCustomer,
} from '@common/sync/customer-lookup';
import type { StationRole } from '@common/sync/station-roles';
import { HttpError } from '../http-util';
import type { ChangeLogWriter } from './change-log-writer';
import type { SqlDialect } from './sql-dialect';
import type { StationCaller } from './station-auth';

/** Stations that serve customers at a counter; a kiosk, TV or guide desk never fetches one. */
const LOOKUP_ROLES: readonly StationRole[] = ['counter', 'hall', 'manager'];
const MAX_HITS = 5;
const COLUMNS =
  'id, hall_id, account_no, name_masked, name_enc, id_masked, id_enc, id_hash, phone_masked, phone_enc, phone_hash, phone_tail, address_masked, address_enc, meter_no, tariff, usage_type, prepaid, balance_fen';
const WHERE: Record<CustomerLookupRequest['kind'], string> = {
  account: 'account_no = ?',
  meter: 'meter_no = ?',
  phone: 'phone_hash = ?',
  idNumber: 'id_hash = ?',
};

const toBase64 = (v: unknown): string =>
  v instanceof Uint8Array ? Buffer.from(v).toString('base64') : Buffer.from(String(v ?? ''), 'utf8').toString('base64');

/**
 * The central's side of 跨区域办理: one customer (or the few sharing a phone) of any hall, masked
 * fields and ciphertexts as stored, its last 24 bills and its tags and risk. The central holds the
 * customers of every hall it serves (seeded there, or loaded with `--import-hall` — how a PostgreSQL
 * central gets them).
 */
export class CentralCustomers {
  constructor(
    private readonly db: SqlDialect,
    private readonly changes: ChangeLogWriter,
  ) {}

  lookup(caller: StationCaller, req: CustomerLookupRequest): CustomerLookupResponse {
    if (!LOOKUP_ROLES.includes(caller.role))
      throw new HttpError(403, 'forbidden', 'customer.lookupRoleRefused', { role: caller.role });
    const tx = this.db.tx;
    const key = req.kind === 'phone' || req.kind === 'idNumber' ? Buffer.from(req.value, 'hex') : req.value;
    const rows = tx.all<Record<string, unknown>>(
      `SELECT ${COLUMNS} FROM customers WHERE ${WHERE[req.kind]} ORDER BY id LIMIT ${MAX_HITS}`,
      key,
    );
    if (!rows.length) throw new HttpError(404, 'not_found', 'customer.notFoundAnywhere');
    const customers = rows.map((row): RemoteCustomer => {
      const id = row.id as number;
      const hall = tx.get<{ name: string }>('SELECT name FROM halls WHERE id = ?', row.hall_id);
      const customer = { ...row } as Record<string, unknown>;
      for (const c of BINARY_CUSTOMER_COLUMNS) customer[c] = toBase64(row[c]);
      delete customer.hall_id;
      return {
        hallId: row.hall_id as string,
        hallName: hall?.name ?? (row.hall_id as string),
        customer: customer as RemoteCustomer['customer'],
        bills: tx
          .all<RemoteCustomer['bills'][number]>(
            'SELECT period, kwh, amount_fen, paid_fen, due_date FROM bills WHERE customer_id = ? ORDER BY period DESC LIMIT 24',
            id,
          )
          .reverse(),
        flags:
          tx.get<NonNullable<RemoteCustomer['flags']>>(
            'SELECT id, hall_id, customer_id, tags, risk_level, risk_note, updated_at FROM customer_flags WHERE customer_id = ?',
            id,
          ) ?? null,
      };
    });
    return { customers };
  }

  /**
   * Set a customer's tags and risk (what the collection system does) and log the change, so the
   * customer's hall pulls it like any synced row.
   */
  setFlags(
    hallId: string,
    customerId: number,
    tags: string[],
    riskLevel: 'none' | 'low' | 'medium' | 'high',
    riskNote: string | null,
    now: string,
  ): void {
    this.db.transaction(() => {
      this.db.bindHall(hallId);
      const id = String(customerId);
      this.db.tx.run(
        `INSERT INTO customer_flags (id, hall_id, customer_id, tags, risk_level, risk_note, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT(id) DO UPDATE SET tags = excluded.tags, risk_level = excluded.risk_level, risk_note = excluded.risk_note, updated_at = excluded.updated_at`,
        id,
        hallId,
        customerId,
        JSON.stringify(tags),
        riskLevel,
        riskNote,
        now,
      );
      const row = this.db.tx.get<Record<string, unknown>>('SELECT * FROM customer_flags WHERE id = ?', id);
      this.changes.logRow(hallId, 'customerFlags', id, JSON.stringify(row));
    });
  }
}
