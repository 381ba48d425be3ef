import { parseBillId, type SqlTx, type SyncedEntity } from '@common/mutators/sql';

/**
 * The home hall of the customer a bill or balance change belongs to (null for any other entity, or
 * a customer the central does not hold). A customer of another hall paid here (跨区域办理) has the
 * change logged in both halls, so the home hall's stations see the payment's effect too.
 */
export function customerHomeHall(tx: SqlTx, entity: SyncedEntity, id: string): string | null {
  const customerId =
    entity === 'bill' ? (parseBillId(id)?.customerId ?? null) : entity === 'customerBalance' ? Number(id) : null;
  if (customerId === null || !Number.isSafeInteger(customerId)) return null;
  return tx.get<{ hall_id: string }>('SELECT hall_id FROM customers WHERE id = ?', customerId)?.hall_id ?? null;
}
