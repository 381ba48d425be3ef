import Database from 'better-sqlite3';
import { mkdtempSync, readFileSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUSINESS_TYPES } from '@common/domain/business-types';
import { validateIdNumber } from '@common/domain/id-number';
import { maskAddress, maskIdNumber, maskName, maskPhone } from '@common/domain/mask';
import { PersonalDataCipher } from '../../../main/security/personal-data-cipher';
import { verifyPin } from '../../../main/security/pin';
import { billAmountFen, CustomerGenerator, Rng, seedHall, type SeedStats } from '../../../hall/seed/index';
import { DEMO_HOLDER_IDS, withDemoHolder } from '../../../hall/seed/demo-holder';
import {
  DEMO_HOLDER_PHONE,
  DEMO_HOME_ACCOUNT,
  DEMO_ID_CARD,
  DEMO_POWER_CARD_ACCOUNT,
} from '../../../hall/demo-id-card';
import { configure, migrate } from '../../../node/sqlite/migrate';

const N = 500;
const KEY = Buffer.alloc(32, 0x5a);
const cipher = new PersonalDataCipher(KEY);
const dir = mkdtempSync(join(tmpdir(), 'hc-seed-'));

interface CustomerRow {
  id: number;
  account_no: string;
  name_masked: string;
  name_enc: Buffer;
  id_masked: string;
  id_enc: Buffer;
  id_hash: Buffer;
  phone_masked: string;
  phone_enc: Buffer;
  phone_hash: Buffer;
  phone_tail: string;
  address_masked: string;
  address_enc: Buffer;
  meter_no: string;
  tariff: string;
  usage_type: string;
  prepaid: number;
  balance_fen: number;
}

/** Seed into a fresh file, checkpoint and close; returns the path and the stats. */
function seedFile(name: string, seed: number, customers = N, pin?: string): { file: string; stats: SeedStats } {
  const file = join(dir, `${name}.db`);
  const db = new Database(file);
  configure(db);
  migrate(db);
  const progress: number[] = [];
  const stats = seedHall(db, {
    customers,
    seed,
    cipher,
    pin,
    batchSize: 200,
    onProgress: (done) => progress.push(done),
  });
  expect(progress).toEqual(
    [0, 200, 400, 500].filter((n) => n <= customers).concat(customers === 500 ? [] : [customers]),
  );
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
  return { file, stats };
}

/** Every customer column, with the personal fields decrypted and the ciphertexts left out. */
function decryptedCustomers(db: Database.Database) {
  return (db.prepare('SELECT * FROM customers ORDER BY id').all() as CustomerRow[]).map(
    ({ name_enc, id_enc, phone_enc, address_enc, id_hash, phone_hash, ...rest }) => ({
      ...rest,
      name: cipher.decrypt(name_enc),
      idNumber: cipher.decrypt(id_enc),
      phone: cipher.decrypt(phone_enc),
      address: cipher.decrypt(address_enc),
      idHash: id_hash.toString('hex'),
      phoneHash: phone_hash.toString('hex'),
    }),
  );
}

let a: { file: string; stats: SeedStats };
let db: Database.Database;

