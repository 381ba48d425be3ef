/**
 * Customer lookup over the station database: by 户号, meter number, full phone or ID number (keyed
 * hash), phone tail (indexed column) and any Chinese substring of the name (NameGramIndex, exact by
 * character positions; the rare unsure candidate is confirmed by decrypting its name). Runs wherever the database handle is:
 * inside the storage worker for the station, directly for the bench. Returns masked data only, and
 * only for the page shown (one query for all its rows); `reveal` decrypts one field.
 */
import type Database from 'better-sqlite3';
import type { CustomerHit, CustomerSearchResult, CustomerView, RevealField } from '@common/api/customer-schemas';
import { detectCustomerQuery } from '@common/domain/customer-query';
import { AppFailure } from '@common/result';
import type { PersonalDataCipher } from '../security/personal-data-cipher';
import { NameGramIndex, NameIndexBuilder, type GramHash } from './name-gram-index';
import { flagsOf } from './remote-customers';

interface CustomerRow {
  id: number;
  hall_id: string;
  account_no: string;
  name_masked: string;
  id_masked: string;
  phone_masked: string;
  address_masked: string;
  meter_no: string;
  tariff: string;
  usage_type: string;
  prepaid: number;
  balance_fen: number;
}
const HIT_COLUMNS =
  'id, hall_id, account_no, name_masked, id_masked, phone_masked, address_masked, meter_no, tariff, usage_type, prepaid, balance_fen';

/** A customer row as the counter sees it; `ownHall` tells a customer of another hall (跨区域办理). */
const toHit = (r: CustomerRow, ownHall: string | null): CustomerHit => ({
  id: r.id,
  hallId: r.hall_id,
  otherHall: ownHall !== null && r.hall_id !== ownHall,
  accountNo: r.account_no,
  nameMasked: r.name_masked,
  idMasked: r.id_masked,
  phoneMasked: r.phone_masked,
  addressMasked: r.address_masked,
  meterNo: r.meter_no,
  tariff: r.tariff,
  usageType: r.usage_type,
  prepaid: r.prepaid === 1,
  balanceFen: r.balance_fen,
});

const ENC_COLUMN: Record<RevealField, string> = {
  name: 'name_enc',
  idNumber: 'id_enc',
  phone: 'phone_enc',
  address: 'address_enc',
};

export const DEFAULT_LIMIT = 20;
/** Rows decrypted per slice of a background build before it checks its time budget. */
const BUILD_BATCH = 256;

export interface NameIndexStatus {
  /** `failed`: a name would not decrypt (another key) or the database failed; see `error`. */
  state: 'ready' | 'building' | 'failed';
  error?: string;
  /** Customers indexed so far, and in the database when the build started. */
  indexed: number;
  total: number;
}

/** Decrypts every name once, in id order, a slice at a time, so requests run between slices. */
class NameIndexBuild {
  readonly total: number;
  readonly #builder: NameIndexBuilder;
  readonly #rows: Database.Statement;
  #after = 0;

  constructor(
    db: Database.Database,
    private readonly cipher: PersonalDataCipher,
    hashOf: GramHash,
    private readonly batchRows = BUILD_BATCH,
  ) {
    this.total = db.prepare('SELECT count(*) FROM customers').pluck().get() as number;
    this.#builder = new NameIndexBuilder(hashOf);
    this.#rows = db.prepare('SELECT id, name_enc FROM customers WHERE id > ? ORDER BY id LIMIT ?');
  }

  get indexed(): number {
    return this.#builder.customers;
  }

  /** Index rows for about `budgetMs`; the finished index once every row is in, else null. */
  step(budgetMs: number): NameGramIndex | null {
    const until = performance.now() + budgetMs;
    do {
      const rows = this.#rows.all(this.#after, this.batchRows) as { id: number; name_enc: Buffer }[];
      for (const r of rows) this.#builder.add(r.id, this.cipher.decrypt(r.name_enc));
      if (rows.length < this.batchRows) return this.#builder.finish();
      this.#after = rows[rows.length - 1]!.id;
    } while (performance.now() < until);
    return null;
  }
}

