/**
 * The 256-byte text block of a second-generation ID card and its relatives ("Resident ID
 * card readers"): UCS-2LE, space padded, fields at fixed byte offsets; the UCS-2 unit at offset 248
 * says which layout the block uses. Pure: decode returns a typed card or a typed error, never throws;
 * encode is the simulator's builder.
 */
import { validateIdNumber } from '@common/domain/id-number';
import { decoded, type CodecError, type CodecResult } from '../codec-result';
import { nationName } from './nations';

export const TEXT_BLOCK_LENGTH = 256;
const CARD_TYPE_OFFSET = 248;

export type CardType = 'resident' | 'hk_macau_taiwan_permit' | 'foreign_permanent_2017' | 'foreign_permanent_2023';

/** GB/T 2261.1 sex codes. */
export const GENDERS: Readonly<Record<string, string>> = Object.freeze({
  '0': '未知',
  '1': '男',
  '2': '女',
  '9': '未说明',
});

export interface IdCard {
  cardType: CardType;
  /** Chinese name (for a foreigner without one, the English name). */
  name: string;
  gender: string;
  genderCode: string;
  /** Resident card only (blank on permits and foreigners' cards). */
  nation: string | null;
  nationCode: string | null;
  /** 'YYYY-MM-DD'. */
  birthDate: string;
  address: string | null;
  /** The ID number, or the card number of a foreigner's card. */
  idNumber: string;
  authority: string | null;
  validFrom: string | null;
  /** 'YYYY-MM-DD' or '长期'. */
  validTo: string | null;
  /**
   * GB 11643 check (length, format, birth date, check digit) for numbers that follow it — resident
   * cards, HK/Macau/Taiwan permits, 2023 foreigners' cards. 2017 foreigners' card numbers (3 letters +
   * 12 digits) have no GB 11643 check digit: only their format is checked.
   */
  idNumberValid: boolean;
  /** HK/Macau/Taiwan permit. */
  passNumber?: string;
  issueCount?: string;
  /** Foreigners' cards. */
  englishName?: string;
  chineseName?: string;
  nationality?: string;
  renewalCount?: string;
}

/** The fields `decode idcard` prints, in order. */
export const CARD_JSON_FIELDS = [
  'cardType',
  'name',
  'gender',
  'nation',
  'birthDate',
  'address',
  'idNumber',
  'authority',
  'validFrom',
  'validTo',
  'idNumberValid',
] as const;

export type IdCardSummary = Pick<IdCard, (typeof CARD_JSON_FIELDS)[number]>;

export const cardSummary = (card: IdCard): IdCardSummary =>
  Object.fromEntries(CARD_JSON_FIELDS.map((key) => [key, card[key]])) as unknown as IdCardSummary;

export type CardTextErrorCode = 'bad_length' | 'bad_field';

const fieldError = (message: string, offset: number): { ok: false; error: CodecError<CardTextErrorCode> } => ({
  ok: false,
  error: { code: 'bad_field', message, offset },
});

/** UCS-2LE text of bytes[offset, offset+length), with the space (and NUL) padding trimmed. */
export function ucs2(bytes: Uint8Array, offset: number, length: number): string {
  let text = '';
  for (let i = offset; i + 1 < offset + length && i + 1 < bytes.length; i += 2)
    text += String.fromCharCode(bytes[i] | (bytes[i + 1] << 8));
  return text.replace(/[\s\0]+$/u, '').replace(/^[\s\0]+/u, '');
}

const DATE = /^(\d{4})(\d{2})(\d{2})$/;
const LONG_TERM = '长期';

type Field = { ok: true; value: string | null } | { ok: false; message: string };

/** YYYYMMDD → 'YYYY-MM-DD'; '长期' only where allowed; blank → null. */
function date(raw: string, { longTermAllowed = false } = {}): Field {
  if (raw === '') return { ok: true, value: null };
  if (longTermAllowed && raw === LONG_TERM) return { ok: true, value: LONG_TERM };
  const m = DATE.exec(raw);
  if (!m) return { ok: false, message: `date "${raw}" is not YYYYMMDD` };
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (month < 1 || month > 12 || day < 1 || day > 31 || year < 1800)
    return { ok: false, message: `date "${raw}" is not a calendar date` };
  return { ok: true, value: `${m[1]}-${m[2]}-${m[3]}` };
}

