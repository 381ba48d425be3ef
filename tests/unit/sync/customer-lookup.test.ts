import { describe, expect, it } from 'vitest';
import {
  BINARY_CUSTOMER_COLUMNS,
  CustomerLookupRequest,
  CustomerLookupResponse,
  LOOKUP_KINDS,
  RemoteCustomer,
} from '@common/sync/customer-lookup';

/** Cross-hall lookup: what a counter may ask the central, and what the answer may hold. */
const hash = 'ab'.repeat(32);
const asks = (kind: string, value: string) => CustomerLookupRequest.safeParse({ kind, value }).success;

describe('customer lookup request', () => {
  it('asks by account number, meter number, or the keyed hash of a phone or ID number', () => {
    expect([...LOOKUP_KINDS]).toEqual(['account', 'meter', 'phone', 'idNumber']);
    expect(asks('account', '3300000001')).toBe(true);
    expect(asks('meter', '33010000000001')).toBe(true);
    expect(asks('phone', hash)).toBe(true);
    expect(asks('idNumber', hash)).toBe(true);
  });

  it.each([
    ['a plain phone number', 'phone', '13800001234'],
    ['a plain ID number', 'idNumber', '330106198503121234'],
    ['an account number of 9 digits', 'account', '330000001'],
    ['an account number with more after it', 'account', '3300000001x'],
    ['an account number with more before it', 'account', 'x3300000001'],
    ['a meter number of 13 digits', 'meter', '3301000000001'],
    ['a hash in capitals', 'phone', hash.toUpperCase()],
    ['a hash of 63 digits', 'phone', hash.slice(1)],
    ['an unknown kind', 'name', '3300000001'],
  ])('refuses %s', (_what, kind, value) => {
    expect(asks(kind, value)).toBe(false);
  });

  it('names the rule for the value when it refuses one', () => {
    const r = CustomerLookupRequest.safeParse({ kind: 'phone', value: '13800001234' });
    expect(r.success ? null : r.error.issues[0]?.message).toBe('customer.lookupValue');
  });

  it('refuses anything besides the kind and the value', () => {
    expect(CustomerLookupRequest.safeParse({ kind: 'account', value: '3300000001', name: '张三' }).success).toBe(false);
  });
});

describe('customer lookup response', () => {
  const customer = {
    id: 7,
    account_no: '3300000007',
    name_masked: '张*',
    name_enc: 'ZW5j',
    id_masked: '3301**********1234',
    id_enc: 'ZW5j',
    id_hash: 'aGFzaA==',
    phone_masked: '138****1234',
    phone_enc: 'ZW5j',
    phone_hash: 'aGFzaA==',
    phone_tail: '1234',
    address_masked: '杭州市***',
    address_enc: 'ZW5j',
    meter_no: '33010000000007',
    tariff: 'resident',
    usage_type: 'resident',
    prepaid: 0,
    balance_fen: 0,
  };
  const bill = { period: '2026-10', kwh: 120, amount_fen: 6000, paid_fen: 0, due_date: '2026-11-15' };
  const remote = { hallId: 'H002', hallName: '西湖营业厅', customer, bills: [bill], flags: null };

  it('holds up to 5 customers with up to 24 bills each', () => {
    expect(
      CustomerLookupResponse.safeParse({ customers: Array(5).fill({ ...remote, bills: Array(24).fill(bill) }) })
        .success,
    ).toBe(true);
    expect(CustomerLookupResponse.safeParse({ customers: Array(6).fill(remote) }).success).toBe(false);
    expect(RemoteCustomer.safeParse({ ...remote, bills: Array(25).fill(bill) }).success).toBe(false);
  });

  it('refuses a ciphertext over 4096 characters and a customer id that is not a positive whole number', () => {
    expect(RemoteCustomer.safeParse({ ...remote, customer: { ...customer, name_enc: 'a'.repeat(4097) } }).success).toBe(
      false,
    );
    expect(RemoteCustomer.safeParse({ ...remote, customer: { ...customer, name_enc: 'a'.repeat(4096) } }).success).toBe(
      true,
    );
    expect(RemoteCustomer.safeParse({ ...remote, customer: { ...customer, id: 0 } }).success).toBe(false);
  });

  it('checks each bill and the risk flags it carries', () => {
    for (const bad of [
      { kwh: 1.5 },
      { amount_fen: '60' },
      { paid_fen: undefined },
      { period: 202610 },
      { due_date: null },
    ])
      expect(RemoteCustomer.safeParse({ ...remote, bills: [{ ...bill, ...bad }] }).success).toBe(false);
    const flags = {
      id: 'flags-7',
      hall_id: 'H002',
      customer_id: 7,
      tags: '[]',
      risk_level: 'none',
      risk_note: null,
      updated_at: '2026-11-23T02:00:00.000Z',
    };
    expect(RemoteCustomer.safeParse({ ...remote, flags }).success).toBe(true);
    for (const bad of [{ customer_id: 7.5 }, { tags: undefined }, { risk_note: 3 }, { id: undefined }])
      expect(RemoteCustomer.safeParse({ ...remote, flags: { ...flags, ...bad } }).success).toBe(false);
  });

  it('names the columns that travel as base64: every ciphertext and keyed hash', () => {
    expect([...BINARY_CUSTOMER_COLUMNS].sort()).toEqual(
      Object.keys(customer)
        .filter((k) => k.endsWith('_enc') || k.endsWith('_hash'))
        .sort(),
    );
  });
});
