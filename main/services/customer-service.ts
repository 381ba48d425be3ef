import { withInsights } from './customer-risk';
import { join } from 'node:path';
import type {
  CustomerSearchResult,
  CustomerView,
  RemoteLookupOutcome,
  RevealField,
} from '@common/api/customer-schemas';
import { detectCustomerQuery } from '@common/domain/customer-query';
import { CustomerLookupResponse, LOOKUP_KINDS, type CustomerLookupRequest } from '@common/sync/customer-lookup';
import { AppFailure } from '@common/result';
import { budgetKey, sourceOf, type CallerContext } from './caller';
import type { RateLimit } from '../../node/limits/rate-limit';
import { spendOrRefuse } from '../security/station-limits';
import type { PersonalDataCipher } from '../security/personal-data-cipher';
import type { ServiceContext } from './context';
import { CentralError, type CentralAdmin } from './ports/central-admin';
import type { CustomerVisit } from '@common/api/customer-screen-schemas';

/** Staff roles that may see a personal-data field in full (Personal data). */
export const FULL_VIEW_ROLES = ['agent', 'manager'] as const;

export interface CustomerServiceDeps {
  ctx: ServiceContext;
  /** The station's personal-data key, for the lookup hashes of phone and ID numbers. */
  cipher: PersonalDataCipher;
  /**
   * The same key's bytes, for the storage worker's copy of the directory; zeroed here once the
   * worker has been handed them.
   */
  key: Buffer;
  /** The name index's snapshot file lives here. */
  stationDataDir: string;
  log?: (line: string) => void;
  /** Names indexed per slice of a background build (tests make it small to watch the build run). */
  indexBatchRows?: number;
  /** The central, through which customers of other halls are fetched; none when offline-only. */
  central: CentralAdmin | null;
  /** Searches and views per screen and login (main/security/station-limits.ts). */
  lookupLimit: RateLimit;
}

/** The counter's identify step: search, the customer view, and audited full views of one field. */
export class CustomerService {
  /** The directory is open: every search but by name works from here on. */
  readonly ready: Promise<void>;
  /** The name index is ready too (loaded from its snapshot, or built in the background). */
  readonly nameIndexReady: Promise<void>;
  private readonly ctx: ServiceContext;
  private readonly cipher: PersonalDataCipher;
  private readonly central: CentralAdmin | null;
  private readonly lookupLimit: RateLimit;

