import type { z } from 'zod';
import { AppFailure } from '@common/result';
import { EnrollmentCode, StationsResponse, type CentralStation } from '@common/sync/protocol';
import type { StationRole } from '@common/sync/station-roles';
import type { CallerContext } from './caller';
import type { ServiceContext } from './context';
import { CentralError, type CentralAdmin } from './ports/central-admin';

export interface SyncAdminServiceDeps {
  ctx: ServiceContext;
  /** The central's admin API; none when this station runs alone. */
  central: CentralAdmin | null;
}

/**
 * The manager's view of the hall's stations, from the central: enrollment codes for new PCs, each
 * station's last contact and backlog, and revocation. Codes and revocations are audited.
 */
export class SyncAdminService {
  private readonly ctx: ServiceContext;
  private readonly sync: CentralAdmin | null;

  constructor(deps: SyncAdminServiceDeps) {
    this.ctx = deps.ctx;
    this.sync = deps.central;
  }

  async enrollmentCode(caller: CallerContext, role: StationRole): Promise<EnrollmentCode> {
    const code = await this.central(EnrollmentCode, 'POST', '/v1/enrollment-codes', { role });
    await this.ctx.audit(caller.session?.staff.staffNo ?? null, 'sync.enrollmentCode', {
      role,
      expiresAt: code.expiresAt,
    });
    return code;
  }

  async stations(): Promise<(CentralStation & { self: boolean })[]> {
    const { stations } = await this.central(StationsResponse, 'GET', '/v1/stations');
    return stations.map((s) => ({ ...s, self: s.clientId === this.ctx.stationId }));
  }

  async revoke(caller: CallerContext, clientId: string): Promise<{ revoked: boolean }> {
    if (clientId === this.ctx.stationId) throw new AppFailure('validation', 'sync.selfRevoke', {}, 'clientId');
    const r = (await this.central(null, 'POST', '/v1/revoke', { clientId })) as { revoked: boolean };
    await this.ctx.audit(caller.session?.staff.staffNo ?? null, 'sync.revoke', { clientId, revoked: r.revoked });
    return { revoked: r.revoked === true };
  }

  private async central<S extends z.ZodType>(
    schema: S | null,
    method: 'GET' | 'POST',
    path: string,
    body?: unknown,
  ): Promise<z.output<S>> {
    const sync = this.sync;
    if (!sync) throw new AppFailure('unavailable', 'sync.noCentral');
    try {
      const json = await sync.admin(method, path, body);
      return (schema ? schema.parse(json) : json) as z.output<S>;
    } catch (e) {
      if (e instanceof CentralError) {
        const code =
          e.status === 401
            ? 'unauthenticated'
            : e.status === 403
              ? 'forbidden'
              : e.status === 400
                ? 'validation'
                : 'unavailable';
        // The central's own text when it names one; its log message is not for the manager.
        throw e.key
          ? AppFailure.fromError({ code, key: e.key, params: e.params, message: e.message })
          : new AppFailure(code, 'sync.centralRefused');
      }
      if (e instanceof AppFailure) throw e;
      throw new AppFailure('unavailable', 'sync.centralUnreachable');
    }
  }
}
