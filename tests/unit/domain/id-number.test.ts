import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { idCheckDigit, normalizeIdNumber, validateIdNumber } from '@common/domain/id-number';

const TODAY = '2026-11-01';
const check = (id: string) => validateIdNumber(id, { today: TODAY });

describe('idCheckDigit (ISO 7064 MOD 11-2)', () => {
  it.each([
    // The worked example of GB 11643-1999 appendix and other published valid numbers.
    ['11010519491231002', 'X'],
    ['44052418800101001', '4'],
    ['11010119900307001', '1'],
    ['33010619900101123', 'X'],
    ['33010219900101123', '4'],
    ['33010620000229002', '9'],
  ])('%s → %s', (body, digit) => {
    expect(idCheckDigit(body)).toBe(digit);
  });

  it('computes (12 − Σ dᵢwᵢ mod 11) mod 11 with 10 written X', () => {
    // Σ for 11010519491231002 = 1·7+1·9+0·10+1·5+0·8+5·4+1·2+9·1+4·6+9·3+1·7+2·9+3·10+1·5+0·8+0·4+2·2 = 167; 167 mod 11 = 2; 12 − 2 = 10 → X
    expect(idCheckDigit('11010519491231002')).toBe('X');
    // All-zero body: sum 0 → (12 − 0) mod 11 = 1
    expect(idCheckDigit('00000000000000000')).toBe('1');
  });

  it('rejects input that is not 17 digits', () => {
    expect(() => idCheckDigit('1101051949123100')).toThrow(RangeError);
    expect(() => idCheckDigit('110105194912310021')).toThrow(RangeError);
    expect(() => idCheckDigit('1101051949123100A')).toThrow(RangeError);
  });
});