  constructor(deps: CustomerServiceDeps) {
    this.lookupLimit = deps.lookupLimit;
    const { ctx, key, stationDataDir, indexBatchRows } = deps;
    const log = deps.log ?? (() => {});
    this.ctx = ctx;
    this.cipher = deps.cipher;
    this.central = deps.central;
    const opened = ctx.storage.run('customersOpen', {
      key,
      snapshotFile: join(stationDataDir, 'name-index.bin'),
      batchRows: indexBatchRows,
    });
    this.ready = opened.then(
      (r) =>
        log(
          r.built
            ? `customer name index: building over ${r.total} customers in the background`
            : `customer name index loaded: ${r.total} customers in ${r.ms.toFixed(0)} ms`,
        ),
      (e: Error) => log(`customer directory failed to open: ${e.message}`),
    );
    const t0 = performance.now();
    this.nameIndexReady = opened
      .then(async (r) => {
        if (!r.built) return;
        const done = await ctx.storage.run('customerIndexReady');
        if (done.state === 'failed') log(`customer name index could not be built: ${done.error}`);
        else
          log(
            `customer name index built: ${done.indexed} customers in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
          );
      })
      .catch(() => {});
    key.fill(0);
  }

  /** How far the name index is (the counter shows it while a first start builds it). */
  async indexStatus(): Promise<{
    state: 'ready' | 'building' | 'failed';
    indexed: number;
    total: number;
    error?: string;
  }> {
    await this.ready;
    return this.ctx.storage.run('customerIndexStatus');
  }

  /**
   * Search this hall's customers; when an exact identifier (户号, 表号, phone, ID number) finds none,
   * ask the central for a customer of another hall (跨区域办理), cache it and search again.
   */
  async search(caller: CallerContext, input: { query: string; limit: number }): Promise<CustomerSearchResult> {
    await this.#withinLookupBudget(caller);
    await this.ready;
    const local = await this.ctx.storage.run('customerSearch', input);
    if (local.hits.length > 0 || !(LOOKUP_KINDS as readonly string[]).includes(local.kind)) return local;
    const remote = await this.fetchFromCentral(caller, input.query);
    if (remote !== 'fetched') return { ...local, remote };
    return { ...(await this.ctx.storage.run('customerSearch', input)), remote };
  }

  /** One screen's login (or, without one, the screen itself) reads customers at a person's pace, not a script's. */
  async #withinLookupBudget(caller: CallerContext): Promise<void> {
    const source = sourceOf(caller);
    const staffId = caller.session?.staffId ?? null;
    await spendOrRefuse(
      this.lookupLimit,
      budgetKey(caller, staffId ?? caller.role),
      (seconds) => new AppFailure('rate_limited', 'customer.tooManyLookups', { seconds }),
      (d) =>
        this.ctx.audit(staffId, 'customer.rateLimited', { ...d, role: caller.role, windowNo: caller.windowNo, source }),
    );
  }

  #lookupRequest(query: string): CustomerLookupRequest | null {
    const q = detectCustomerQuery(query);
    if (!q.ok) return null;
    if (q.kind === 'account' || q.kind === 'meter') return { kind: q.kind, value: q.value };
    // A phone or ID number leaves the station only as its keyed hash.
    if (q.kind === 'phone' || q.kind === 'idNumber')
      return { kind: q.kind, value: this.cipher.hash(q.value).toString('hex') };
    return null;
  }

  private async fetchFromCentral(caller: CallerContext, query: string): Promise<RemoteLookupOutcome> {
    const sync = this.central;
    const request = this.#lookupRequest(query);
    if (!sync || !request) return 'unavailable';
    let found: CustomerLookupResponse;
    try {
      found = CustomerLookupResponse.parse(await sync.admin('POST', '/v1/customers/lookup', request));
    } catch (e) {
      if (e instanceof CentralError)
        return e.status === 404 ? 'not_found' : e.status === 403 ? 'unavailable' : 'offline';
      return 'offline';
    }
    const { cached } = await this.ctx.storage.run('customerCacheRemote', {
      customers: found.customers,
      now: this.ctx.nowIso(),
    });
    await this.ctx.audit(caller.session?.staffId ?? null, 'customer.fetchRemote', {
      kind: request.kind,
      customerIds: cached,
      halls: [...new Set(found.customers.map((c) => c.hallId))],
      windowNo: caller.windowNo,
    });
    return cached.length ? 'fetched' : 'not_found';
  }

  async view(caller: CallerContext, input: { customerId: number }): Promise<CustomerView> {
    await this.#withinLookupBudget(caller);
    await this.ready;
    const at = this.ctx.nowIso();
    const view = withInsights(
      await this.ctx.storage.run('customerView', input),
      await this.ctx.storage.run('customerInsights', { customerId: input.customerId, at }),
    );
    await this.ctx.audit(caller.session?.staffId ?? null, 'customer.view', {
      customerId: input.customerId,
      accountNo: view.customer.accountNo,
      windowNo: caller.windowNo,
      ...(view.otherHall ? { otherHall: view.otherHall.hallId } : {}),
    });
    return view;
  }

  /** One field in full: only for agents and managers, and every view is written to the audit log first. */
  async reveal(caller: CallerContext, input: { customerId: number; field: RevealField }): Promise<{ value: string }> {
    const role = caller.session?.role;
    if (!role || !(FULL_VIEW_ROLES as readonly string[]).includes(role)) {
      throw new AppFailure('forbidden', 'customer.fullViewRefused');
    }
    await this.ready;
    const value = await this.ctx.storage.run('customerReveal', input);
    await this.ctx.audit(caller.session!.staffId, 'customer.reveal', {
      customerId: input.customerId,
      field: input.field,
      windowNo: caller.windowNo,
    });
    return { value };
  }

  /** The customer's earlier tickets here with their ratings (past visits in the customer view); audited like the view. */
  async visits(caller: CallerContext, input: { customerId: number }): Promise<CustomerVisit[]> {
    const rows = await this.ctx.storage.run('customerVisits', { customerId: input.customerId, limit: 50 });
    await this.ctx.audit(caller.session?.staffId ?? null, 'customer.visits', {
      customerId: input.customerId,
      windowNo: caller.windowNo,
      visits: rows.length,
    });
    return rows.map((r) => ({
      ticketId: r.ticket_id,
      ticketNo: r.ticket_no,
      day: r.day,
      businessType: r.business_type,
      windowNo: r.window_no,
      agentName: r.agent_name,
      agentStaffNo: r.agent_staff_no,
      startedAt: r.started_at,
      finishedAt: r.finished_at,
      handlingSec:
        r.started_at && r.finished_at
          ? Math.max(0, Math.round((Date.parse(r.finished_at) - Date.parse(r.started_at)) / 1000))
          : null,
      via: [...(r.by_payment ? (['payment'] as const) : []), ...(r.by_application ? (['application'] as const) : [])],
      rating:
        r.rating_level && r.rating_at
          ? {
              level: r.rating_level as NonNullable<CustomerVisit['rating']>['level'],
              dimensions: JSON.parse(r.rating_dimensions ?? '{}') as Record<string, number>,
              reason: r.rating_reason,
              at: r.rating_at,
            }
          : null,
    }));
  }
}
