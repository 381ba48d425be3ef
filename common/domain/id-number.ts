/**
 * Resident identity card numbers (公民身份号码, GB 11643-1999): a 6-digit region code, an 8-digit birth
 * date YYYYMMDD, a 3-digit sequence (odd for men, even for women) and a check character computed with
 * ISO 7064 MOD 11-2 (Personal data). Pure: no Node or browser APIs.
 */

/** Weights of the 17 body digits, 2^(18−i) mod 11 for positions i = 1…17. */
const WEIGHTS: readonly number[] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];

const DIGITS_17 = /^\d{17}$/;
/** Body of digits whose first digit is a region (1–9), then a digit or X (lower-case x is accepted). */
const FORMAT = /^[1-9]\d{16}[\dXx]$/;

/** The earliest birth year accepted: anyone older is not a customer of ours. */
export const MIN_BIRTH_YEAR = 1800;

export type IdNumberFailure = 'length' | 'format' | 'birth_date' | 'check_digit';

export type IdNumberCheck =
  | { valid: true; birthDate: string; gender: 'male' | 'female'; regionCode: string }
  | { valid: false; reason: IdNumberFailure };

/**
 * The check character for the first 17 digits: (12 − Σ dᵢ·wᵢ mod 11) mod 11, with 10 written 'X'.
 * Throws a RangeError when the input is not exactly 17 ASCII digits.
 */
export function idCheckDigit(first17: string): string {
  if (typeof first17 !== 'string' || !DIGITS_17.test(first17)) {
    throw new RangeError('idCheckDigit expects exactly 17 digits');
  }
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += (first17.charCodeAt(i) - 48) * WEIGHTS[i];
  const check = (12 - (sum % 11)) % 11;
  return check === 10 ? 'X' : String(check);
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** 'YYYY-MM-DD' of a Date in local time (the birth date must not lie after it). */
function isoDay(d: Date): string {
  const p = (n: number, w: number) => String(n).padStart(w, '0');
  return `${p(d.getFullYear(), 4)}-${p(d.getMonth() + 1, 2)}-${p(d.getDate(), 2)}`;
}

/**
 * Validate an 18-character resident ID number. Checks, in order: length, format, the birth date (a real
 * calendar date, year ≥ 1800, not after `today`), the check character. Returns what the number says
 * about its holder when valid. The 15-digit numbers of the first-generation card fail with 'length'.
 */
export function validateIdNumber(id: string, opts: { today?: Date | string } = {}): IdNumberCheck {
  if (typeof id !== 'string' || id.length !== 18) return { valid: false, reason: 'length' };
  if (!FORMAT.test(id)) return { valid: false, reason: 'format' };

  const year = Number(id.slice(6, 10));
  const month = Number(id.slice(10, 12));
  const day = Number(id.slice(12, 14));
  const birthDate = `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`;
  const today =
    opts.today === undefined ? isoDay(new Date()) : typeof opts.today === 'string' ? opts.today : isoDay(opts.today);
  if (
    year < MIN_BIRTH_YEAR ||
    month < 1 ||
    month > 12 ||
    day < 1 ||
    day > daysInMonth(year, month) ||
    birthDate > today
  ) {
    return { valid: false, reason: 'birth_date' };
  }

  if (idCheckDigit(id.slice(0, 17)) !== id[17].toUpperCase()) return { valid: false, reason: 'check_digit' };

  return {
    valid: true,
    birthDate,
    gender: (id.charCodeAt(16) - 48) % 2 === 1 ? 'male' : 'female',
    regionCode: id.slice(0, 6),
  };
}

/** Upper-case the check character ('x' → 'X'); anything else unchanged. */
export function normalizeIdNumber(id: string): string {
  return id.length === 18 ? id.slice(0, 17) + id[17].toUpperCase() : id;
}