describe('validateIdNumber', () => {
  it('accepts a valid number with an X check character and reads birth date, gender, region', () => {
    expect(check('11010519491231002X')).toEqual({
      valid: true,
      birthDate: '1949-12-31',
      gender: 'female',
      regionCode: '110105',
    });
    expect(check('33010619900101123X')).toEqual({
      valid: true,
      birthDate: '1990-01-01',
      gender: 'male',
      regionCode: '330106',
    });
    // docs/domain.md's masking example 33010219900101123X is not a valid number: its check digit is 4.
    expect(check('33010219900101123X')).toEqual({ valid: false, reason: 'check_digit' });
    expect(check('330102199001011234')).toMatchObject({ valid: true });
  });

  it('accepts valid numbers with digit check characters', () => {
    expect(check('440524188001010014')).toEqual({
      valid: true,
      birthDate: '1880-01-01',
      gender: 'male',
      regionCode: '440524',
    });
    expect(check('110101199003070011')).toMatchObject({ valid: true, gender: 'male' });
    expect(check('330106200002290029')).toMatchObject({ valid: true, birthDate: '2000-02-29', gender: 'female' });
  });

  it('accepts a lower-case x and normalises it', () => {
    expect(check('11010519491231002x')).toMatchObject({ valid: true });
    expect(normalizeIdNumber('11010519491231002x')).toBe('11010519491231002X');
  });

  it.each([
    ['', 'length'],
    ['11010519491231002', 'length'],
    ['11010519491231002X0', 'length'],
    ['110105491231002', 'length'], // first-generation 15-digit number
    ['11010519491231002Y', 'format'],
    ['1101051949123100X2', 'format'],
    ['01010519491231002X', 'format'], // no region starts with 0
    ['11010519491231 02X', 'format'],
    ['110105194902300020', 'birth_date'], // 30 February
    ['110105190002290020', 'birth_date'], // 1900 was not a leap year
    ['110105194913010020', 'birth_date'], // month 13
    ['110105194912000020', 'birth_date'], // day 0
    ['110105179912310020', 'birth_date'], // before 1800
    ['110105202711010020', 'birth_date'], // after today
    ['110105194912310021', 'check_digit'],
    ['110105194912310029', 'check_digit'],
  ])('%s fails with %s', (id, reason) => {
    expect(check(id)).toEqual({ valid: false, reason });
  });

  it('uses the current date when no today is given', () => {
    expect(validateIdNumber('11010519491231002X').valid).toBe(true);
    const nextYear = new Date().getFullYear() + 1;
    const body = `110105${nextYear}0101002`;
    expect(validateIdNumber(body + idCheckDigit(body))).toEqual({ valid: false, reason: 'birth_date' });
  });

  const bodyArb = fc
    .record({
      region: fc.integer({ min: 110000, max: 829999 }),
      date: fc.date({
        min: new Date('1900-01-01T00:00:00Z'),
        max: new Date('2026-10-31T00:00:00Z'),
        noInvalidDate: true,
      }),
      seq: fc.integer({ min: 0, max: 999 }),
    })
    .map(({ region, date, seq }) => {
      const ymd = date.toISOString().slice(0, 10);
      return { body: `${region}${ymd.replace(/-/g, '')}${String(seq).padStart(3, '0')}`, ymd, seq };
    });

  it('property: 17 generated digits + idCheckDigit always validate, with the encoded facts', () => {
    fc.assert(
      fc.property(bodyArb, ({ body, ymd, seq }) => {
        const r = check(body + idCheckDigit(body));
        expect(r).toEqual({
          valid: true,
          birthDate: ymd,
          gender: seq % 2 === 1 ? 'male' : 'female',
          regionCode: body.slice(0, 6),
        });
      }),
      { numRuns: 2000 },
    );
  });

  it('property: any other check character fails with check_digit', () => {
    const all = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9', 'X'];
    fc.assert(
      fc.property(bodyArb, fc.integer({ min: 0, max: 10 }), ({ body }, k) => {
        const good = idCheckDigit(body);
        const wrong = all.filter((c) => c !== good)[k % 10];
        expect(check(body + wrong)).toEqual({ valid: false, reason: 'check_digit' });
      }),
      { numRuns: 2000 },
    );
  });

  it('property: changing any single body digit is detected (MOD 11-2 catches all single substitutions)', () => {
    fc.assert(
      fc.property(bodyArb, fc.integer({ min: 0, max: 16 }), fc.integer({ min: 1, max: 9 }), ({ body }, pos, delta) => {
        const id = body + idCheckDigit(body);
        const changed = String((Number(id[pos]) + delta) % 10);
        const mutated = id.slice(0, pos) + changed + id.slice(pos + 1);
        const r = check(mutated);
        // The mutation may also break the format or the date; it can never still be valid.
        expect(r.valid).toBe(false);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('validateIdNumber — the birth date is a real day between 1800 and today', () => {
  /** A valid number for a birth date (YYYYMMDD), sequence 002 (a woman). */
  const born = (ymd: string) => {
    const body = `110105${ymd}002`;
    return body + idCheckDigit(body);
  };
  const bornOk = (ymd: string, today = TODAY) => validateIdNumber(born(ymd), { today }).valid;

  it('day 31 exists only in the months that have it', () => {
    for (const mm of ['04', '06', '09', '11']) {
      expect([mm, bornOk(`1990${mm}31`)]).toEqual([mm, false]);
      expect([mm, bornOk(`1990${mm}30`)]).toEqual([mm, true]);
    }
    for (const mm of ['01', '03', '05', '07', '08', '10', '12'])
      expect([mm, bornOk(`1990${mm}31`)]).toEqual([mm, true]);
    expect(bornOk('19900132')).toBe(false);
  });

  it('month 00 and month 13 are not months; months 01 and 12 are', () => {
    expect(bornOk('19900001')).toBe(false);
    expect(bornOk('19901301')).toBe(false);
    expect(bornOk('19900101')).toBe(true);
    expect(bornOk('19901201')).toBe(true);
  });

  it('29 February only in leap years: every fourth year, not centuries, except every fourth century', () => {
    expect(bornOk('20240229')).toBe(true);
    expect(bornOk('19960229')).toBe(true);
    expect(bornOk('20000229')).toBe(true);
    expect(bornOk('20230229')).toBe(false);
    expect(bornOk('20250229')).toBe(false);
    expect(bornOk('19000229')).toBe(false);
    expect(bornOk('21000229', '2200-01-01')).toBe(false);
    expect(bornOk('20230228')).toBe(true);
    expect(bornOk('20240230')).toBe(false);
  });

  it('1800 is the earliest birth year accepted', () => {
    expect(bornOk('18000101')).toBe(true);
    expect(bornOk('17991231')).toBe(false);
  });

  it('someone born today is valid; born tomorrow is not', () => {
    expect(bornOk('20261101', '2026-11-01')).toBe(true);
    expect(bornOk('20261102', '2026-11-01')).toBe(false);
  });

  it('the given today decides, not the machine clock: as a string or as a Date (local day)', () => {
    expect(bornOk('20100101', '2000-01-01')).toBe(false);
    expect(bornOk('19991231', '2000-01-01')).toBe(true);
    expect(bornOk('20900615', '2099-01-01')).toBe(true);
    expect(validateIdNumber(born('20900615'), { today: new Date(2099, 0, 1, 12) }).valid).toBe(true);
    expect(validateIdNumber(born('20000102'), { today: new Date(2000, 0, 1, 23, 59) }).valid).toBe(false);
    expect(validateIdNumber(born('20000101'), { today: new Date(2000, 0, 1, 0, 0) }).valid).toBe(true);
    expect(validateIdNumber(born('20001130'), { today: new Date(2000, 10, 30) }).valid).toBe(true);
    expect(validateIdNumber(born('20001201'), { today: new Date(2000, 10, 30) }).valid).toBe(false);
  });

  it('the check character must match, case aside; the sequence digit gives the gender', () => {
    const body = '11010519491231001';
    expect(validateIdNumber(body + idCheckDigit(body), { today: TODAY })).toMatchObject({
      valid: true,
      gender: 'male',
    });
    expect(normalizeIdNumber('110105194912310021')).toBe('110105194912310021');
    expect(normalizeIdNumber('abc')).toBe('abc');
  });

  it('anything but a string is refused as the wrong length, without a crash', () => {
    for (const hostile of [330106199001011, null, undefined, { length: 18 }])
      expect(validateIdNumber(hostile as unknown as string)).toEqual({ valid: false, reason: 'length' });
  });

  it('the check character is computed only from a string of 17 digits, never from a number', () => {
    expect(() => idCheckDigit(10000000000000000 as unknown as string)).toThrow(RangeError);
    expect(() => idCheckDigit(null as unknown as string)).toThrow(RangeError);
  });
});
