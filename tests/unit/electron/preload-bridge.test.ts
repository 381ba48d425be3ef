import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { IPC_CALL_CHANNEL, IPC_EVENT_CHANNEL } from '@common/api/wire';
import { createStationBridge, type IpcRendererLike } from '../../../preload/bridge';
import { contextBridge, FakeEmitter, ipcRenderer, resetFakeElectron } from './fake-electron';

vi.mock('electron', () => import('./fake-electron'));

/** A fake ipcRenderer whose events carry an IPC event object, as Electron's do. */
function fakeIpcRenderer() {
  const emitter = new FakeEmitter();
  const ipcEvent = { sender: 'THE-IPC-RENDERER', senderId: 0, ports: [] };
  const fake = {
    invoke: vi.fn(async (..._args: unknown[]): Promise<unknown> => ({ ok: true, value: { hallName: '示范营业厅' } })),
    on: vi.fn((channel: string, listener: (...args: unknown[]) => void) => emitter.on(channel, listener)),
    removeListener: vi.fn((channel: string, listener: (...args: unknown[]) => void) =>
      emitter.removeListener(channel, listener),
    ),
    /** What main does: webContents.send(IPC_EVENT_CHANNEL, event, payload). */
    push(event: string, payload: unknown) {
      emitter.emit(IPC_EVENT_CHANNEL, ipcEvent, event, payload);
    },
    count: () => emitter.listenerCount(IPC_EVENT_CHANNEL),
    ipcEvent,
  };
  return fake;
}

describe('preload bridge', () => {
  beforeEach(() => resetFakeElectron());

  it('uses the same channel names as common/api/wire.ts', async () => {
    const ipc = fakeIpcRenderer();
    const api = createStationBridge(ipc as IpcRendererLike);
    await api.call('station.info', {});
    expect(ipc.invoke).toHaveBeenCalledWith(IPC_CALL_CHANNEL, 'station.info', {});
    api.on('queue.changed', () => {});
    expect(ipc.on).toHaveBeenCalledWith(IPC_EVENT_CHANNEL, expect.any(Function));
  });

  it('call resolves to the Result from main, and to a Result when IPC fails', async () => {
    const ipc = fakeIpcRenderer();
    const api = createStationBridge(ipc as IpcRendererLike);
    expect(await api.call('station.info', {})).toEqual({ ok: true, value: { hallName: '示范营业厅' } });
    ipc.invoke.mockRejectedValueOnce(new Error("No handler registered for 'station:call'"));
    const failed = await api.call('station.info', {});
    expect(failed).toMatchObject({ ok: false, error: { code: 'unavailable' } });
    ipc.invoke.mockResolvedValueOnce(undefined);
    expect(await api.call('station.info', {})).toMatchObject({ ok: false, error: { code: 'internal' } });
  });

  it('listeners get the payload only — never the IPC event object', () => {
    const ipc = fakeIpcRenderer();
    const api = createStationBridge(ipc as IpcRendererLike);
    const listener = vi.fn();
    api.on('ticket.called', listener);
    const payload = { ticketNo: 'A003', windowNo: 3 };
    ipc.push('ticket.called', payload);
    ipc.push('queue.changed', { day: '2025-01-01' });
    expect(listener).toHaveBeenCalledTimes(1);
    expect(listener.mock.calls[0]).toEqual([payload]);
    expect(listener.mock.calls[0]).not.toContain(ipc.ipcEvent);
  });

  it('unsubscribe removes one listener; the IPC listener goes when none is left', () => {
    const ipc = fakeIpcRenderer();
    const api = createStationBridge(ipc as IpcRendererLike);
    const a = vi.fn();
    const b = vi.fn();
    const offA = api.on('queue.changed', a);
    const offB = api.on('queue.changed', b);
    expect(ipc.count()).toBe(1);
    offA();
    offA();
    ipc.push('queue.changed', { day: 'd' });
    expect(a).not.toHaveBeenCalled();
    expect(b).toHaveBeenCalledOnce();
    offB();
    expect(ipc.count()).toBe(0);
    expect(ipc.removeListener).toHaveBeenCalledOnce();
  });

  it('a throwing listener does not stop the others', () => {
    const ipc = fakeIpcRenderer();
    const api = createStationBridge(ipc as IpcRendererLike);
    const errorSpy = vi.spyOn(console, 'error').mockImplementation(() => {});
    api.on('queue.changed', () => {
      throw new Error('boom');
    });
    const ok = vi.fn();
    api.on('queue.changed', ok);
    ipc.push('queue.changed', { day: 'd' });
    expect(ok).toHaveBeenCalledOnce();
    errorSpy.mockRestore();
  });

  it('exposes only call and on', () => {
    const api = createStationBridge(fakeIpcRenderer() as IpcRendererLike);
    expect(Object.keys(api).sort()).toEqual(['call', 'on']);
    expect(Object.isFrozen(api)).toBe(true);
  });

  it('preload.ts exposes window.stationApi and window.kioskExit through contextBridge and nothing else', async () => {
    await import('../../../preload/preload');
    expect([...contextBridge.exposed.keys()]).toEqual(['stationApi', 'kioskExit']);
    const exit = contextBridge.exposed.get('kioskExit') as Record<string, unknown>;
    expect(Object.keys(exit).sort()).toEqual(['onRequest', 'submit']);
    expect(Object.values(exit)).not.toContain(ipcRenderer);
    const api = contextBridge.exposed.get('stationApi') as Record<string, unknown>;
    expect(Object.keys(api).sort()).toEqual(['call', 'on']);
    expect(Object.values(api)).not.toContain(ipcRenderer);
  });

  it('preload imports from common/ are type-only, and nothing but electron is imported at run time', () => {
    const dir = path.resolve(__dirname, '../../../preload');
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.ts'))) {
      const source = readFileSync(path.join(dir, file), 'utf8');
      const imports = [...source.matchAll(/^\s*import\s+(type\s+)?[^;]*?from\s+['"]([^'"]+)['"]/gm)];
      for (const [statement, typeOnly, from] of imports) {
        if (from.includes('common/')) expect(typeOnly, `${file}: ${statement}`).toBeTruthy();
        if (!typeOnly) expect(from === 'electron' || from.startsWith('./'), `${file}: ${statement}`).toBe(true);
      }
    }
  });
});
