import { AppFailure } from '@common/result';
import { HallComparison } from '@common/sync/hall-comparison';
import { CentralError, type CentralAdmin } from '../services/ports/central-admin';
import type { ServiceContext } from '../services/context';
import { checkedPeriod } from './table-export-service';

export interface HallComparisonDeps {
  ctx: ServiceContext;
  /** The central, reached with this station's credentials; none when the station runs alone. */
  central: CentralAdmin | null;
}

const CODES: Record<number, 'unauthenticated' | 'forbidden' | 'validation'> = {
  401: 'unauthenticated',
  403: 'forbidden',
  400: 'validation',
};

/** 各厅对比: the central's per-hall aggregates for a period, asked as this (manager) station. */
export class HallComparisonService {
  constructor(private readonly deps: HallComparisonDeps) {}

  async compare(input: { from?: string; to?: string }): Promise<HallComparison> {
    const { from, to } = checkedPeriod(input, this.deps.ctx.today());
    const central = this.deps.central;
    if (!central) throw new AppFailure('unavailable', 'sync.noCentral');
    let json: unknown;
    try {
      json = await central.admin('GET', `/v1/halls/compare?from=${from}&to=${to}`);
    } catch (e) {
      if (e instanceof AppFailure) throw e;
      if (!(e instanceof CentralError)) throw new AppFailure('unavailable', 'sync.centralUnreachable');
      const code = CODES[e.status] ?? 'unavailable';
      throw e.key
        ? AppFailure.fromError({ code, key: e.key, params: e.params, message: e.message })
        : new AppFailure(code, 'sync.centralRefused');
    }
    const parsed = HallComparison.safeParse(json);
    if (!parsed.success) throw new AppFailure('unavailable', 'sync.centralRefused');
    return parsed.data;
  }
}
