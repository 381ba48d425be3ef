/**
 * Deterministic demo hall: reference data (hall, business types, windows, staff) and N customers with
 * 24 months of bills and their payments. Same seed, options and `asOf` → same rows (ciphertexts differ,
 * their plaintexts do not). Built for N = 1,000,000: one prepared statement per table, multi-row
 * inserts for bills and payments, a transaction per batch of customers, synchronous=OFF and a 64 MiB
 * page cache while seeding (both restored afterwards).
 */
import type Database from 'better-sqlite3';
import { BUSINESS_TYPES } from '@common/domain/business-types';
import { maskAddress, maskIdNumber, maskName, maskPhone } from '@common/domain/mask';
import type { PersonalDataCipher } from '../../main/security/personal-data-cipher';
import { hashPin } from '../../main/security/pin';
import {
  BILL_MONTHS,
  billAmountFen,
  billMonths,
  CustomerGenerator,
  MAX_CUSTOMERS,
  type CustomerSeed,
} from './customers';
import { withDemoHolder } from './demo-holder';
import { customerFlags } from './customer-flags';
import { PaymentBehaviourSeeder } from './payment-behaviour';
import { seedQueue } from './queue';
import { avatarDataUri, DEFAULT_HALL_ADDRESS, DEFAULT_HALL_ID, DEFAULT_HALL_NAME, STAFF, WINDOWS } from './hall';

export { BILL_MONTHS, billAmountFen, billMonths, CustomerGenerator } from './customers';
export { DEFAULT_HALL_ID, DEFAULT_HALL_NAME, STAFF, WINDOWS, avatarDataUri } from './hall';
export { Rng, WeightedTable } from './prng';

export const DEFAULT_SEED = 20261101;
export const DEFAULT_AS_OF = '2026-11-01';
export const DEFAULT_PIN = '123456';

export interface SeedOptions {
  customers: number;
  seed?: number;
  hallId?: string;
  hallName?: string;
  cipher: PersonalDataCipher;
  /** PIN of every seeded staff member (each hashed with its own salt). */
  pin?: string;
  /** Reference date 'YYYY-MM-DD': bills cover the 24 months before its month. */
  asOf?: string;
  /** Customers per transaction. */
  batchSize?: number;
  onProgress?: (done: number, total: number) => void;
  /** Id of the first customer (another hall seeded into the same central starts past the first's). */
  firstCustomerId?: number;
  /** Seed only the hall row and its customers (another hall in a central that has the reference data). */
  customersOnly?: boolean;
}

export interface SeedStats {
  hallId: string;
  customers: number;
  bills: number;
  payments: number;
  staff: number;
  windows: number;
  businessTypes: number;
  /** Customers with at least one unpaid bill. */
  inArrears: number;
  ms: number;
  rows: number;
  rowsPerSec: number;
}

const CUSTOMER_COLUMNS =
  'id, hall_id, account_no, name_masked, name_enc, id_masked, id_enc, id_hash, phone_masked, phone_enc, phone_hash, phone_tail, address_masked, address_enc, meter_no, tariff, usage_type, prepaid, balance_fen';
const BILL_COLUMNS = 7;
const PAYMENT_COLUMNS = 7;

function values(columns: number, rows: number): string {
  const row = `(${new Array(columns).fill('?').join(',')})`;
  return new Array(rows).fill(row).join(',');
}

/**
 * Seed one hall into a migrated database. Throws if the hall is already there (and, through the
 * primary keys, if another hall's staff numbers or customers collide).
 */
