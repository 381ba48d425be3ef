import { describe, expect, it, vi } from 'vitest';
import type { EventName } from '@common/api/contract';
import type { Role } from '@common/api/roles';
import { IPC_CALL_CHANNEL, IPC_EVENT_CHANNEL } from '@common/api/wire';
import { attachIpcAdapter, type IpcInvokeEventLike, type IpcMainLike } from '../../../main/api/ipc-adapter';
import type { CallerContext } from '../../../main/services/caller';
import { StationRouter, type EventListener, type Handlers } from '../../../main/api/router';
import { WindowRegistry } from '../../../main/electron/window-registry';
import { isAppUrl } from '../../../main/electron/app-url';
import { FakeWebContents, fakeEvent } from './fake-electron';

/** A real StationRouter whose every handler answers which context called it. */
function realRouter() {
  const listeners = new Set<EventListener>();
  const handlers = new Proxy({} as Handlers, {
    get: (_t, method) => (ctx: CallerContext) => ({ method, role: ctx.role, windowNo: ctx.windowNo }),
  });
  const router = new StationRouter(handlers, {
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  });
  const emit = (event: EventName, payload: unknown) => {
    for (const l of [...listeners]) (l as (e: string, p: unknown) => void)(event, payload);
  };
  return { router, emit, listeners };
}

function fakeIpcMain() {
  const handlers = new Map<string, (event: IpcInvokeEventLike, ...args: unknown[]) => unknown>();
  const ipcMain: IpcMainLike = {
    handle: (channel, listener) => void handlers.set(channel, listener as never),
    removeHandler: (channel) => void handlers.delete(channel),
  };
  const invoke = (sender: FakeWebContents, frame: unknown, method: unknown, input: unknown) =>
    handlers.get(IPC_CALL_CHANNEL)!(
      fakeEvent({ sender, senderFrame: frame }) as unknown as IpcInvokeEventLike,
      method,
      input,
    ) as Promise<unknown>;
  return { ipcMain, handlers, invoke };
}

function setup(role: Role = 'kiosk', windowNo: number | null = null) {
  const { router, emit, listeners } = realRouter();
  const ipc = fakeIpcMain();
  const registry = new WindowRegistry();
  const contents = new FakeWebContents();
  contents.mainFrame.url = 'app://hall/index.html#/kiosk';
  registry.register(contents.id, role, windowNo);
  const detach = attachIpcAdapter({
    ipcMain: ipc.ipcMain,
    router,
    contextFor: (sender) => registry.contextFor(sender.id),
    isTrustedUrl: isAppUrl,
    log: () => {},
  });
  return { router, emit, listeners, ipc, registry, contents, detach };
}