export interface DecodeCardOptions {
  /** "Today" for the birth-date-not-in-the-future part of the ID number check (tests pin it). */
  today?: Date | string;
}

/** Decodes one text block. Unknown gender/nation codes or malformed dates are errors: a card never carries them. */
export function decodeCardText(
  bytes: Uint8Array,
  options: DecodeCardOptions = {},
): CodecResult<IdCard, CardTextErrorCode> {
  if (bytes.length !== TEXT_BLOCK_LENGTH) {
    return {
      ok: false,
      error: {
        code: 'bad_length',
        message: `text block is ${TEXT_BLOCK_LENGTH} bytes, got ${bytes.length}`,
        offset: 0,
      },
    };
  }
  const at = (offset: number, length: number): string => ucs2(bytes, offset, length);
  const marker = String.fromCharCode(bytes[CARD_TYPE_OFFSET] | (bytes[CARD_TYPE_OFFSET + 1] << 8));
  const layout =
    marker === 'I'
      ? 'foreign_permanent_2017'
      : marker === 'J'
        ? 'hk_macau_taiwan_permit'
        : marker === 'Y'
          ? 'foreign_permanent_2023'
          : 'resident';

  const genderOffset = layout === 'foreign_permanent_2017' ? 120 : 30;
  const genderCode = at(genderOffset, 2);
  const gender = Object.hasOwn(GENDERS, genderCode) ? GENDERS[genderCode] : null;
  if (gender === null) return fieldError(`unknown gender code "${genderCode}"`, genderOffset);

  const birthOffset = layout === 'foreign_permanent_2017' ? 220 : 36;
  const birth = date(at(birthOffset, 16));
  if (!birth.ok) return fieldError(`birth ${birth.message}`, birthOffset);
  if (birth.value === null) return fieldError('birth date is blank', birthOffset);
  const validFrom = date(at(188, 16));
  if (!validFrom.ok) return fieldError(`valid from ${validFrom.message}`, 188);
  const validTo = date(at(204, 16), { longTermAllowed: true });
  if (!validTo.ok) return fieldError(`valid to ${validTo.message}`, 204);
  const common = { gender, genderCode, birthDate: birth.value, validFrom: validFrom.value, validTo: validTo.value };

  if (layout === 'resident' || layout === 'hk_macau_taiwan_permit') {
    const nationCode = at(32, 4);
    const nation = nationCode === '' ? null : nationName(nationCode);
    // A resident card always names a nation; a permit leaves the field blank.
    if (nation === null && (layout === 'resident' || nationCode !== ''))
      return fieldError(`unknown nation code "${nationCode}"`, 32);
    const idNumber = at(122, 36);
    const card: IdCard = {
      cardType: layout,
      name: at(0, 30),
      ...common,
      nation,
      nationCode: nationCode === '' ? null : nationCode,
      address: at(52, 70),
      idNumber,
      authority: at(158, 30),
      idNumberValid: validateIdNumber(idNumber, { today: options.today }).valid,
    };
    if (layout === 'hk_macau_taiwan_permit') {
      card.passNumber = at(220, 18);
      card.issueCount = at(238, 4);
    }
    return decoded(card);
  }

  if (layout === 'foreign_permanent_2017') {
    const englishName = at(0, 120);
    const chineseName = at(158, 30);
    const idNumber = at(122, 30);
    // No published check digit for the 2017 number: its format is all that can be verified.
    return decoded({
      ...foreignCard(layout, chineseName, englishName, idNumber, /^[A-Z]{3}\d{12}$/.test(idNumber)),
      ...common,
      nationality: at(152, 6),
    });
  }

  // 2023: the English name continues at 220 when it does not fit in 52/70; join before trimming.
  const englishName = (rawUcs2(bytes, 52, 70) + rawUcs2(bytes, 220, 22)).replace(/[\s\0]+$/u, '');
  const chineseName = at(0, 30);
  const idNumber = at(122, 36);
  const valid = validateIdNumber(idNumber, { today: options.today }).valid;
  return decoded({
    ...foreignCard(layout, chineseName, englishName, idNumber, valid),
    ...common,
    nationality: at(242, 6),
    renewalCount: at(32, 4),
  });
}

