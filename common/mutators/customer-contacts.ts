import { z } from 'zod';
import { AppFailure } from '../result';
import type { MutationContext } from './sql';

/**
 * Customer contact edits (phone, address): field-level last-writer-wins in server order. Each
 * field carries its own version, bumped by every accepted edit of that field, so an address edit
 * never undoes a concurrent phone edit, and of two phone edits the one the central applies last
 * stands. Values travel and rest encrypted (main/security/personal-data-cipher.ts): the args hold
 * ciphertext (base64), a keyed lookup hash and the masked form only — never the plain value.
 */
const base64 = (max: number) =>
  z
    .string()
    .min(16)
    .max(max)
    .regex(/^[A-Za-z0-9+/=]+$/);

export const UpdateContactArgs = z
  .object({
    id: z.string().min(8).max(64),
    hallId: z.string().min(1).max(32),
    customerId: z.number().int().positive(),
    at: z.string().min(10).max(40),
    staffId: z.string().min(1).max(64),
    phone: z
      .object({
        enc: base64(512),
        hash: z.string().min(16).max(128),
        masked: z.string().min(3).max(32),
        tail: z.string().regex(/^\d{4}$/),
      })
      .strict()
      .optional(),
    address: z
      .object({ enc: base64(4096), masked: z.string().min(1).max(200) })
      .strict()
      .optional(),
  })
  .strict()
  .refine((a) => a.phone !== undefined || a.address !== undefined, {
    message: 'customer.nothingToChange',
    path: ['phone'],
  });

export const contactRowId = (customerId: number): string => `contact-${customerId}`;

export function updateContact(ctx: MutationContext, a: z.infer<typeof UpdateContactArgs>): void {
  // The station checks the customer against its replica; the central may not hold customers
  // (the PostgreSQL central keeps only synced entities) and trusts the hall-scoped token.
  if (ctx.side === 'station' && !ctx.tx.get('SELECT 1 FROM customers WHERE id = ?', a.customerId)) {
    throw new AppFailure('not_found', 'customer.notFound', {}, 'customerId');
  }
  const id = contactRowId(a.customerId);
  const row = ctx.tx.get<{ phone_edit: string | null; address_edit: string | null }>(
    'SELECT phone_edit, address_edit FROM customer_contacts WHERE id = ?',
    id,
  );
  if (!row)
    ctx.tx.run('INSERT INTO customer_contacts (id, hall_id, customer_id) VALUES (?, ?, ?)', id, a.hallId, a.customerId);
  let changed = false;
  if (a.phone && row?.phone_edit !== a.id) {
    ctx.tx.run(
      `UPDATE customer_contacts SET phone_enc = ?, phone_hash = ?, phone_masked = ?, phone_tail = ?, phone_edit = ?, phone_at = ?, phone_version = phone_version + 1 WHERE id = ?`,
      a.phone.enc,
      a.phone.hash,
      a.phone.masked,
      a.phone.tail,
      a.id,
      a.at,
      id,
    );
    changed = true;
  }
  if (a.address && row?.address_edit !== a.id) {
    ctx.tx.run(
      `UPDATE customer_contacts SET address_enc = ?, address_masked = ?, address_edit = ?, address_at = ?, address_version = address_version + 1 WHERE id = ?`,
      a.address.enc,
      a.address.masked,
      a.id,
      a.at,
      id,
    );
    changed = true;
  }
  if (changed || !row) ctx.changed('customerContact', id);
}