beforeAll(() => {
  a = seedFile('a', 42, N, '246802');
  db = new Database(a.file, { readonly: true });
}, 120_000);
afterAll(() => {
  db?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('seedHall', () => {
  it('writes the expected counts and reports them', () => {
    const count = (t: string) => (db.prepare(`SELECT count(*) AS n FROM ${t}`).get() as { n: number }).n;
    expect(count('halls')).toBe(1);
    expect(count('business_types')).toBe(BUSINESS_TYPES.length);
    expect(count('windows')).toBe(12);
    expect(count('staff')).toBe(20);
    expect(count('customers')).toBe(N);
    expect(count('bills')).toBe(N * 24);
    const perCustomer = db.prepare('SELECT count(*) AS n FROM bills GROUP BY customer_id HAVING n <> 24').all();
    expect(perCustomer).toEqual([]);
    expect(a.stats).toMatchObject({
      hallId: 'H001',
      customers: N,
      bills: N * 24,
      payments: count('payments'),
      staff: 20,
      windows: 12,
    });
    expect(a.stats.rowsPerSec).toBeGreaterThan(0);
  });

  it('seeds the hall and every business type with its synonyms', () => {
    expect(db.prepare('SELECT id, name FROM halls').get()).toEqual({
      id: 'H001',
      name: '国网杭州市西湖区供电公司 文三路营业厅',
    });
    const rows = db.prepare('SELECT * FROM business_types').all() as Array<{
      code: string;
      synonyms: string;
      prefix: string;
    }>;
    for (const t of BUSINESS_TYPES) {
      const r = rows.find((x) => x.code === t.code)!;
      expect(r.prefix).toBe(t.prefix);
      expect(JSON.parse(r.synonyms)).toEqual(t.synonyms);
    }
  });

  it('opens 12 windows, window 3 serves PAY, every type is served, one window serves everything', () => {
    const wins = (
      db.prepare('SELECT * FROM windows ORDER BY window_no').all() as Array<{
        window_no: number;
        name: string;
        business_types: string;
        open: number;
      }>
    ).map((w) => ({
      ...w,
      types: JSON.parse(w.business_types) as string[],
    }));
    expect(wins.map((w) => w.window_no)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    expect(wins.map((w) => w.name)).toEqual(wins.map((w) => `${w.window_no}号窗口`));
    expect(wins.every((w) => w.open === 1)).toBe(true);
    expect(wins[2].types).toContain('PAY');
    const codes = BUSINESS_TYPES.map((t) => t.code);
    for (const c of codes)
      expect(
        wins.some((w) => w.types.includes(c)),
        c,
      ).toBe(true);
    for (const w of wins) for (const c of w.types) expect(codes).toContain(c);
    expect(wins.filter((w) => codes.every((c) => w.types.includes(c)))).toHaveLength(1);
    expect(wins.filter((w) => w.types.includes('PAY')).length).toBeGreaterThanOrEqual(3);
  });

  it('seeds 20 staff with roles by number, avatars under 1 KB, salted PIN hashes', () => {
    const staff = db.prepare('SELECT * FROM staff ORDER BY staff_no').all() as Array<{
      staff_no: string;
      role: string;
      title: string;
      photo: string;
      star_level: number;
      skills: string;
      pin_hash: string;
      name: string;
    }>;
    expect(staff.map((s) => s.staff_no)).toEqual(Array.from({ length: 20 }, (_, i) => String(1001 + i)));
    const role = (no: number) => staff[no - 1001].role;
    expect(role(1001)).toBe('manager');
    for (let no = 1002; no <= 1017; no++) expect(role(no)).toBe('agent');
    expect([role(1018), role(1019)]).toEqual(['guide', 'guide']);
    expect(role(1020)).toBe('technician');
    for (const s of staff) {
      expect(s.photo).toMatch(/^data:image\/svg\+xml;base64,/);
      expect(s.photo.length).toBeLessThan(1024);
      expect(Buffer.from(s.photo.split(',')[1], 'base64').toString('utf8')).toContain(Array.from(s.name)[0]);
      expect(s.star_level).toBeGreaterThanOrEqual(3);
      expect(s.star_level).toBeLessThanOrEqual(5);
      expect(Array.isArray(JSON.parse(s.skills))).toBe(true);
      expect(s.name).toMatch(/^[\u4e00-\u9fff]{2,3}$/);
    }
    expect(staff.filter((s) => s.role === 'agent').every((s) => ['营业员', '高级营业员'].includes(s.title))).toBe(true);
    expect(new Set(staff.map((s) => s.pin_hash)).size).toBe(20);
    expect(verifyPin('246802', staff[0].pin_hash)).toBe(true);
    expect(verifyPin('123456', staff[0].pin_hash)).toBe(false);
  });

  it('encrypts personal data; every ID validates; masks, hashes and tails match the plaintext', () => {
    const rows = decryptedCustomers(db);
    const accounts = new Set<string>();
    const ids = new Set<string>();
    for (const c of rows) {
      const v = validateIdNumber(c.idNumber, { today: '2026-11-01' });
      expect(v.valid, c.idNumber).toBe(true);
      if (v.valid) {
        expect(v.birthDate >= '1940-01-01' && v.birthDate <= '2004-12-31').toBe(true);
        expect(v.regionCode).toMatch(/^[1-6]\d{5}$/);
      }
      expect(c.name).toMatch(/^[\u4e00-\u9fff\u{20000}-\u{2FFFF}]{2,4}$/u);
      expect(c.phone).toMatch(/^1(3\d|5[0-35-9]|7[7]|8\d|9[125689])\d{8}$/);
      expect(c.address).toMatch(/^浙江省杭州市.{2}区.+号/);
      expect(c.account_no).toMatch(/^33\d{8}$/);
      expect(c.meter_no).toMatch(/^\d{14}$/);
      expect(['居民阶梯', '居民峰谷', '一般工商业']).toContain(c.tariff);
      expect(c.usage_type).toBe(c.tariff === '一般工商业' ? '非居民' : '居民');
      expect(c.name_masked).toBe(maskName(c.name));
      expect(c.id_masked).toBe(maskIdNumber(c.idNumber));
      expect(c.phone_masked).toBe(maskPhone(c.phone));
      expect(c.address_masked).toBe(maskAddress(c.address));
      expect(c.address_masked).toMatch(/^浙江省杭州市.{2}区\*\*\*\*$/);
      expect(c.phone_tail).toBe(c.phone.slice(-4));
      expect(c.idHash).toBe(cipher.hash(c.idNumber).toString('hex'));
      expect(c.phoneHash).toBe(cipher.hash(c.phone).toString('hex'));
      accounts.add(c.account_no);
      ids.add(c.idNumber);
    }
    expect(accounts.size).toBe(N);
    // One person, the demo ID card's holder, has two accounts; everyone else one.
    expect(ids.size).toBe(N - 1);
    // A realistic mix, not one value repeated.
    const prepaid = rows.filter((c) => c.prepaid === 1).length;
    expect(prepaid).toBeGreaterThan(N * 0.04);
    expect(prepaid).toBeLessThan(N * 0.18);
    expect(new Set(rows.map((c) => c.tariff)).size).toBe(3);
    expect(new Set(rows.map((c) => c.name.slice(0, 1))).size).toBeGreaterThan(40);
  });

  it('bills 24 months ending the month before asOf, priced by the tariff, with summer and winter peaks', () => {
    const periods = (
      db.prepare('SELECT DISTINCT period FROM bills ORDER BY period').all() as Array<{ period: string }>
    ).map((r) => r.period);
    expect(periods).toHaveLength(24);
    expect(periods[0]).toBe('2024-11');
    expect(periods[23]).toBe('2026-10');
    const bills = db
      .prepare('SELECT b.*, c.tariff FROM bills b JOIN customers c ON c.id = b.customer_id')
      .all() as Array<{
      period: string;
      kwh: number;
      amount_fen: number;
      paid_fen: number;
      due_date: string;
      tariff: string;
    }>;
    for (const b of bills) {
      expect(b.kwh).toBeGreaterThanOrEqual(0);
      expect(b.paid_fen === b.amount_fen || b.paid_fen === 0).toBe(true);
      const [y, m] = b.period.split('-').map(Number);
      const next = m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
      expect(b.due_date).toBe(`${next}-25`);
      if (b.tariff === '居民阶梯') expect(b.amount_fen).toBe(billAmountFen('居民阶梯', b.kwh, 0));
    }
    const avg = (p: string) =>
      (
        db
          .prepare(
            "SELECT avg(b.kwh) AS k FROM bills b JOIN customers c ON c.id = b.customer_id WHERE c.usage_type = '居民' AND period = ?",
          )
          .get(p) as { k: number }
      ).k;
    expect(avg('2026-08')).toBeGreaterThan(avg('2026-05') * 1.3);
    expect(avg('2026-01')).toBeGreaterThan(avg('2026-04') * 1.2);
  });

  it('prices the 居民阶梯 tiers at 0.538 / 0.588 / 0.838 元', () => {
    expect(billAmountFen('居民阶梯', 100, 0)).toBe(5380);
    expect(billAmountFen('居民阶梯', 230, 0)).toBe(12374);
    expect(billAmountFen('居民阶梯', 300, 0)).toBe(12374 + 70 * 58.8);
    expect(billAmountFen('居民阶梯', 500, 0)).toBe(Math.round(230 * 53.8 + 170 * 58.8 + 100 * 83.8));
  });

  it('leaves a minority of customers with their latest bills unpaid (late payers, drifting into arrears); every paid bill has one payment', () => {
    const unpaid = db.prepare('SELECT customer_id, period FROM bills WHERE paid_fen < amount_fen').all() as Array<{
      customer_id: number;
      period: string;
    }>;
    // The collection recovers a bill within a few months: only the newest stay open.
    expect(unpaid.every((u) => u.period >= '2026-06')).toBe(true);
    const arrears = new Set(unpaid.map((u) => u.customer_id)).size;
    expect(arrears).toBeGreaterThan(N * 0.02);
    expect(arrears).toBeLessThan(N * 0.25);
    expect(arrears).toBe(a.stats.inArrears);

    const orphan = db
      .prepare(
        'SELECT count(*) AS n FROM payments p LEFT JOIN bills b ON b.customer_id = p.customer_id AND b.period = p.period WHERE b.period IS NULL OR b.amount_fen <> p.amount_fen OR b.paid_fen <> p.amount_fen',
      )
      .get() as { n: number };
    expect(orphan.n).toBe(0);
    const missing = db
      .prepare(
        'SELECT count(*) AS n FROM bills b LEFT JOIN payments p ON p.customer_id = b.customer_id AND p.period = b.period WHERE b.paid_fen > 0 AND p.id IS NULL',
      )
      .get() as { n: number };
    expect(missing.n).toBe(0);
    const payments = db
      .prepare('SELECT p.*, b.due_date FROM payments p JOIN bills b USING (customer_id, period)')
      .all() as Array<{
      id: string;
      channel: string;
      status: string;
      paid_at: string;
      period: string;
      due_date: string;
    }>;
    const [y, m] = ['2026', '11'];
    for (const p of payments) {
      expect(['微信', '支付宝', '网上国网', '柜台现金', '银行代扣']).toContain(p.channel);
      expect(p.status).toBe('succeeded');
      expect(p.paid_at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.000Z$/);
      expect(p.paid_at < `${y}-${m}-01T00:00:00.000Z`).toBe(true);
      expect(new Date(p.paid_at).getTime()).toBeGreaterThan(Date.parse(`${p.period}-26T06:00:00+08:00`));
      // Late payers pay after the due date, by at most a few months.
      expect(new Date(p.paid_at).getTime()).toBeLessThanOrEqual(
        Date.parse(`${p.due_date}T23:59:00+08:00`) + 110 * 86_400_000,
      );
    }
    const late = payments.filter((p) => Date.parse(p.paid_at) > Date.parse(`${p.due_date}T23:59:59+08:00`)).length;
    expect(late / payments.length).toBeGreaterThan(0.02);
    expect(late / payments.length).toBeLessThan(0.2);
    expect(new Set(payments.map((p) => p.channel)).size).toBe(5);
  });

  it(
    'is deterministic: the same seed gives the same decrypted customers, bills and payments',
    { timeout: 120_000 },
    () => {
      const b = seedFile('b', 42, N, '246802');
      const c = seedFile('c', 43);
      const dbB = new Database(b.file, { readonly: true });
      const dbC = new Database(c.file, { readonly: true });
      try {
        expect(decryptedCustomers(dbB)).toEqual(decryptedCustomers(db));
        const all = (d: Database.Database, sql: string) => d.prepare(sql).all();
        expect(all(dbB, 'SELECT * FROM bills ORDER BY customer_id, period')).toEqual(
          all(db, 'SELECT * FROM bills ORDER BY customer_id, period'),
        );
        expect(all(dbB, 'SELECT * FROM payments ORDER BY id')).toEqual(all(db, 'SELECT * FROM payments ORDER BY id'));
        // Ciphertexts are not deterministic (random IVs), only their plaintexts are.
        const enc = (d: Database.Database) =>
          (d.prepare('SELECT id_enc FROM customers WHERE id = 1').get() as { id_enc: Buffer }).id_enc;
        expect(enc(dbB).equals(enc(db))).toBe(false);
        // Another seed gives other people (all but the demo ID card's holder, the same in every hall).
        const other = decryptedCustomers(dbC);
        const same = decryptedCustomers(db);
        const holder = Object.values(DEMO_HOLDER_IDS).length;
        expect(other.slice(holder).filter((x, i) => x.idNumber === same[i + holder].idNumber)).toHaveLength(0);
      } finally {
        dbB.close();
        dbC.close();
      }
    },
  );

  it('leaves no clear-text ID number, phone number, address or full name in the database file', () => {
    expect(existsSync(`${a.file}-wal`) ? readFileSync(`${a.file}-wal`).length : 0).toBe(0);
    const bytes = readFileSync(a.file);
    // Every window of 11 and 18 characters inside runs of ASCII digits (and X) anywhere in the file.
    const windows = new Set<string>();
    for (const m of bytes.toString('latin1').matchAll(/[0-9X]{11,}/g)) {
      for (const len of [11, 18]) for (let i = 0; i + len <= m[0].length; i++) windows.add(m[0].slice(i, i + len));
    }
    const rows = decryptedCustomers(db);
    // Sanity: the scan sees what is stored in clear (account and meter numbers, masked IDs' digits).
    expect(windows.has(rows[0].meter_no.slice(0, 11))).toBe(true);
    expect(bytes.includes(Buffer.from(rows[0].id_masked))).toBe(true);
    for (const c of rows) {
      expect(windows.has(c.idNumber), c.idNumber).toBe(false);
      expect(windows.has(c.phone), c.phone).toBe(false);
      expect(bytes.includes(Buffer.from(c.address, 'utf8'))).toBe(false);
      if (Array.from(c.name).length >= 3) expect(bytes.includes(Buffer.from(c.name, 'utf8')), c.name).toBe(false);
    }
  });

  it('refuses to seed a hall twice into the same database', () => {
    const w = new Database(a.file);
    try {
      expect(() => seedHall(w, { customers: 1, cipher, pin: '135790' })).toThrow(/H001 is already seeded/);
      expect(() => seedHall(w, { customers: 1, cipher, pin: '135790', hallId: 'H002' })).toThrow(/UNIQUE/);
      expect((w.prepare('SELECT count(*) AS n FROM halls').get() as { n: number }).n).toBe(1);
    } finally {
      w.close();
    }
  });
});

describe('Rng', () => {
  it('is deterministic per seed and roughly uniform', () => {
    const a1 = new Rng(7);
    const a2 = new Rng(7);
    const b = new Rng(8);
    const xs = Array.from({ length: 10_000 }, () => a1.next());
    expect(Array.from({ length: 10_000 }, () => a2.next())).toEqual(xs);
    expect(b.next()).not.toBe(xs[0]);
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
    const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
    expect(Math.abs(mean - 0.5)).toBeLessThan(0.02);
    const buckets = new Array(10).fill(0);
    for (const x of xs) buckets[Math.floor(x * 10)]++;
    for (const n of buckets) expect(Math.abs(n - 1000)).toBeLessThan(150);
  });
});

describe('the demo ID card’s holder', () => {
  it('owns the first two seeded accounts: a home in arrears and a shop on the simulated power card', () => {
    const gen = new CustomerGenerator(42);
    const [home, shop, third] = [1, 2, 3].map((id) => withDemoHolder(gen.next(id)));
    expect(home).toMatchObject({
      idNumber: DEMO_ID_CARD.idNumber,
      name: DEMO_ID_CARD.name,
      accountNo: DEMO_HOME_ACCOUNT,
    });
    expect(home!.prepaid).toBe(false);
    expect(home!.unpaidLatest).toBeGreaterThan(0);
    expect(shop).toMatchObject({ idNumber: DEMO_ID_CARD.idNumber, accountNo: DEMO_POWER_CARD_ACCOUNT, prepaid: true });
    expect(home!.phone).toBe(DEMO_HOLDER_PHONE);
    expect(third!.idNumber).not.toBe(DEMO_ID_CARD.idNumber);
  });
});
