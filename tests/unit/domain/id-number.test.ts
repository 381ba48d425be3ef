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