/** The fields both foreign permanent resident cards share (no nation, address or authority). */
function foreignCard(
  cardType: 'foreign_permanent_2017' | 'foreign_permanent_2023',
  chineseName: string,
  englishName: string,
  idNumber: string,
  idNumberValid: boolean,
) {
  return {
    cardType,
    name: chineseName || englishName,
    nation: null,
    nationCode: null,
    address: null,
    idNumber,
    authority: null,
    idNumberValid,
    englishName,
    chineseName,
  };
}

function rawUcs2(bytes: Uint8Array, offset: number, length: number): string {
  let text = '';
  for (let i = offset; i + 1 < offset + length; i += 2) text += String.fromCharCode(bytes[i] | (bytes[i + 1] << 8));
  return text;
}

/** What the simulator's virtual card holds: the raw field values, as a card stores them. */
export interface ResidentCardFields {
  cardType: 'resident' | 'hk_macau_taiwan_permit';
  name: string;
  genderCode: string;
  /** Blank on permits. */
  nationCode: string;
  /** 'YYYYMMDD' or 'YYYY-MM-DD' (dates); validTo may be '长期'. */
  birthDate: string;
  address: string;
  idNumber: string;
  authority: string;
  validFrom: string;
  validTo: string;
  passNumber?: string;
  issueCount?: string;
}

export interface Foreign2017Fields {
  cardType: 'foreign_permanent_2017';
  englishName: string;
  genderCode: string;
  cardNumber: string;
  nationality: string;
  chineseName: string;
  validFrom: string;
  validTo: string;
  birthDate: string;
}

export interface Foreign2023Fields {
  cardType: 'foreign_permanent_2023';
  chineseName: string;
  genderCode: string;
  renewalCount: string;
  birthDate: string;
  /** Up to 46 characters: 35 at offset 52, the rest at 220. */
  englishName: string;
  cardNumber: string;
  nationality: string;
  validFrom: string;
  validTo: string;
}

export type CardTextFields = ResidentCardFields | Foreign2017Fields | Foreign2023Fields;

/** Simulator side: the 256-byte block a card with these fields holds. Over-long fields are cut. */
export function encodeCardText(fields: CardTextFields): Uint8Array {
  const block = new Uint8Array(TEXT_BLOCK_LENGTH);
  for (let i = 0; i < block.length; i += 2) block[i] = 0x20;
  const put = (offset: number, length: number, text: string): void => {
    for (let i = 0; i < Math.min(text.length, length / 2); i++) {
      const unit = text.charCodeAt(i);
      block[offset + i * 2] = unit & 0xff;
      block[offset + i * 2 + 1] = unit >> 8;
    }
  };
  const ymd = (text: string): string => (text === LONG_TERM ? text : text.replaceAll('-', ''));
  put(188, 16, ymd(fields.validFrom));
  put(204, 16, ymd(fields.validTo));
  if (fields.cardType === 'resident' || fields.cardType === 'hk_macau_taiwan_permit') {
    put(0, 30, fields.name);
    put(30, 2, fields.genderCode);
    put(32, 4, fields.nationCode);
    put(36, 16, ymd(fields.birthDate));
    put(52, 70, fields.address);
    put(122, 36, fields.idNumber);
    put(158, 30, fields.authority);
    if (fields.cardType === 'hk_macau_taiwan_permit') {
      put(220, 18, fields.passNumber ?? '');
      put(238, 4, fields.issueCount ?? '');
      put(CARD_TYPE_OFFSET, 2, 'J');
    }
  } else if (fields.cardType === 'foreign_permanent_2017') {
    put(0, 120, fields.englishName);
    put(120, 2, fields.genderCode);
    put(122, 30, fields.cardNumber);
    put(152, 6, fields.nationality);
    put(158, 30, fields.chineseName);
    put(220, 16, ymd(fields.birthDate));
    put(CARD_TYPE_OFFSET, 2, 'I');
  } else if (fields.cardType === 'foreign_permanent_2023') {
    put(0, 30, fields.chineseName);
    put(30, 2, fields.genderCode);
    put(32, 4, fields.renewalCount);
    put(36, 16, ymd(fields.birthDate));
    put(52, 70, fields.englishName.slice(0, 35));
    put(220, 22, fields.englishName.slice(35));
    put(122, 36, fields.cardNumber);
    put(242, 6, fields.nationality);
    put(CARD_TYPE_OFFSET, 2, 'Y');
  }
  return block;
}
