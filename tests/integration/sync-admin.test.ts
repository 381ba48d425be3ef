import { expect, it } from 'vitest';
import type { CentralServer } from '../../central/server';
import type { CallerContext } from '../../main/services/caller';
import { CentralError } from '../../main/services/ports/central-admin';
import { startStationHost, type StationHost } from '../../main/host';
import { RawClient, useCentralBackends, describeEachBackend } from '../support/central-backends';
import { nextEvent } from '../support/events';
import { makeTempDir, seededDataDir } from '../support/hall-fixture';
import { memoryLogger, type HallLogger } from '../../node/log/logger';
import { Emitter } from '../../devices/transport/transport';

/** The manager page's sync section through the station API: enrollment codes, station list, revocation. */
const { centralOn, cleanups } = useCentralBackends();

async function station(c: CentralServer, enrollCode: string | undefined, logger?: HallLogger): Promise<StationHost> {
  const s = await startStationHost({
    dataDir: seededDataDir('station.db', makeTempDir('admin-station-')),
    centralUrl: c.url,
    enrollCode,
    ...(logger ? { logger } : {}),
  });
  cleanups.push(s.close);
  return s;
}
/** A fresh manager window per test: the router keeps the login on the caller context. */
const managerWindow = (): CallerContext => ({
  connectionId: 'm',
  source: 'local:test',
  role: 'manager',
  windowNo: null,
  session: null,
});

