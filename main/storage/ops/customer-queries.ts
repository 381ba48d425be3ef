import type { RevealField } from '../../../common/api/customer-schemas';
import { AppFailure } from '../../../common/result';
import { CustomerDirectory } from '../../customers/customer-directory';
import { PersonalDataCipher } from '../../security/personal-data-cipher';
import type { WorkerState } from '../worker-state';

/**
 * Customer lookups inside the storage worker: decrypting candidates and building the name index
 * never run on the station's event loop. The key arrives once, by message, from the host.
 */
const directories = new WeakMap<WorkerState, CustomerDirectory>();

function directory(s: WorkerState): CustomerDirectory {
  const d = directories.get(s);
  if (!d) throw new AppFailure('unavailable', '客户查询尚未就绪 (customer directory not open)');
  return d;
}

export function customersOpen(s: WorkerState, a: { key: Uint8Array; snapshotFile: string | null }) {
  const d = new CustomerDirectory(s.db, new PersonalDataCipher(a.key));
  directories.set(s, d);
  return d.openNameIndex(a.snapshotFile);
}

export const customerSearch = (s: WorkerState, a: { query: string; limit: number }) => directory(s).search(a.query, a.limit);
export const customerView = (s: WorkerState, a: { customerId: number }) => directory(s).view(a.customerId);
export const customerReveal = (s: WorkerState, a: { customerId: number; field: RevealField }) => directory(s).reveal(a.customerId, a.field);
