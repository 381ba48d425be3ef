/**
 * Customer lookup over the station database: by 户号, meter number, full phone or ID number (keyed
 * hash), phone tail (indexed column) and any Chinese substring of the name (NameGramIndex, confirmed
 * by decrypting each candidate). Runs wherever the database handle is: inside the storage worker for
 * the station, directly for the bench. Returns masked data only; `reveal` decrypts one field.
 */
import type Database from 'better-sqlite3';
import type { CustomerHit, CustomerSearchResult, CustomerView, RevealField } from '../../common/api/customer-schemas';
import { detectCustomerQuery } from '../../common/domain/customer-query';
import { AppFailure } from '../../common/result';
import type { PersonalDataCipher } from '../security/personal-data-cipher';
import { NameGramIndex, type TokenOf } from './name-gram-index';

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
const HIT_COLUMNS = 'id, hall_id, account_no, name_masked, id_masked, phone_masked, address_masked, meter_no, tariff, usage_type, prepaid, balance_fen';

const toHit = (r: CustomerRow): CustomerHit => ({
  id: r.id,
  hallId: r.hall_id,
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

const ENC_COLUMN: Record<RevealField, string> = { name: 'name_enc', idNumber: 'id_enc', phone: 'phone_enc', address: 'address_enc' };

export const DEFAULT_LIMIT = 20;

export class CustomerDirectory {
  readonly tokenOf: TokenOf;
  #names: NameGramIndex | null = null;
  readonly #byAccount: Database.Statement;
  readonly #byMeter: Database.Statement;
  readonly #byPhoneHash: Database.Statement;
  readonly #byIdHash: Database.Statement;
  readonly #byPhoneTail: Database.Statement;
  readonly #byId: Database.Statement;
  readonly #nameEnc: Database.Statement;

  constructor(
    private readonly db: Database.Database,
    private readonly cipher: PersonalDataCipher,
  ) {
    // A gram token is the head of the keyed lookup hash, under a prefix of its own so a token never
    // equals the hash of a phone or ID number.
    this.tokenOf = (gram) => cipher.hash(`name-gram:${gram}`).readUInt32LE(0);
    this.#byAccount = db.prepare(`SELECT ${HIT_COLUMNS} FROM customers WHERE account_no = ?`);
    this.#byMeter = db.prepare(`SELECT ${HIT_COLUMNS} FROM customers WHERE meter_no = ? LIMIT ?`);
    this.#byPhoneHash = db.prepare(`SELECT ${HIT_COLUMNS} FROM customers WHERE phone_hash = ? LIMIT ?`);
    this.#byIdHash = db.prepare(`SELECT ${HIT_COLUMNS} FROM customers WHERE id_hash = ? LIMIT ?`);
    this.#byPhoneTail = db.prepare(`SELECT ${HIT_COLUMNS} FROM customers WHERE phone_tail = ? ORDER BY id LIMIT ?`);
    this.#byId = db.prepare(`SELECT ${HIT_COLUMNS} FROM customers WHERE id = ?`);
    this.#nameEnc = db.prepare('SELECT name_enc FROM customers WHERE id = ?').pluck();
  }

  /**
   * Make the name index ready: load the snapshot when it matches the database (same key, same
   * customer count and highest id), otherwise build it from the encrypted names and save it.
   */
  openNameIndex(snapshotFile: string | null): { built: boolean; customers: number; ms: number } {
    const t0 = performance.now();
    const { n, maxId } = this.db.prepare('SELECT count(*) AS n, coalesce(max(id), 0) AS maxId FROM customers').get() as { n: number; maxId: number };
    const loaded = snapshotFile ? NameGramIndex.load(snapshotFile, this.tokenOf) : null;
    if (loaded && loaded.meta.customers === n && loaded.meta.maxId === maxId) {
      this.#names = loaded;
      return { built: false, customers: n, ms: performance.now() - t0 };
    }
    this.#names = this.buildNameIndex();
    if (snapshotFile) this.#names.save(snapshotFile);
    return { built: true, customers: n, ms: performance.now() - t0 };
  }

  /** Decrypt every name once, in id order, and index its grams. */
  buildNameIndex(): NameGramIndex {
    const rows = this.db.prepare('SELECT id, name_enc FROM customers ORDER BY id').iterate() as IterableIterator<{ id: number; name_enc: Buffer }>;
    const cipher = this.cipher;
    function* names() {
      for (const r of rows) yield { id: r.id, name: cipher.decrypt(r.name_enc) };
    }
    return NameGramIndex.build(names(), this.tokenOf);
  }

  get nameIndex(): NameGramIndex | null {
    return this.#names;
  }

  /** A customer added after the index was made (seed, sync pull): index its name too. */
  indexNewCustomer(id: number, name: string): void {
    this.#names?.add(id, name, this.tokenOf);
  }

  search(query: string, limit = DEFAULT_LIMIT): CustomerSearchResult {
    const q = detectCustomerQuery(query);
    if (!q.ok) throw new AppFailure('validation', q.message, 'query');
    const take = (rows: CustomerRow[]): CustomerSearchResult => ({ kind: q.kind, hits: rows.slice(0, limit).map(toHit), truncated: rows.length > limit });
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
      case 'name':
        return take(this.#searchName(q.value, limit + 1));
    }
  }

  /** Candidates in id order, each confirmed against its decrypted name, until `want` are found. */
  #searchName(fragment: string, want: number): CustomerRow[] {
    if (!this.#names) throw new AppFailure('unavailable', '姓名索引尚未就绪，请稍后再试 (name index not ready)');
    const needle = fragment.normalize('NFKC');
    const out: CustomerRow[] = [];
    for (const id of this.#names.iterateCandidates(needle, this.tokenOf)) {
      const enc = this.#nameEnc.get(id) as Buffer | undefined;
      if (!enc || !this.cipher.decrypt(enc).normalize('NFKC').replace(/\s+/g, '').includes(needle)) continue;
      out.push(this.#byId.get(id) as CustomerRow);
      if (out.length >= want) break;
    }
    return out;
  }

  hit(id: number): CustomerHit | null {
    const r = this.#byId.get(id) as CustomerRow | undefined;
    return r ? toHit(r) : null;
  }

  view(id: number): CustomerView {
    const customer = this.hit(id);
    if (!customer) throw new AppFailure('not_found', `客户 ${id} 不存在 (no such customer)`, 'customerId');
    const bills = (
      this.db.prepare('SELECT period, kwh, amount_fen, paid_fen, due_date FROM bills WHERE customer_id = ? ORDER BY period DESC LIMIT 24').all(id) as {
        period: string;
        kwh: number;
        amount_fen: number;
        paid_fen: number;
        due_date: string;
      }[]
    )
      .reverse()
      .map((b) => ({ period: b.period, kwh: b.kwh, amountFen: b.amount_fen, paidFen: b.paid_fen, dueDate: b.due_date }));
    const payments = (
      this.db.prepare('SELECT id, period, amount_fen, channel, status, paid_at FROM payments WHERE customer_id = ? ORDER BY paid_at DESC LIMIT 24').all(id) as {
        id: string;
        period: string | null;
        amount_fen: number;
        channel: string;
        status: string;
        paid_at: string;
      }[]
    ).map((p) => ({ id: p.id, period: p.period, amountFen: p.amount_fen, channel: p.channel, status: p.status, paidAt: p.paid_at }));
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
    };
  }

  reveal(id: number, field: RevealField): string {
    const enc = this.db.prepare(`SELECT ${ENC_COLUMN[field]} FROM customers WHERE id = ?`).pluck().get(id) as Buffer | undefined;
    if (!enc) throw new AppFailure('not_found', `客户 ${id} 不存在 (no such customer)`, 'customerId');
    return this.cipher.decrypt(enc);
  }
}
