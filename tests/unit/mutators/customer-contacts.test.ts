import { beforeEach, describe, expect, it } from 'vitest';
import type { MutationArgs } from '@common/mutators';
import { contactRowId } from '@common/mutators/customer-contacts';
import { failureOf, openMutatorDb, type MutatorDb } from '../../support/mutator-db';

/** Contact edits: each field (phone, address) is last-writer-wins on its own, and an edit applies once. */
let m: MutatorDb;
let customerId: number;
const PHONE = { enc: 'cGhvbmUtY2lwaGVydGV4dA==', hash: 'h'.repeat(16), masked: '138****1234', tail: '1234' };
const ADDRESS = { enc: 'YWRkcmVzcy1jaXBoZXI=', masked: '上海市***' };
const edit = (over: Partial<MutationArgs<'customer.updateContact'>> = {}): MutationArgs<'customer.updateContact'> => ({
  id: 'edit-0001',
  hallId: 'H001',
  customerId,
  at: '2026-11-23T02:00:00.000Z',
  staffId: 'staff-1',
  ...over,
});
const contact = () =>
  m.row<Record<string, unknown>>('SELECT * FROM customer_contacts WHERE id = ?', contactRowId(customerId));
beforeEach(() => {
  m = openMutatorDb();
  m.db.prepare('DELETE FROM customer_contacts').run();
  customerId = m.row<{ id: number }>('SELECT id FROM customers ORDER BY id LIMIT 1')!.id;
});

