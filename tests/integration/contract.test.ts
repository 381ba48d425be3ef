import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventName, EventPayload, StationApi } from '@common/api/contract';
import type { Role } from '@common/api/roles';
import { attachIpcAdapter } from '../../main/api/ipc-adapter';
import type { CallerContext } from '../../main/services/caller';
import { startStationHost, type StationHost } from '../../main/host';
import { createStationBridge } from '../../preload/bridge';
import { FakeIpc } from '../support/fake-ipc';
import { makeTempDir, seededDataDir } from '../support/hall-fixture';
import { connectWsApi } from '../support/ws-client';

/**
 * One contract suite, run against both adapters of the station API: WebSocket (browser mode,
 * real sockets) and Electron IPC (a fake ipcMain/ipcRenderer pair around the real preload bridge).
 */
type Connect = (role: Role, windowNo?: number) => Promise<StationApi>;

function once<E extends EventName>(
  api: StationApi,
  event: E,
  match: (p: EventPayload<E>) => boolean = () => true,
): Promise<EventPayload<E>> {
  return new Promise((resolve) => {
    const off = api.on(event, (p) => {
      if (!match(p)) return;
      off();
      resolve(p);
    });
  });
}

function contractSuite(adapter: string, setup: () => Promise<{ connect: Connect; close(): Promise<void> }>) {
  describe(`station API over ${adapter}`, () => {
    let connect: Connect;
    let close: () => Promise<void>;
    beforeAll(async () => {
      ({ connect, close } = await setup());
    });
    afterAll(() => close());

    it('answers with the caller role bound by the adapter', async () => {
      const api = await connect('display');
      expect(await api.call('station.info', {})).toMatchObject({
        ok: true,
        value: { role: 'display', hallId: 'H001', timeZone: 'Asia/Shanghai' },
      });
    });

    it('names the offending field of an invalid payload', async () => {
      const api = await connect('kiosk');
      expect(await api.call('queue.issueTicket', { businessType: 'NOPE' as never })).toMatchObject({
        ok: false,
        error: { code: 'validation', field: 'businessType' },
      });
      expect(await api.call('queue.issueTicket', { businessType: 'PAY', role: 'manager' } as never)).toMatchObject({
        ok: false,
        error: { code: 'validation' },
      });
    });

    it('refuses a counter-only call from a kiosk with forbidden, and unknown methods by name', async () => {
      const api = await connect('kiosk');
      expect(await api.call('counter.callNext', {})).toMatchObject({ ok: false, error: { code: 'forbidden' } });
      expect(await api.call('nope.nothing' as never, {} as never)).toMatchObject({
        ok: false,
        error: { code: 'unknown_method' },
      });
    });

    it('needs a login for counter calls and rejects a wrong PIN on the pin field', async () => {
      const api = await connect('counter', 5);
      expect(await api.call('counter.callNext', {})).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
      expect(await api.call('auth.login', { staffNo: '1005', pin: '000000' })).toMatchObject({
        ok: false,
        error: { code: 'unauthenticated', field: 'pin' },
      });
    });

    it('runs a ticket from kiosk to counter with events to the display', async () => {
      const kiosk = await connect('kiosk');
      const display = await connect('display');
      const counter = await connect('counter', 2);
      const changed = once(display, 'queue.changed');
      const issued = await kiosk.call('queue.issueTicket', { businessType: 'INV' });
      expect(issued.ok).toBe(true);
      await changed;
      const login = await counter.call('auth.login', { staffNo: '1002', pin: '123456' });
      expect(login).toMatchObject({ ok: true, value: { windowNo: 2, staff: { staffNo: '1002' } } });
      const called = once(display, 'ticket.called', (c) => c.windowNo === 2);
      const next = await counter.call('counter.callNext', {});
      expect(next).toMatchObject({ ok: true, value: { status: 'called', windowNo: 2 } });
      expect((await called).text).toMatch(/^请 A\d{3} 号到 2 号窗口办理$/);
    });
  });
}

async function hostFor(name: string): Promise<StationHost> {
  const renderer = makeTempDir('renderer-');
  fs.writeFileSync(`${renderer}/index.html`, '<!doctype html>');
  return startStationHost({
    dataDir: seededDataDir('station.db', makeTempDir(`contract-${name}-`)),
    http: { port: 0, rendererDir: renderer },
  });
}

contractSuite('WebSocket', async () => {
  const host = await hostFor('ws');
  const sockets: { close(): void }[] = [];
  return {
    connect: async (role, windowNo) => {
      const c = connectWsApi(host.url!, role, windowNo);
      sockets.push(c);
      return c;
    },
    close: async () => {
      for (const s of sockets) s.close();
      await host.close();
    },
  };
});

contractSuite('Electron IPC', async () => {
  const host = await hostFor('ipc');
  const ipc = new FakeIpc();
  const registry = new Map<number, CallerContext>();
  const adapter = attachIpcAdapter({
    ipcMain: ipc.ipcMain,
    router: host.router,
    contextFor: (sender) => registry.get(sender.id) ?? null,
  });
  return {
    connect: async (role, windowNo) => {
      const r = ipc.renderer();
      registry.set(r.sender.id, {
        connectionId: String(r.sender.id),
        source: 'local:test',
        role,
        windowNo: windowNo ?? null,
        session: null,
      });
      adapter.watch(r.sender);
      return createStationBridge(r.ipcRenderer);
    },
    close: async () => {
      adapter();
      await host.close();
    },
  };
});

describe('Electron IPC sender checks', () => {
  let host: StationHost;
  beforeAll(async () => {
    host = await hostFor('ipc-sender');
  });
  afterAll(() => host.close());

  it('refuses calls from a subframe, from a page that is not app://, and from an unregistered window', async () => {
    const ipc = new FakeIpc();
    const known = new Set<number>();
    const adapter = attachIpcAdapter({
      ipcMain: ipc.ipcMain,
      router: host.router,
      contextFor: (s) =>
        known.has(s.id)
          ? { connectionId: 'x', source: 'local:test', role: 'manager', windowNo: null, session: null }
          : null,
    });
    const sub = ipc.renderer('app://station/index.html', { subframe: true });
    const foreign = ipc.renderer('https://example.invalid/');
    const stranger = ipc.renderer();
    known.add(sub.sender.id).add(foreign.sender.id);
    for (const r of [sub, foreign, stranger]) {
      expect(await createStationBridge(r.ipcRenderer).call('station.info', {})).toMatchObject({
        ok: false,
        error: { code: 'forbidden' },
      });
    }
    adapter();
  });
});
