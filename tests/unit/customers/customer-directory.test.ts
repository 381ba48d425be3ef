import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CustomerDirectory } from '../../../main/customers/customer-directory';
import { NameGramIndex, namePositions, type NameCandidates } from '../../../main/customers/name-gram-index';
import { PersonalDataCipher } from '../../../main/security/personal-data-cipher';
import { makeTempDir, seededTemplate } from '../../support/hall-fixture';

/** The fixture hall's key (tests/support/hall-fixture.ts). */
const cipher = new PersonalDataCipher(Buffer.alloc(32, 7));
let dir: string;
let db: Database.Database;
let directory: CustomerDirectory;
let people: { id: number; name: string; phone: string; accountNo: string; meterNo: string; idNumber: string }[];

beforeAll(() => {
  dir = makeTempDir('customers-');
  fs.copyFileSync(seededTemplate(), path.join(dir, 'station.db'));
  db = new Database(path.join(dir, 'station.db'));
  directory = new CustomerDirectory(db, cipher);
  directory.openNameIndex(path.join(dir, 'name-index.bin'));
  people = (
    db
      .prepare('SELECT id, account_no, meter_no, name_enc, phone_enc, id_enc FROM customers ORDER BY id')
      .all() as Record<string, never>[]
  ).map((r) => ({
    id: r.id,
    accountNo: r.account_no,
    meterNo: r.meter_no,
    name: cipher.decrypt(r.name_enc),
    phone: cipher.decrypt(r.phone_enc),
    idNumber: cipher.decrypt(r.id_enc),
  }));
});
afterAll(() => db.close());

const ids = (r: { hits: { id: number }[] }) => r.hits.map((h) => h.id);

describe('customer search', () => {
  it('finds every customer by any substring of the name, exactly as a scan of the decrypted names would', () => {
    for (const p of people) {
      const chars = Array.from(p.name);
      for (let i = 0; i < chars.length; i++) {
        for (let j = i + 1; j <= chars.length; j++) {
          const fragment = chars.slice(i, j).join('');
          const expected = people.filter((q) => q.name.includes(fragment)).map((q) => q.id);
          const r = directory.search(fragment, 1000);
          expect(r.kind).toBe('name');
          expect(ids(r)).toEqual(expected);
        }
      }
    }
  });

  it('shows names, phones, ID numbers and addresses masked, never in full', () => {
    const p = people[0]!;
    const [hit] = directory.search(p.accountNo).hits;
    expect(hit!.id).toBe(p.id);
    expect(hit!.phoneMasked).toBe(`${p.phone.slice(0, 3)}****${p.phone.slice(-4)}`);
    expect(JSON.stringify(hit)).not.toContain(p.phone);
    expect(JSON.stringify(hit)).not.toContain(p.idNumber);
    expect(hit!.nameMasked).not.toBe(p.name);
  });

  it('finds by account, meter, full phone, phone tail and ID number', () => {
    const p = people[7]!;
    expect(ids(directory.search(p.accountNo))).toEqual([p.id]);
    expect(ids(directory.search(p.meterNo))).toEqual([p.id]);
    expect(ids(directory.search(p.phone))).toEqual([p.id]);
    expect(ids(directory.search(`${p.phone.slice(0, 3)} ${p.phone.slice(3, 7)} ${p.phone.slice(7)}`))).toEqual([p.id]);
    expect(ids(directory.search(p.idNumber))).toEqual([p.id]);
    const tail = p.phone.slice(-4);
    expect(ids(directory.search(tail, 1000))).toEqual(people.filter((q) => q.phone.endsWith(tail)).map((q) => q.id));
  });

  it('returns nothing for a customer who does not exist', () => {
    expect(directory.search('3300000000').hits.filter((h) => h.accountNo === '3300000000')).toEqual(
      people.some((p) => p.accountNo === '3300000000') ? [expect.anything()] : [],
    );
    expect(directory.search('龘靐').hits).toEqual([]);
  });

  it('rejects input of no recognisable kind with a Chinese validation error naming the query', () => {
    for (const bad of ['', '   ', 'abc', '12345', 'DROP TABLE customers', '张三abc']) {
      expect(() => directory.search(bad)).toThrowError(expect.objectContaining({ code: 'validation', field: 'query' }));
    }
  });

  it('caps the results and says so', () => {
    const surname = Array.from(people[0]!.name)[0]!;
    const all = people.filter((q) => q.name.includes(surname)).length;
    const r = directory.search(surname, 1);
    expect(r.hits).toHaveLength(1);
    expect(r.truncated).toBe(all > 1);
  });

  it('reveals one field in full by decrypting it', () => {
    const p = people[3]!;
    expect(directory.reveal(p.id, 'phone')).toBe(p.phone);
    expect(directory.reveal(p.id, 'idNumber')).toBe(p.idNumber);
    expect(() => directory.reveal(999_999, 'phone')).toThrowError(expect.objectContaining({ code: 'not_found' }));
  });

  it('gives the customer view: 24 bills oldest first, arrears as the sum of unpaid amounts', () => {
    const v = directory.view(people[0]!.id);
    expect(v.bills).toHaveLength(24);
    expect([...v.bills].map((b) => b.period).sort()).toEqual(v.bills.map((b) => b.period));
    expect(v.arrearsFen).toBe(v.bills.reduce((s, b) => s + Math.max(0, b.amountFen - b.paidFen), 0));
    expect(() => directory.view(999_999)).toThrowError(expect.objectContaining({ code: 'not_found' }));
  });
});