describe('customer.updateContact', () => {
  it('stores a new phone with its hash, mask and tail, at version 1, and reports the contact changed', () => {
    m.run('customer.updateContact', edit({ phone: PHONE }));
    expect(contact()).toMatchObject({
      hall_id: 'H001',
      customer_id: customerId,
      phone_enc: PHONE.enc,
      phone_hash: PHONE.hash,
      phone_masked: PHONE.masked,
      phone_tail: '1234',
      phone_edit: 'edit-0001',
      phone_at: '2026-11-23T02:00:00.000Z',
      phone_version: 1,
      address_enc: null,
      address_version: 0,
    });
    expect(m.changed).toEqual([`customerContact:contact-${customerId}`]);
  });

  it('keeps a phone edit when an address edit follows, each field at its own version', () => {
    m.run('customer.updateContact', edit({ phone: PHONE }));
    m.run('customer.updateContact', edit({ id: 'edit-0002', address: ADDRESS, at: '2026-11-23T03:00:00.000Z' }));
    expect(contact()).toMatchObject({
      phone_enc: PHONE.enc,
      phone_version: 1,
      address_enc: ADDRESS.enc,
      address_masked: ADDRESS.masked,
      address_edit: 'edit-0002',
      address_at: '2026-11-23T03:00:00.000Z',
      address_version: 1,
    });
    expect(m.changed).toEqual([`customerContact:contact-${customerId}`, `customerContact:contact-${customerId}`]);
  });

  it('refuses an edit that changes nothing, pointing at the phone', () => {
    const f = failureOf(() => m.run('customer.updateContact', edit()));
    expect([f.code, f.key, f.field]).toEqual(['validation', 'customer.nothingToChange', 'phone']);
  });

  it('lets the later of two phone edits stand, counting both', () => {
    m.run('customer.updateContact', edit({ phone: PHONE }));
    m.run(
      'customer.updateContact',
      edit({ id: 'edit-0002', phone: { ...PHONE, tail: '9999', masked: '139****9999' } }),
    );
    expect(contact()).toMatchObject({ phone_tail: '9999', phone_edit: 'edit-0002', phone_version: 2 });
    expect(m.changed).toEqual([`customerContact:contact-${customerId}`, `customerContact:contact-${customerId}`]);
  });

  it('applies an edit of both fields once: its replay changes nothing and reports nothing', () => {
    m.run('customer.updateContact', edit({ phone: PHONE, address: ADDRESS }));
    m.run('customer.updateContact', edit({ phone: PHONE, address: ADDRESS }));
    expect(contact()).toMatchObject({ phone_version: 1, address_version: 1 });
    expect(m.changed).toHaveLength(1);
  });

  it('applies the address of a replayed edit when only its phone was applied before', () => {
    m.run('customer.updateContact', edit({ phone: PHONE }));
    m.run('customer.updateContact', edit({ phone: PHONE, address: ADDRESS }));
    expect(contact()).toMatchObject({ phone_version: 1, address_version: 1 });
    expect(m.changed).toHaveLength(2);
  });

  it('refuses, on a station, a customer it does not hold; the central takes it on the token’s word', () => {
    const f = failureOf(() => m.run('customer.updateContact', edit({ customerId: 99_999_999, phone: PHONE })));
    expect([f.code, f.field]).toEqual(['not_found', 'customerId']);
    expect(m.rows('SELECT id FROM customer_contacts')).toHaveLength(0);
    m.run('customer.updateContact', edit({ customerId: 99_999_999, phone: PHONE }), 'central');
    expect(m.row('SELECT phone_version FROM customer_contacts WHERE id = ?', contactRowId(99_999_999))).toEqual({
      phone_version: 1,
    });
  });

  it.each([
    ['nothing to change', {}],
    ['a plain-text phone', { phone: { ...PHONE, enc: '13800001234 plain' } }],
    ['a ciphertext shorter than 16', { phone: { ...PHONE, enc: 'c2hvcnQ=' } }],
    ['a phone ciphertext longer than 512', { phone: { ...PHONE, enc: 'A'.repeat(513) } }],
    ['a hash shorter than 16', { phone: { ...PHONE, hash: 'h'.repeat(15) } }],
    ['a hash longer than 128', { phone: { ...PHONE, hash: 'h'.repeat(129) } }],
    ['a mask shorter than 3', { phone: { ...PHONE, masked: '13' } }],
    ['a mask longer than 32', { phone: { ...PHONE, masked: '1'.repeat(33) } }],
    ['a tail of three digits', { phone: { ...PHONE, tail: '123' } }],
    ['a tail of five digits', { phone: { ...PHONE, tail: '12345' } }],
    ['a tail with a letter', { phone: { ...PHONE, tail: '12a4' } }],
    ['the plain phone beside the ciphertext', { phone: { ...PHONE, plain: '13800001234' } as never }],
    ['an address ciphertext longer than 4096', { address: { ...ADDRESS, enc: 'A'.repeat(4097) } }],
    ['an empty address mask', { address: { ...ADDRESS, masked: '' } }],
    ['an address mask longer than 200', { address: { ...ADDRESS, masked: '址'.repeat(201) } }],
    ['an unknown field', { phone: PHONE, email: 'a@b.c' } as never],
    ['a customer id of 0', { phone: PHONE, customerId: 0 }],
    ['a fractional customer id', { phone: PHONE, customerId: 1.5 }],
    ['an id shorter than 8', { phone: PHONE, id: 'e'.repeat(7) }],
    ['an id longer than 64', { phone: PHONE, id: 'e'.repeat(65) }],
    ['no hall', { phone: PHONE, hallId: '' }],
    ['a hall longer than 32', { phone: PHONE, hallId: 'H'.repeat(33) }],
    ['a time shorter than 10', { phone: PHONE, at: '2026-11-2' }],
    ['a time longer than 40', { phone: PHONE, at: '2'.repeat(41) }],
    ['no staff', { phone: PHONE, staffId: '' }],
    ['a staff id longer than 64', { phone: PHONE, staffId: 's'.repeat(65) }],
  ])('refuses %s, storing nothing', (_what, over) => {
    expect(failureOf(() => m.run('customer.updateContact', edit(over as never))).code).toBe('validation');
    expect(m.rows('SELECT id FROM customer_contacts')).toHaveLength(0);
  });

  it('accepts the limits: 16 and 512 characters of phone ciphertext, 4096 of address, a 128-character hash', () => {
    m.run(
      'customer.updateContact',
      edit({ phone: { ...PHONE, enc: 'A'.repeat(16), hash: 'h'.repeat(128), masked: '1'.repeat(32) } }),
    );
    m.run(
      'customer.updateContact',
      edit({ id: 'edit-0002', phone: { ...PHONE, enc: 'A'.repeat(512), masked: '138' } }),
    );
    m.run(
      'customer.updateContact',
      edit({ id: 'edit-0003', address: { enc: '+/='.repeat(1365) + 'A', masked: '址'.repeat(200) } }),
    );
    expect(contact()).toMatchObject({ phone_version: 2, address_version: 1 });
  });
});