export function seedHall(db: Database.Database, opts: SeedOptions): SeedStats {
  const total = opts.customers;
  if (!Number.isInteger(total) || total < 0 || total > MAX_CUSTOMERS)
    throw new RangeError(`customers must be an integer in 0…${MAX_CUSTOMERS}`);
  const hallId = opts.hallId ?? DEFAULT_HALL_ID;
  const hallName = opts.hallName ?? DEFAULT_HALL_NAME;
  const seed = opts.seed ?? DEFAULT_SEED;
  const batchSize = Math.max(1, opts.batchSize ?? 10_000);
  const cipher = opts.cipher;
  const { months, asOfMs } = billMonths(opts.asOf ?? DEFAULT_AS_OF);
  const started = performance.now();

  if (db.prepare('SELECT 1 FROM halls WHERE id = ?').get(hallId))
    throw new Error(`hall ${hallId} is already seeded in this database`);

  const savedSync = db.pragma('synchronous', { simple: true }) as number;
  const savedCache = db.pragma('cache_size', { simple: true }) as number;
  db.pragma('synchronous = OFF');
  // Room for the interior pages of the growing B-trees, so they are not spilled and re-read.
  db.pragma('cache_size = -65536');
  try {
    // Reference data. PIN hashing (scrypt, ~50 ms each) happens before the transaction opens.
    const pinHashes = opts.customersOnly ? [] : STAFF.map(() => hashPin(opts.pin ?? DEFAULT_PIN));
    db.transaction(() => {
      db.prepare('INSERT INTO halls (id, name, address) VALUES (?, ?, ?)').run(hallId, hallName, DEFAULT_HALL_ADDRESS);
      if (opts.customersOnly) return;
      const bt = db.prepare(
        'INSERT OR IGNORE INTO business_types (code, name, name_en, prefix, online_channel, synonyms, target_wait_min, daily_cap) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
      );
      for (const t of BUSINESS_TYPES)
        bt.run(
          t.code,
          t.name,
          t.nameEn,
          t.prefix,
          t.onlineChannel,
          JSON.stringify(t.synonyms),
          t.targetWaitMin,
          t.dailyCap,
        );
      const win = db.prepare(
        'INSERT INTO windows (hall_id, window_no, name, business_types, open) VALUES (?, ?, ?, ?, 1)',
      );
      for (const w of WINDOWS) win.run(hallId, w.windowNo, w.name, JSON.stringify(w.businessTypes));
      const st = db.prepare(
        'INSERT INTO staff (id, hall_id, staff_no, name, role, title, photo, star_level, skills, pin_hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
      );
      STAFF.forEach((s, i) =>
        st.run(
          s.id,
          hallId,
          s.staffNo,
          s.name,
          s.role,
          s.title,
          avatarDataUri(s.name),
          s.starLevel,
          JSON.stringify(s.skills),
          pinHashes[i],
        ),
      );
      seedQueue(db, hallId, new Date(), (phone) => cipher.hash(phone).toString('hex'));
    })();

    const insCustomer = db.prepare(
      `INSERT INTO customers (${CUSTOMER_COLUMNS}) VALUES (${new Array(19).fill('?').join(',')})`,
    );
    const insBills = db.prepare(
      `INSERT INTO bills (customer_id, period, kwh, amount_fen, paid_fen, due_date, id) VALUES ${values(BILL_COLUMNS, BILL_MONTHS)}`,
    );
    // Payments come 0…24 per customer: a statement for a full set, and a single-row one for the rest.
    const insPaymentsFull = db.prepare(
      `INSERT INTO payments (id, customer_id, period, amount_fen, channel, status, paid_at) VALUES ${values(PAYMENT_COLUMNS, BILL_MONTHS)}`,
    );
    const insPayment = db.prepare(
      `INSERT INTO payments (id, customer_id, period, amount_fen, channel, status, paid_at) VALUES ${values(PAYMENT_COLUMNS, 1)}`,
    );
    const insFlags = db.prepare(
      'INSERT INTO customer_flags (id, hall_id, customer_id, tags, risk_level, risk_note, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
    );
    const flagsAt = new Date(asOfMs).toISOString();
    const behaviour = new PaymentBehaviourSeeder(db, hallId, seed, months, asOfMs);

    const gen = new CustomerGenerator(seed);
    const billArgs: unknown[] = new Array(BILL_COLUMNS * BILL_MONTHS);
    const payArgs: unknown[] = new Array(PAYMENT_COLUMNS * BILL_MONTHS);
    const paymentPrefix = `${hallId}-P`;
    let bills = 0;
    let payments = 0;
    let inArrears = 0;

    const writeCustomer = (c: CustomerSeed): void => {
      insCustomer.run(
        c.id,
        hallId,
        c.accountNo,
        maskName(c.name),
        cipher.encrypt(c.name),
        maskIdNumber(c.idNumber),
        cipher.encrypt(c.idNumber),
        cipher.hash(c.idNumber),
        maskPhone(c.phone),
        cipher.encrypt(c.phone),
        cipher.hash(c.phone),
        c.phone.slice(-4),
        maskAddress(c.address),
        cipher.encrypt(c.address),
        c.meterNo,
        c.tariff,
        c.usageType,
        c.prepaid ? 1 : 0,
        c.balanceFen,
      );
      const paymentIdPrefix = paymentPrefix + String(c.id).padStart(8, '0') + '-';
      let np = 0;
      let unpaidBills = 0;
      for (let k = 0; k < BILL_MONTHS; k++) {
        const m = months[k];
        const kwh = gen.kwh(c, m);
        const amount = billAmountFen(c.tariff, kwh, c.peakShare);
        const unpaid = k >= BILL_MONTHS - c.unpaidLatest && amount > 0;
        if (unpaid) unpaidBills++;
        const b = k * BILL_COLUMNS;
        billArgs[b] = c.id;
        billArgs[b + 1] = m.period;
        billArgs[b + 2] = kwh;
        billArgs[b + 3] = amount;
        billArgs[b + 4] = unpaid ? 0 : amount;
        billArgs[b + 5] = m.dueDate;
        billArgs[b + 6] = `${c.id}/${m.period}`; // the sync id (migration 15), written here rather than by the trigger
        if (!unpaid && amount > 0) {
          const channel = gen.channel(c);
          const p = np * PAYMENT_COLUMNS;
          payArgs[p] = paymentIdPrefix + m.periodCompact;
          payArgs[p + 1] = c.id;
          payArgs[p + 2] = m.period;
          payArgs[p + 3] = amount;
          payArgs[p + 4] = channel;
          payArgs[p + 5] = 'succeeded';
          payArgs[p + 6] = new Date(gen.paidAt(channel, m, asOfMs)).toISOString();
          np++;
        }
      }
      insBills.run(billArgs);
      if (np === BILL_MONTHS) insPaymentsFull.run(payArgs);
      else for (let i = 0; i < np; i++) insPayment.run(payArgs.slice(i * PAYMENT_COLUMNS, (i + 1) * PAYMENT_COLUMNS));
      const reopened = behaviour.apply(c);
      bills += BILL_MONTHS;
      payments += np - reopened;
      if (unpaidBills + reopened > 0) inArrears++;
      const flags = customerFlags(c, unpaidBills + reopened);
      if (flags) insFlags.run(String(c.id), hallId, c.id, JSON.stringify(flags.tags), flags.risk, flags.note, flagsAt);
    };

    const batch = db.transaction((from: number, to: number) => {
      for (let id = from; id <= to; id++) writeCustomer(withDemoHolder(gen.next(id)));
    });
    opts.onProgress?.(0, total);
    const firstId = opts.firstCustomerId ?? 1;
    for (let from = firstId; from < firstId + total; from += batchSize) {
      const to = Math.min(firstId + total - 1, from + batchSize - 1);
      batch(from, to);
      opts.onProgress?.(to - firstId + 1, total);
    }

    const ms = performance.now() - started;
    const rows = 1 + BUSINESS_TYPES.length + WINDOWS.length + STAFF.length + total + bills + payments;
    return {
      hallId,
      customers: total,
      bills,
      payments,
      staff: STAFF.length,
      windows: WINDOWS.length,
      businessTypes: BUSINESS_TYPES.length,
      inArrears,
      ms,
      rows,
      rowsPerSec: ms > 0 ? Math.round(rows / (ms / 1000)) : rows,
    };
  } finally {
    db.pragma(`synchronous = ${savedSync}`);
    db.pragma(`cache_size = ${savedCache}`);
  }
}