export class CustomerDirectory {
  readonly hashOf: GramHash;
  #names: NameGramIndex | null = null;
  #buildError: string | null = null;
  #build: { run: NameIndexBuild; snapshotFile: string | null; pending: { id: number; name: string }[] } | null = null;
  readonly #byAccount: Database.Statement;
  readonly #byMeter: Database.Statement;
  readonly #byPhoneHash: Database.Statement;
  readonly #byIdHash: Database.Statement;
  readonly #byPhoneTail: Database.Statement;
  readonly #byId: Database.Statement;
  readonly #nameEnc: Database.Statement;
  /** `WHERE id IN (?, …)` statements by their number of ids: one round trip per page of hits. */
  readonly #byIds = new Map<number, Database.Statement>();

  constructor(
    private readonly db: Database.Database,
    private readonly cipher: PersonalDataCipher,
    /** The station's hall: customers of any other are marked as such. */
    private readonly ownHall: string | null = null,
  ) {
    // A gram's hash is the keyed lookup hash under a prefix of its own, so it never equals the hash
    // of a phone or ID number.
    this.hashOf = (gram) => cipher.hash(`name-gram:${gram}`);
    this.#byAccount = db.prepare(`SELECT ${HIT_COLUMNS} FROM customers WHERE account_no = ?`);
    this.#byMeter = db.prepare(`SELECT ${HIT_COLUMNS} FROM customers WHERE meter_no = ? LIMIT ?`);
    this.#byPhoneHash = db.prepare(`SELECT ${HIT_COLUMNS} FROM customers WHERE phone_hash = ? LIMIT ?`);
    this.#byIdHash = db.prepare(`SELECT ${HIT_COLUMNS} FROM customers WHERE id_hash = ? LIMIT ?`);
    this.#byPhoneTail = db.prepare(`SELECT ${HIT_COLUMNS} FROM customers WHERE phone_tail = ? ORDER BY id LIMIT ?`);
    this.#byId = db.prepare(`SELECT ${HIT_COLUMNS} FROM customers WHERE id = ?`);
    this.#nameEnc = db.prepare('SELECT name_enc FROM customers WHERE id = ?').pluck();
  }