const sureIds = (c: NameCandidates): number[] => {
  const out: number[] = [];
  c.forEach((id, sure) => (sure && out.push(id), true));
  return out;
};

describe('name gram index', () => {
  const tokenOf = (g: string) => cipher.hash(`name-gram:${g}`);

  it('holds no plaintext: the snapshot file contains none of the names', () => {
    const bytes = fs.readFileSync(path.join(dir, 'name-index.bin'));
    for (const p of people) {
      for (const enc of ['utf8', 'utf16le'] as const) expect(bytes.includes(Buffer.from(p.name, enc))).toBe(false);
    }
  });

  it('loads its snapshot instead of rebuilding, and refuses a snapshot made under another key', () => {
    const again = new CustomerDirectory(db, cipher).openNameIndex(path.join(dir, 'name-index.bin'));
    expect(again.built).toBe(false);
    const other = new PersonalDataCipher(Buffer.alloc(32, 9));
    expect(NameGramIndex.load(path.join(dir, 'name-index.bin'), (g) => other.hash(`name-gram:${g}`))).toBeNull();
  });

  it('rebuilds when the snapshot is stale (customer count changed) or damaged', () => {
    const file = path.join(dir, 'stale.bin');
    NameGramIndex.build([{ id: 1, name: '张三' }], tokenOf).save(file);
    expect(new CustomerDirectory(db, cipher).openNameIndex(file).built).toBe(true);
    fs.writeFileSync(file, Buffer.from('not an index'));
    expect(new CustomerDirectory(db, cipher).openNameIndex(file).built).toBe(true);
  });

  it('finds names added after the build', () => {
    const ix = NameGramIndex.build(
      [
        { id: 1, name: '张小三' },
        { id: 2, name: '欧阳娜娜' },
      ],
      tokenOf,
    );
    ix.add(3, '李小龙', tokenOf);
    expect(ix.candidateIds('小', tokenOf)).toEqual([1, 3]);
    expect(ix.candidateIds('阳娜', tokenOf)).toEqual([2]);
  });

  it('keeps ids exactly through the packed lists, small and large gaps alike, across a save and load', () => {
    const ids = [1, 2, 130, 16_500, 2_100_000, 99_999_999];
    const ix = NameGramIndex.build(
      ids.map((id) => ({ id, name: '王小明' })),
      tokenOf,
    );
    const file = path.join(dir, 'packed.bin');
    ix.save(file);
    const back = NameGramIndex.load(file, tokenOf)!;
    expect(back.candidateIds('小明', tokenOf)).toEqual(ids);
    expect(back.candidateIds('王', tokenOf)).toEqual(ids);
    expect(back.packed.byteLength).toBeLessThan(ids.length * 5 * 4);
  });

  it('answers any substring exactly by character positions, without confirming by name', () => {
    const ix = NameGramIndex.build(
      [
        { id: 1, name: '欧阳娜' },
        { id: 2, name: '阳娜欧阳' },
        { id: 3, name: '王阳' },
        { id: 4, name: '娜娜' },
      ],
      tokenOf,
    );
    expect(sureIds(ix.candidates('阳', tokenOf))).toEqual([1, 2, 3]);
    // 2 holds 欧阳 and 阳娜 but not 欧阳娜, nor does 3 hold 阳王: positions tell, no decryption.
    expect(sureIds(ix.candidates('欧阳娜', tokenOf))).toEqual([1]);
    expect(ix.candidateIds('欧阳娜', tokenOf)).toEqual([1]);
    expect(ix.candidateIds('阳王', tokenOf)).toEqual([]);
    expect(ix.candidateIds('娜娜', tokenOf)).toEqual([4]);
    expect(ix.candidateIds('娜欧', tokenOf)).toEqual([2]);
    expect(ix.candidateIds('龘', tokenOf)).toEqual([]);
  });

  it('tells two characters with the same 32-bit token apart by their check, and leaves a shared list to be confirmed', () => {
    // A hash whose token is the same for every character: only the check (bytes 4–7) differs.
    const clash = (g: string) => {
      const h = Buffer.alloc(8);
      h.writeUInt32LE(0xabcdef, 0);
      h.writeUInt32LE(cipher.hash(g).readUInt32LE(4) || 1, 4);
      return h;
    };
    const ix = NameGramIndex.build(
      [
        { id: 1, name: '张' },
        { id: 2, name: '李' },
      ],
      clash,
    );
    expect(ix.candidateIds('张', clash)).toEqual([1, 2]);
    expect(sureIds(ix.candidates('张', clash))).toEqual([]);
    const solo = NameGramIndex.build([{ id: 1, name: '张' }], clash);
    expect(sureIds(solo.candidates('张', clash))).toEqual([1]);
    expect(solo.candidateIds('李', clash)).toEqual([]);
  });

  it('stores a character past position 30 of a long name as "somewhere", to be confirmed', () => {
    const long = '阿'.repeat(31) + '布';
    expect(namePositions(long).get('布')).toBe(0);
    const ix = NameGramIndex.build([{ id: 1, name: long }], tokenOf);
    expect(ix.candidateIds('阿布', tokenOf)).toEqual([1]);
    expect(sureIds(ix.candidates('阿布', tokenOf))).toEqual([]);
  });

  it('merges names added later into the packed lists in id order, without doubling an id', () => {
    const ix = NameGramIndex.build(
      [
        { id: 5, name: '张小三' },
        { id: 9, name: '李四' },
      ],
      tokenOf,
    );
    ix.add(2, '张伟', tokenOf);
    ix.add(7, '张小燕', tokenOf);
    ix.add(5, '张小三', tokenOf);
    expect(ix.candidateIds('张', tokenOf)).toEqual([2, 5, 7]);
    expect(ix.candidateIds('张小', tokenOf)).toEqual([5, 7]);
    expect(sureIds(ix.candidates('小三', tokenOf))).toEqual([5]);
  });

  it('builds a slice at a time and ends with the same index as a build in one go', () => {
    const d = new CustomerDirectory(db, cipher);
    const started = d.startNameIndexBuild(null, 4);
    expect(started).toMatchObject({ state: 'building', indexed: 0, total: people.length });
    // Before the index is ready a name search says so with a typed error; other searches work.
    expect(() => d.search('张')).toThrowError(expect.objectContaining({ code: 'unavailable' }));
    expect(ids(d.search(people[2]!.accountNo))).toEqual([people[2]!.id]);
    let steps = 0;
    while (d.buildNameIndexStep(0).state === 'building') steps++;
    expect(steps).toBe(Math.floor(people.length / 4));
    const whole = directory.nameIndex!;
    expect(Buffer.from(d.nameIndex!.packed)).toEqual(Buffer.from(whole.packed));
    expect(ids(d.search(Array.from(people[4]!.name)[1]!, 1000))).toEqual(
      ids(directory.search(Array.from(people[4]!.name)[1]!, 1000)),
    );
  });

  it('stops a build whose names do not decrypt (another key) and says so, without breaking other searches', () => {
    const d = new CustomerDirectory(db, new PersonalDataCipher(Buffer.alloc(32, 9)));
    d.startNameIndexBuild(null);
    expect(d.buildNameIndexStep(Infinity)).toMatchObject({
      state: 'failed',
      error: expect.stringContaining('authentication'),
    });
    expect(() => d.search('张')).toThrowError(expect.objectContaining({ code: 'unavailable' }));
    expect(ids(d.search(people[1]!.accountNo))).toEqual([people[1]!.id]);
  });

  it('splits names into characters with their positions, surrogate pairs and repeats included', () => {
    expect([...namePositions('张小三')]).toEqual([
      ['张', 1],
      ['小', 2],
      ['三', 4],
    ]);
    expect([...namePositions('𠮷田')]).toEqual([
      ['𠮷', 1],
      ['田', 2],
    ]);
    expect(namePositions('娜娜').get('娜')).toBe(3);
  });
});
