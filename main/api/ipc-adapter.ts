import { IPC_CALL_CHANNEL, IPC_EVENT_CHANNEL } from '@common/api/wire';
import { err, type Result } from '@common/result';
import type { CallerContext } from '../services/caller';
import type { StationRouter } from './router';

/*
 * The Electron IPC adapter of the station API. It never imports electron: these structural
 * types are the few members of Electron's `ipcMain`, `WebContents` and `WebFrameMain` it uses,
 * so it compiles and is unit-tested without the Electron binary (and the real objects fit them).
 */

/** The part of Electron's `WebFrameMain` the sender check reads. */
export interface FrameLike {
  readonly url: string;
  readonly processId?: number;
  readonly routingId?: number;
}

/** The part of Electron's `WebContents` the adapter uses. */
export interface SenderLike {
  readonly id: number;
  readonly mainFrame: FrameLike;
  send(channel: string, ...args: unknown[]): void;
  isDestroyed(): boolean;
  once(event: 'destroyed', listener: () => void): unknown;
}

/** The part of Electron's `IpcMainInvokeEvent` the adapter uses. */
export interface IpcInvokeEventLike {
  readonly sender: SenderLike;
  readonly senderFrame: FrameLike | null;
}

/** The part of Electron's `ipcMain` the adapter uses. */
export interface IpcMainLike {
  handle(
    channel: string,
    listener: (event: IpcInvokeEventLike, ...args: unknown[]) => Promise<unknown> | unknown,
  ): void;
  removeHandler(channel: string): void;
}

export interface IpcAdapterOptions {
  ipcMain: IpcMainLike;
  router: Pick<StationRouter, 'call' | 'subscribe'>;
  /**
   * The caller's context from the window registry (keyed by the sender's webContents), or null
   * for a webContents that is not one of our windows. Return the SAME object for every call of a
   * window: the router keeps the staff login on it. Never derived from the payload.
   */
  contextFor(sender: SenderLike, frame: FrameLike | null): CallerContext | null;
  /** Which page URLs may call; defaults to any `app://` URL. main.ts passes the exact origin check. */
  isTrustedUrl?: (url: string) => boolean;
  log?: (line: string) => void;
}

/** Detaches the adapter: removes the handler and every event subscription. */
export interface IpcAdapterHandle {
  (): void;
  /** Starts forwarding router events to a registered window now, before its first call. */
  watch(sender: SenderLike): void;
}

const defaultTrustedUrl = (url: string): boolean => url.startsWith('app://');

/** The sender must be the top frame of its window: an iframe (even a same-origin one) may not call. */
export function isTopFrame(sender: SenderLike, frame: FrameLike | null): frame is FrameLike {
  if (!frame) return false;
  const main = sender.mainFrame;
  if (frame === main) return true;
  // WebFrameMain objects are cached per frame, so identity is the normal case; compare the frame's
  // (process, routing) id as well in case a wrapper was recreated.
  return (
    typeof frame.processId === 'number' &&
    typeof frame.routingId === 'number' &&
    frame.processId === main.processId &&
    frame.routingId === main.routingId
  );
}

export function attachIpcAdapter(options: IpcAdapterOptions): IpcAdapterHandle {
  const { ipcMain, router, contextFor } = options;
  const isTrustedUrl = options.isTrustedUrl ?? defaultTrustedUrl;
  const log = options.log ?? ((line: string) => console.warn(line));
  const subscriptions = new Map<number, () => void>();
  let detached = false;

  // Why is for the log: the page that called is not ours, or not where it should be.
  const forbidden = (why: string): Result<never> => {
    log(`ipc: call refused: ${why}`);
    return err('forbidden', 'access.screenNotAllowed');
  };

  function watch(sender: SenderLike): void {
    if (detached || subscriptions.has(sender.id) || sender.isDestroyed()) return;
    const ctx = contextFor(sender, sender.mainFrame);
    if (!ctx) return;
    const id = sender.id;
    const unsubscribe = router.subscribe(ctx, (event, payload) => {
      if (sender.isDestroyed()) {
        stop(id);
        return;
      }
      // Never push hall data into a page that is not ours (navigation is denied, but be sure).
      if (!isTrustedUrl(sender.mainFrame.url)) return;
      try {
        sender.send(IPC_EVENT_CHANNEL, event, payload);
      } catch (e) {
        log(`ipc: could not forward ${event} to webContents ${id}: ${e instanceof Error ? e.message : String(e)}`);
      }
    });
    subscriptions.set(id, unsubscribe);
    sender.once('destroyed', () => {
      stop(id);
      // A closed window is logged out of this station (the counter's pad presence ends with it).
      ctx.session = null;
    });
  }

  function stop(id: number): void {
    const unsubscribe = subscriptions.get(id);
    if (!unsubscribe) return;
    subscriptions.delete(id);
    unsubscribe();
  }

  ipcMain.handle(
    IPC_CALL_CHANNEL,
    async (event: IpcInvokeEventLike, method: unknown, input: unknown): Promise<Result<unknown>> => {
      try {
        const { sender, senderFrame } = event;
        if (!isTopFrame(sender, senderFrame)) return forbidden('only the top frame of a station window may call');
        if (!isTrustedUrl(senderFrame.url)) return forbidden('the calling page is not the station app');
        const ctx = contextFor(sender, senderFrame);
        if (!ctx) return forbidden('the calling window is not registered');
        if (typeof method !== 'string') return err('unknown_method', 'station.unknownMethod');
        watch(sender);
        return await router.call(ctx, method, input);
      } catch (e) {
        log(`ipc: internal error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
        return err('internal', 'station.internal');
      }
    },
  );

  const detach = (() => {
    if (detached) return;
    detached = true;
    ipcMain.removeHandler(IPC_CALL_CHANNEL);
    for (const id of [...subscriptions.keys()]) stop(id);
  }) as IpcAdapterHandle;
  detach.watch = watch;
  return detach;
}