  /** The snapshot, when it matches the database (same key, same customer count and highest id). */
  #loadSnapshot(snapshotFile: string | null): NameGramIndex | null {
    const { n, maxId } = this.db
      .prepare('SELECT count(*) AS n, coalesce(max(id), 0) AS maxId FROM customers')
      .get() as { n: number; maxId: number };
    const loaded = snapshotFile ? NameGramIndex.load(snapshotFile, this.hashOf) : null;
    return loaded && loaded.meta.customers === n && loaded.meta.maxId === maxId ? loaded : null;
  }

  /** Make the name index ready now: load the snapshot, or build it in one go and save it. */
  openNameIndex(snapshotFile: string | null): { built: boolean; customers: number; ms: number } {
    const t0 = performance.now();
    this.#names = this.#loadSnapshot(snapshotFile);
    if (this.#names) return { built: false, customers: this.#names.meta.customers, ms: performance.now() - t0 };
    this.startNameIndexBuild(snapshotFile);
    let st: NameIndexStatus;
    while ((st = this.buildNameIndexStep(Infinity)).state === 'building');
    if (st.state === 'failed') throw new Error(st.error);
    return { built: true, customers: this.#names!.meta.customers, ms: performance.now() - t0 };
  }

  /**
   * Load the snapshot, or start a build that advances only through buildNameIndexStep: the storage
   * worker runs a slice at a time and answers other requests in between (the first start at a
   * million customers decrypts every name, which takes tens of seconds).
   */
  startNameIndexBuild(snapshotFile: string | null, batchRows = BUILD_BATCH): NameIndexStatus {
    this.#names = this.#loadSnapshot(snapshotFile);
    if (!this.#names)
      this.#build = {
        run: new NameIndexBuild(this.db, this.cipher, this.hashOf, batchRows),
        snapshotFile,
        pending: [],
      };
    return this.nameIndexStatus();
  }

  /** Run the build for about `budgetMs`; when it finishes, save the snapshot and go live. */
  buildNameIndexStep(budgetMs: number): NameIndexStatus {
    const b = this.#build;
    if (!b) return this.nameIndexStatus();
    let done: NameGramIndex | null;
    try {
      done = b.run.step(budgetMs);
    } catch (e) {
      // Never an uncaught error in the worker: the build stops, name search says why.
      this.#buildError = e instanceof Error ? e.message : String(e);
      this.#build = null;
      return this.nameIndexStatus();
    }
    if (done) {
      try {
        if (b.snapshotFile) done.save(b.snapshotFile);
      } catch {
        // No snapshot (disk full, read-only): the index still serves; the next start builds again.
      }
      // Customers fetched while the build ran; one the scan also saw is merged, not doubled.
      for (const p of b.pending) done.add(p.id, p.name, this.hashOf);
      this.#names = done;
      this.#build = null;
    }
    return this.nameIndexStatus();
  }

  nameIndexStatus(): NameIndexStatus {
    if (this.#buildError !== null) return { state: 'failed', indexed: 0, total: 0, error: this.#buildError };
    if (this.#build) return { state: 'building', indexed: this.#build.run.indexed, total: this.#build.run.total };
    const n = this.#names?.meta.customers ?? 0;
    return { state: 'ready', indexed: n, total: n };
  }

  /** Decrypt every name once, in id order, and index its grams (the bench's one-time build). */
  buildNameIndex(): NameGramIndex {
    const run = new NameIndexBuild(this.db, this.cipher, this.hashOf);
    let index: NameGramIndex | null = null;
    while (!index) index = run.step(Infinity);
    return index;
  }

  get nameIndex(): NameGramIndex | null {
    return this.#names;
  }

  /** A customer added after the index was made (a cross-hall fetch): index its name too. */
  indexNewCustomer(id: number, name: string): void {
    if (this.#build) this.#build.pending.push({ id, name });
    else this.#names?.add(id, name, this.hashOf);
  }

  /**
   * Index the name of a customer just cached from the central. False when its name does not decrypt
   * under this station's key (a deployment with per-hall keys): it is still found by 户号 or 表号.
   */
  indexCachedName(id: number): boolean {
    const enc = this.#nameEnc.get(id) as Buffer | undefined;
    if (!enc) return false;
    let name: string;
    try {
      name = this.cipher.decrypt(enc);
    } catch {
      return false;
    }
    this.indexNewCustomer(id, name);
    return true;
  }

  search(query: string, limit = DEFAULT_LIMIT): CustomerSearchResult {
    const q = detectCustomerQuery(query);
    if (!q.ok) throw AppFailure.fromError({ code: 'validation', ...q, field: 'query' });
    const take = (rows: CustomerRow[]): CustomerSearchResult => ({
      kind: q.kind,
      hits: rows.slice(0, limit).map((r) => toHit(r, this.ownHall)),
      truncated: rows.length > limit,
    });
    switch (q.kind) {
      case 'account': {
        const r = this.#byAccount.get(q.value) as CustomerRow | undefined;
        return take(r ? [r] : []);
      }
      case 'meter':
        return take(this.#byMeter.all(q.value, limit + 1) as CustomerRow[]);
      case 'phone':
        return take(this.#byPhoneHash.all(this.cipher.hash(q.value), limit + 1) as CustomerRow[]);
      case 'idNumber':
        return take(this.#byIdHash.all(this.cipher.hash(q.value), limit + 1) as CustomerRow[]);
      case 'phoneTail':
        return take(this.#byPhoneTail.all(q.value, limit + 1) as CustomerRow[]);
      case 'name': {
        const ids = this.#searchName(q.value, limit + 1);
        return {
          kind: q.kind,
          hits: this.#rowsOf(ids.slice(0, limit)).map((r) => toHit(r, this.ownHall)),
          truncated: ids.length > limit,
        };
      }
    }
  }

  /** The rows of the page shown, in one query. */
  #rowsOf(ids: number[]): CustomerRow[] {
    if (!ids.length) return [];
    let stmt = this.#byIds.get(ids.length);
    if (!stmt)
      this.#byIds.set(
        ids.length,
        (stmt = this.db.prepare(
          `SELECT ${HIT_COLUMNS} FROM customers WHERE id IN (${ids.map(() => '?').join(',')}) ORDER BY id`,
        )),
      );
    return stmt.all(...ids) as CustomerRow[];
  }

  /**
   * Ids of customers whose names contain `fragment`, in id order, at most `want`. The index answers
   * exactly; the rare candidate it is not sure of (a shared token, a very long name) is confirmed by
   * its decrypted name.
   */
  #searchName(fragment: string, want: number): number[] {
    if (!this.#names) {
      const st = this.nameIndexStatus();
      if (st.state === 'failed') throw new AppFailure('unavailable', 'customer.nameIndexFailed');
      const pct = st.total ? Math.floor((st.indexed / st.total) * 100) : 0;
      throw new AppFailure('unavailable', 'customer.nameIndexBuilding', { percent: pct });
    }
    const needle = fragment.normalize('NFKC');
    const out: number[] = [];
    this.#names.candidates(needle, this.hashOf).forEach((id, sure) => {
      if (sure || this.#nameContains(id, needle)) out.push(id);
      return out.length < want;
    });
    return out;
  }

  #nameContains(id: number, needle: string): boolean {
    const enc = this.#nameEnc.get(id) as Buffer | undefined;
    return !!enc && this.cipher.decrypt(enc).normalize('NFKC').replace(/\s+/g, '').includes(needle);
  }

  hit(id: number): CustomerHit | null {
    const r = this.#byId.get(id) as CustomerRow | undefined;
    return r ? toHit(r, this.ownHall) : null;
  }

  view(id: number): CustomerView {
    const customer = this.hit(id);
    if (!customer) throw new AppFailure('not_found', 'customer.notFound', {}, 'customerId');
    const bills = (
      this.db
        .prepare(
          'SELECT period, kwh, amount_fen, paid_fen, due_date FROM bills WHERE customer_id = ? ORDER BY period DESC LIMIT 24',
        )
        .all(id) as {
        period: string;
        kwh: number;
        amount_fen: number;
        paid_fen: number;
        due_date: string;
      }[]
    )
      .reverse()
      .map((b) => ({
        period: b.period,
        kwh: b.kwh,
        amountFen: b.amount_fen,
        paidFen: b.paid_fen,
        dueDate: b.due_date,
      }));
    const payments = (
      this.db
        .prepare(
          'SELECT id, period, amount_fen, channel, status, paid_at FROM payments WHERE customer_id = ? ORDER BY paid_at DESC LIMIT 24',
        )
        .all(id) as {
        id: string;
        period: string | null;
        amount_fen: number;
        channel: string;
        status: string;
        paid_at: string;
      }[]
    ).map((p) => ({
      id: p.id,
      period: p.period,
      amountFen: p.amount_fen,
      channel: p.channel,
      status: p.status,
      paidAt: p.paid_at,
    }));
    const unpaid = bills.filter((b) => b.paidFen < b.amountFen);
    return {
      customer,
      bills,
      payments,
      arrearsFen: unpaid.reduce((s, b) => s + b.amountFen - b.paidFen, 0),
      unpaidBills: unpaid.length,
      systemBalanceFen: customer.balanceFen,
      // No meter or card has been read in this session: the meter's own balance is unknown.
      meterBalanceFen: null,
      flags: flagsOf(this.db, id),
      otherHall: customer.otherHall
        ? ((this.db
            .prepare(
              'SELECT hall_id AS hallId, hall_name AS hallName, fetched_at AS fetchedAt FROM customer_remote WHERE customer_id = ?',
            )
            .get(id) as CustomerView['otherHall']) ?? null)
        : null,
    };
  }

  reveal(id: number, field: RevealField): string {
    const enc = this.db.prepare(`SELECT ${ENC_COLUMN[field]} FROM customers WHERE id = ?`).pluck().get(id) as
      Buffer | undefined;
    if (!enc) throw new AppFailure('not_found', 'customer.notFound', {}, 'customerId');
    return this.cipher.decrypt(enc);
  }
}
