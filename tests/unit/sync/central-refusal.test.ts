import { describe, expect, it } from 'vitest';
import { AppFailure } from '@common/result';
import type { ServiceContext } from '../../../main/services/context';
import { CentralError, type CentralAdmin } from '../../../main/services/ports/central-admin';
import { SyncAdminService } from '../../../main/services/sync-admin-service';
import { expectCatalogued } from '../../support/catalogued';

/** The manager's sync section reads the central's refusals in the words the central named, by key. */
const refusing = (error: unknown): SyncAdminService =>
  new SyncAdminService({
    ctx: { stationId: 'st-1' } as ServiceContext,
    central: { admin: () => Promise.reject(error) } satisfies CentralAdmin,
  });

const failureOf = (p: Promise<unknown>) =>
  p.then(
    () => expect.unreachable('refused'),
    (e: unknown) => e as AppFailure,
  );

describe('a refusal by the central, in the station API', () => {
  it('keeps the central’s key and parameters, with the code of its status', async () => {
    const failure = await failureOf(
      refusing(
        new CentralError(403, 'forbidden', 'central 403 forbidden: …', {
          key: 'sync.adminRoleRefused',
          params: { role: 'kiosk' },
        }),
      ).stations(),
    );
    expect(failure).toBeInstanceOf(AppFailure);
    expect(failure.toError()).toMatchObject({
      code: 'forbidden',
      key: 'sync.adminRoleRefused',
      params: { role: 'kiosk' },
    });
    expectCatalogued(failure.toError());
  });

  it('reads as a general refusal when the central named no key, and as unreachable when it did not answer', async () => {
    const refused = await failureOf(refusing(new CentralError(409, 'odd', 'central 409 odd: x')).stations());
    expect(refused.toError()).toMatchObject({ code: 'unavailable', key: 'sync.centralRefused' });
    const down = await failureOf(refusing(new TypeError('fetch failed')).stations());
    expect(down.toError()).toMatchObject({ code: 'unavailable', key: 'sync.centralUnreachable' });
    expect(
      await failureOf(new SyncAdminService({ ctx: {} as ServiceContext, central: null }).stations()),
    ).toMatchObject({ code: 'unavailable', key: 'sync.noCentral' });
  });
});
