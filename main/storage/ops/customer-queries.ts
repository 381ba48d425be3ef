import type { RevealField } from '@common/api/customer-schemas';
import { AppFailure } from '@common/result';
import { CustomerDirectory, type NameIndexStatus } from '../../customers/customer-directory';
import type { RemoteCustomer } from '@common/sync/customer-lookup';
import { cacheRemoteCustomers } from '../../customers/remote-customers';
import { PersonalDataCipher } from '../../security/personal-data-cipher';
import type { WorkerState } from '../worker-state';

/**
 * Customer lookups inside the storage worker: decrypting candidates and building the name index
 * never run on the station's event loop. The key arrives once, by message, from the host.
 */
const directories = new WeakMap<WorkerState, CustomerDirectory>();
/** Who waits for the name index of a state (resolved when its background build ends). */
const indexWaiters = new WeakMap<WorkerState, (() => void)[]>();
/** Time one slice of the background build may hold the worker before it lets requests through. */
const BUILD_SLICE_MS = 20;

function directory(s: WorkerState): CustomerDirectory {
  const d = directories.get(s);
  if (!d) throw new AppFailure('unavailable', 'customer.searchNotReady');
  return d;
}

/**
 * Open the directory. A valid snapshot is loaded at once; otherwise the name index is built in
 * slices of BUILD_SLICE_MS, each scheduled with setImmediate so the worker answers other requests
 * (queue, account-number search, …) between them.
 */
export function customersOpen(
  s: WorkerState,
  a: { key: Uint8Array; snapshotFile: string | null; batchRows?: number },
): NameIndexStatus & { built: boolean; ms: number } {
  const t0 = performance.now();
  const d = new CustomerDirectory(s.db, new PersonalDataCipher(a.key), s.hallId);
  directories.set(s, d);
  const status = d.startNameIndexBuild(a.snapshotFile, a.batchRows);
  const built = status.state === 'building';
  const slice = () => {
    if (!s.db.open || directories.get(s) !== d) return; // closed or reopened meanwhile
    if (d.buildNameIndexStep(a.batchRows ? 0 : BUILD_SLICE_MS).state === 'building') setImmediate(slice);
    // Ready or failed: whoever waits learns which.
    else for (const resolve of indexWaiters.get(s)?.splice(0) ?? []) resolve();
  };
  if (built) setImmediate(slice);
  return { ...status, built, ms: performance.now() - t0 };
}

export const customerIndexStatus = (s: WorkerState): NameIndexStatus => directory(s).nameIndexStatus();

/** Resolves when the name index is ready (at once if it is). */
export function customerIndexReady(s: WorkerState): Promise<NameIndexStatus> | NameIndexStatus {
  const d = directory(s);
  if (d.nameIndexStatus().state !== 'building') return d.nameIndexStatus();
  return new Promise((resolve) => {
    if (!indexWaiters.has(s)) indexWaiters.set(s, []);
    indexWaiters.get(s)!.push(() => resolve(d.nameIndexStatus()));
  });
}

export const customerSearch = (s: WorkerState, a: { query: string; limit: number }) =>
  directory(s).search(a.query, a.limit);
export const customerView = (s: WorkerState, a: { customerId: number }) => directory(s).view(a.customerId);
export const customerReveal = (s: WorkerState, a: { customerId: number; field: RevealField }) =>
  directory(s).reveal(a.customerId, a.field);

/** Cache customers of other halls fetched from the central, and index their names here too. */
export function customerCacheRemote(
  s: WorkerState,
  a: { customers: RemoteCustomer[]; now: string },
): { cached: number[]; nameIndexed: number } {
  const d = directory(s);
  const cached = cacheRemoteCustomers(s.db, s.hallId, a.customers, a.now);
  return { cached, nameIndexed: cached.filter((id) => d.indexCachedName(id)).length };
}