describe('IPC adapter', () => {
  it('passes the role and window number from the registry, not from the payload', async () => {
    const { ipc, contents } = setup('rate', 3);
    const spy = vi.spyOn(StationRouter.prototype, 'call');
    const result = await ipc.invoke(contents, contents.mainFrame, 'rate.prompt', {});
    expect(result).toEqual({ ok: true, value: { method: 'rate.prompt', role: 'rate', windowNo: 3 } });
    expect(spy.mock.calls[0][0]).toMatchObject({ role: 'rate', windowNo: 3, connectionId: `ipc:${contents.id}` });
    spy.mockRestore();
  });

  it('a payload claiming another role changes nothing: the kiosk still may not call manager methods', async () => {
    const { ipc, contents } = setup('kiosk');
    const result = await ipc.invoke(contents, contents.mainFrame, 'manager.evaluations', {
      role: 'manager',
      windowNo: 1,
    });
    expect(result).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('keeps one context per window (the staff login lives on it)', () => {
    const { registry, contents } = setup('counter', 2);
    expect(registry.contextFor(contents.id)).toBe(registry.contextFor(contents.id));
  });

  it('refuses a call from a subframe with forbidden', async () => {
    const { ipc, contents } = setup();
    const spy = vi.spyOn(StationRouter.prototype, 'call');
    const result = await ipc.invoke(contents, contents.subframe('app://hall/index.html'), 'station.info', {});
    expect(result).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(spy).not.toHaveBeenCalled();
    spy.mockRestore();
  });

  it('refuses a call without a sender frame (navigated or destroyed)', async () => {
    const { ipc, contents } = setup();
    expect(await ipc.invoke(contents, null, 'station.info', {})).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
  });

  it.each([
    'https://evil.example/',
    'file:///tmp/x.html',
    'app://other/index.html',
    'about:blank',
    'data:text/html,hi',
  ])('refuses a call from a top frame at %s', async (url) => {
    const { ipc, contents } = setup();
    contents.mainFrame.url = url;
    expect(await ipc.invoke(contents, contents.mainFrame, 'station.info', {})).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
  });

  it('refuses a webContents that is not a registered window', async () => {
    const { ipc } = setup();
    const stranger = new FakeWebContents();
    stranger.mainFrame.url = 'app://hall/index.html';
    expect(await ipc.invoke(stranger, stranger.mainFrame, 'station.info', {})).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
  });

  it('answers unknown and non-string methods with a Result', async () => {
    const { ipc, contents } = setup();
    expect(await ipc.invoke(contents, contents.mainFrame, 'nope', {})).toMatchObject({
      ok: false,
      error: { code: 'unknown_method' },
    });
    expect(await ipc.invoke(contents, contents.mainFrame, { toString: () => 'station.info' }, {})).toMatchObject({
      ok: false,
      error: { code: 'unknown_method' },
    });
  });

  it('forwards the events the role may receive to its window, payload as data', () => {
    const { emit, detach, contents } = setup('rate', 3);
    detach.watch(contents);
    emit('rating.requested', { windowNo: 3, ticketId: 't1' });
    emit('rating.requested', { windowNo: 4, ticketId: 't2' }); // another counter's
    emit('ticket.called', { ticketNo: 'A001' }); // not a rate event
    expect(contents.sent).toEqual([[IPC_EVENT_CHANNEL, 'rating.requested', { windowNo: 3, ticketId: 't1' }]]);
  });

  it('subscribes a window on its first call when not watched before, once', async () => {
    const { ipc, emit, contents, listeners } = setup('kiosk');
    await ipc.invoke(contents, contents.mainFrame, 'station.info', {});
    await ipc.invoke(contents, contents.mainFrame, 'queue.snapshot', {});
    expect(listeners.size).toBe(1);
    emit('queue.changed', { day: 'd' });
    expect(contents.sent).toHaveLength(1);
  });

  it('does not push events into a page that is not ours', () => {
    const { emit, detach, contents } = setup('kiosk');
    detach.watch(contents);
    contents.mainFrame.url = 'https://evil.example/';
    emit('queue.changed', { day: 'd' });
    expect(contents.sent).toEqual([]);
  });

  it('unsubscribes when the webContents is destroyed', () => {
    const { emit, detach, contents, listeners } = setup('kiosk');
    detach.watch(contents);
    expect(listeners.size).toBe(1);
    contents.destroy();
    expect(listeners.size).toBe(0);
    expect(() => emit('queue.changed', { day: 'd' })).not.toThrow();
  });

  it('detach removes the handler and every subscription', () => {
    const { ipc, detach, contents, listeners } = setup('kiosk');
    detach.watch(contents);
    detach();
    expect(ipc.handlers.has(IPC_CALL_CHANNEL)).toBe(false);
    expect(listeners.size).toBe(0);
  });

  it('turns an exception in the registry into an internal Result', async () => {
    const { router } = realRouter();
    const ipc = fakeIpcMain();
    attachIpcAdapter({
      ipcMain: ipc.ipcMain,
      router,
      contextFor: () => {
        throw new Error('registry broke');
      },
      log: () => {},
    });
    const contents = new FakeWebContents();
    contents.mainFrame.url = 'app://hall/index.html';
    expect(await ipc.invoke(contents, contents.mainFrame, 'station.info', {})).toMatchObject({
      ok: false,
      error: { code: 'internal' },
    });
  });
});
