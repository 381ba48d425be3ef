import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { CustomerSearchResult, CustomerView, RevealField } from '../../common/api/customer-schemas';
import { AppFailure } from '../../common/result';
import type { CallerContext } from '../api/router';
import { loadOrCreateKey, PersonalDataCipher, personalDataKeyPath } from '../security/personal-data-cipher';
import type { ServiceContext } from './context';

/** Staff roles that may see a personal-data field in full (DOMAIN.md, Personal data). */
export const FULL_VIEW_ROLES = ['agent', 'manager'] as const;

/**
 * Where the personal-data key of a station lives: `<dataDir>/keys`, or that of the seeded root the
 * station directory sits in — `<root>/station` (npm run seed) or `<root>/stations/<name>` (the demo
 * hall). A new key is made in `<dataDir>` only when none of these holds one.
 */
export function keyDirFor(stationDataDir: string): string {
  for (const dir of [stationDataDir, dirname(stationDataDir), dirname(dirname(stationDataDir))]) {
    if (existsSync(personalDataKeyPath(dir))) return dir;
  }
  return stationDataDir;
}

/** The counter's identify step: search, the customer view, and audited full views of one field. */
export class CustomerService {
  /** The directory is open: every search but by name works from here on. */
  readonly ready: Promise<void>;
  /** The name index is ready too (loaded from its snapshot, or built in the background). */
  readonly nameIndexReady: Promise<void>;
  /** The same key in the main thread, for form values (small, so encrypting here costs microseconds). */
  readonly cipher: PersonalDataCipher;

  constructor(
    private readonly ctx: ServiceContext,
    stationDataDir: string,
    log: (line: string) => void = () => {},
    /** Names indexed per slice of a background build (tests make it small to watch the build run). */
    indexBatchRows?: number,
  ) {
    const key = loadOrCreateKey(keyDirFor(stationDataDir));
    this.cipher = new PersonalDataCipher(key);
    const opened = ctx.storage.run('customersOpen', { key, snapshotFile: join(stationDataDir, 'name-index.bin'), batchRows: indexBatchRows });
    this.ready = opened.then(
      (r) => log(r.built ? `customer name index: building over ${r.total} customers in the background` : `customer name index loaded: ${r.total} customers in ${r.ms.toFixed(0)} ms`),
      (e: Error) => log(`customer directory failed to open: ${e.message}`),
    );
    const t0 = performance.now();
    this.nameIndexReady = opened.then(async (r) => {
      if (!r.built) return;
      const done = await ctx.storage.run('customerIndexReady');
      log(`customer name index built: ${done.indexed} customers in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    }).catch(() => {});
    key.fill(0);
  }

  /** How far the name index is (the counter shows it while a first start builds it). */
  async indexStatus(): Promise<{ state: 'ready' | 'building'; indexed: number; total: number }> {
    await this.ready;
    return this.ctx.storage.run('customerIndexStatus');
  }

  async search(input: { query: string; limit: number }): Promise<CustomerSearchResult> {
    await this.ready;
    return this.ctx.storage.run('customerSearch', input);
  }

  async view(caller: CallerContext, input: { customerId: number }): Promise<CustomerView> {
    await this.ready;
    const view = await this.ctx.storage.run('customerView', input);
    await this.ctx.audit(caller.session?.staffId ?? null, 'customer.view', { customerId: input.customerId, accountNo: view.customer.accountNo, windowNo: caller.windowNo });
    return view;
  }

  /** One field in full: only for agents and managers, and every view is written to the audit log first. */
  async reveal(caller: CallerContext, input: { customerId: number; field: RevealField }): Promise<{ value: string }> {
    const role = caller.session?.role;
    if (!role || !(FULL_VIEW_ROLES as readonly string[]).includes(role)) {
      throw new AppFailure('forbidden', '无权查看完整个人信息 (only agents and managers may see personal data in full)');
    }
    await this.ready;
    const value = await this.ctx.storage.run('customerReveal', input);
    await this.ctx.audit(caller.session!.staffId, 'customer.reveal', { customerId: input.customerId, field: input.field, windowNo: caller.windowNo });
    return { value };
  }
}
