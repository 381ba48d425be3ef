import type { FrameLike, IpcInvokeEventLike, IpcMainLike, SenderLike } from '../../main/api/ipc-adapter';
import type { IpcRendererLike } from '../../preload/bridge';

type Handler = (event: IpcInvokeEventLike, ...args: unknown[]) => unknown;

/**
 * A fake ipcMain / ipcRenderer pair with Electron's semantics where they matter here: invoke
 * reaches the handler with the sender's webContents and frame; send reaches the renderer's
 * listeners with an event object first; arguments are structured-cloned across.
 */
export class FakeIpc {
  private readonly handlers = new Map<string, Handler>();
  private nextId = 1;

  readonly ipcMain: IpcMainLike = {
    handle: (channel, listener) => {
      if (this.handlers.has(channel)) throw new Error(`second handler for ${channel}`);
      this.handlers.set(channel, listener as Handler);
    },
    removeHandler: (channel) => {
      this.handlers.delete(channel);
    },
  };

  /** A renderer (one webContents) whose calls come from the given frame URL. */
  renderer(
    url = 'app://station/index.html',
    opts: { subframe?: boolean } = {},
  ): { ipcRenderer: IpcRendererLike; sender: SenderLike; destroy(): void } {
    const listeners = new Map<string, Set<(event: unknown, ...args: unknown[]) => void>>();
    const destroyedListeners: (() => void)[] = [];
    let destroyed = false;
    const mainFrame: FrameLike = { url, processId: 1, routingId: 1 };
    const sender: SenderLike = {
      id: this.nextId++,
      mainFrame,
      send: (channel, ...args) => {
        const cloned = structuredClone(args);
        for (const l of listeners.get(channel) ?? []) l({ sender: 'ipcRenderer-internals' }, ...cloned);
      },
      isDestroyed: () => destroyed,
      once: (_e, listener) => destroyedListeners.push(listener),
    };
    const frame: FrameLike = opts.subframe ? { url, processId: 1, routingId: 2 } : mainFrame;
    const ipcRenderer: IpcRendererLike = {
      invoke: async (channel, ...args) => {
        const h = this.handlers.get(channel);
        if (!h) throw new Error(`No handler registered for '${channel}'`);
        return structuredClone(await h({ sender, senderFrame: frame }, ...structuredClone(args)));
      },
      on: (channel, listener) => {
        if (!listeners.has(channel)) listeners.set(channel, new Set());
        listeners.get(channel)!.add(listener);
      },
      removeListener: (channel, listener) => listeners.get(channel)?.delete(listener as never),
    };
    return {
      ipcRenderer,
      sender,
      destroy: () => {
        destroyed = true;
        for (const l of destroyedListeners) l();
      },
    };
  }
}