describeEachBackend('on %s', (backend) => {
  it('a manager issues a code, a new kiosk enrols with it, shows in the list, and is revoked', async () => {
    const c = await centralOn(backend);
    const managerPc = await station(c, c.issueEnrollmentCode('H001', 'manager'));
    const caller = managerWindow();
    expect(await managerPc.router.call(caller, 'sync.stations', {})).toMatchObject({
      ok: false,
      error: { code: 'unauthenticated' },
    });
    const login = await managerPc.router.call(caller, 'auth.login', { staffNo: '1001', pin: '123456' });
    if (!login.ok) throw new Error(login.error.message);
    const issued = await managerPc.router.call(caller, 'sync.enrollmentCode', { role: 'kiosk' });
    if (!issued.ok) throw new Error(issued.error.message);
    expect(issued.value).toMatchObject({ role: 'kiosk', code: expect.stringMatching(/^[A-Z2-9]{8}$/) });

    const kiosk = await station(c, issued.value.code);
    await kiosk.sync!.idle();
    expect(await kiosk.sync!.status()).toMatchObject({ online: true, auth: 'ok' });

    const listed = await managerPc.router.call(caller, 'sync.stations', {});
    if (!listed.ok) throw new Error(listed.error.message);
    expect(listed.value).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ clientId: managerPc.storage.stationId, role: 'manager', self: true }),
        expect.objectContaining({
          clientId: kiosk.storage.stationId,
          role: 'kiosk',
          self: false,
          revokedAt: null,
          lastContact: expect.any(String),
        }),
      ]),
    );
    expect(
      await managerPc.router.call(caller, 'sync.revokeStation', { clientId: managerPc.storage.stationId }),
    ).toMatchObject({ ok: false, error: { code: 'validation' } });
    expect(await managerPc.router.call(caller, 'sync.revokeStation', { clientId: kiosk.storage.stationId })).toEqual({
      ok: true,
      value: { revoked: true },
    });

    const revoked = nextEvent(kiosk.events, 'sync.status');
    kiosk.sync!.trigger();
    expect(await revoked).toMatchObject({ online: false, auth: 'revoked' });
    // Both sensitive actions are in the audit log that syncs to the central.
    await managerPc.sync!.idle();
    const auditor = await RawClient.enroll(c, 'auditor-pc-1');
    const actions = (await auditor.pull()).changes.filter((ch) => ch.entity === 'audit').map((ch) => ch.row.action);
    expect(actions).toEqual(expect.arrayContaining(['sync.enrollmentCode', 'sync.revoke']));
    const after = await managerPc.router.call(caller, 'sync.stations', {});
    expect(after.ok && after.value.find((s) => s.clientId === kiosk.storage.stationId)?.revokedAt).toEqual(
      expect.any(String),
    );
  });

  it('the station list shows each station’s recent problems as it reported them, redacted, its own hall only', async () => {
    const c = await centralOn(backend);
    const managerPc = await station(c, c.issueEnrollmentCode('H001', 'manager'));
    const kioskLog = memoryLogger();
    const kiosk = await station(c, c.issueEnrollmentCode('H001', 'kiosk'), kioskLog);
    // A device listener that throws (the device layer survives it) and a careless line quoting an ID number.
    const events = new Emitter<number>();
    events.on(() => {
      throw new Error('receipt template missing');
    });
    events.emit(1);
    kioskLog.line('warning: card 110101199003077777 could not be matched');
    kiosk.sync!.trigger();
    await kiosk.sync!.idle();

    const caller = managerWindow();
    expect((await managerPc.router.call(caller, 'auth.login', { staffNo: '1001', pin: '123456' })).ok).toBe(true);
    const listed = await managerPc.router.call(caller, 'sync.stations', {});
    if (!listed.ok) throw new Error(listed.error.message);
    const shown = listed.value.find((st) => st.clientId === kiosk.storage.stationId)!.recentErrors;
    expect(shown.map((l) => l.message)).toEqual(
      expect.arrayContaining([
        expect.stringContaining('device event listener failed: receipt template missing'),
        expect.stringContaining('could not be matched'),
      ]),
    );
    expect(JSON.stringify(shown)).not.toContain('110101199003077777');
    expect(listed.value.find((st) => st.self)!.recentErrors).toEqual([]);

    // Another hall's station cannot write onto this hall's list; a malformed report is refused.
    const other = await RawClient.enroll(c, 'kiosk-h2', 'kiosk', 'H002');
    await other.call('POST', '/v1/station/report', {
      recentErrors: [{ time: new Date().toISOString(), level: 'error', message: 'forged' }],
    });
    const again = await managerPc.router.call(caller, 'sync.stations', {});
    expect(JSON.stringify(again.ok && again.value)).not.toContain('forged');
    expect(
      await other.call('POST', '/v1/station/report', {
        recentErrors: Array.from({ length: 21 }, () => ({ time: 't', level: 'error', message: 'x' })),
      }),
    ).toMatchObject({ status: 400, json: { error: { code: 'malformed' } } });
  });

  it('refuses the sync section to other windows and to non-manager staff', async () => {
    const c = await centralOn(backend);
    const s = await station(c, c.issueEnrollmentCode('H001', 'hall'));
    expect(
      await s.router.call(
        { connectionId: 'k', source: 'local:test', role: 'kiosk', windowNo: null, session: null },
        'sync.stations',
        {},
      ),
    ).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const agent: CallerContext = {
      connectionId: 'a',
      source: 'local:test',
      role: 'counter',
      windowNo: 3,
      session: null,
    };
    expect((await s.router.call(agent, 'auth.login', { staffNo: '1002', pin: '123456' })).ok).toBe(true);
    expect(await s.router.call(agent, 'sync.enrollmentCode', { role: 'kiosk' })).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    const manager = managerWindow();
    expect((await s.router.call(manager, 'auth.login', { staffNo: '1001', pin: '123456' })).ok).toBe(true);
    expect(await s.router.call(manager, 'sync.enrollmentCode', { role: 'root' as never })).toMatchObject({
      ok: false,
      error: { code: 'validation', field: 'role' },
    });
  });

  it('a kiosk-role station cannot obtain codes: no one logs in there (it holds no PIN hashes), and the central refuses its token', async () => {
    const c = await centralOn(backend);
    const s = await station(c, c.issueEnrollmentCode('H001', 'kiosk'));
    await s.sync!.idle();
    const caller = managerWindow();
    // The central sends a kiosk station staff rows without PIN hashes (docs/sync.md "Reference data through sync").
    expect((await s.router.call(caller, 'auth.login', { staffNo: '1001', pin: '123456' })).ok).toBe(false);
    expect(await s.router.call(caller, 'sync.enrollmentCode', { role: 'kiosk' })).toMatchObject({
      ok: false,
      error: { code: 'unauthenticated' },
    });
    // The refusal keeps the central's key and parameters, for a screen to show in its own language.
    const refusal = await s.sync!.admin('POST', '/v1/enrollment-codes', { role: 'kiosk' }).catch((e: unknown) => e);
    expect(refusal).toBeInstanceOf(CentralError);
    expect(refusal).toMatchObject({ status: 403, key: 'sync.adminRoleRefused', params: { role: 'kiosk' } });
  });
});
