import WebSocket from 'ws';
import type { StationApi } from '../../common/api/contract';
import type { WireMessage } from '../../common/api/wire';
import type { Result } from '../../common/result';

/** A Node client of the browser-mode WebSocket API, for tests (the renderer has its own). */
export async function connectWsApi(baseUrl: string, role: string, windowNo?: number): Promise<StationApi & { close(): void }> {
  const q = new URLSearchParams({ role, ...(windowNo ? { window: String(windowNo) } : {}) });
  const ws = new WebSocket(`${baseUrl.replace(/^http/, 'ws')}/api?${q}`);
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  let nextId = 1;
  const pending = new Map<number, (r: Result<unknown>) => void>();
  const listeners = new Map<string, Set<(p: unknown) => void>>();
  ws.on('message', (data) => {
    const m = JSON.parse(data.toString()) as WireMessage;
    if ('id' in m) pending.get(m.id)?.(m.result);
    else for (const l of listeners.get(m.event) ?? []) l(m.payload);
  });
  return {
    call: ((method: string, input: unknown) =>
      new Promise((resolve) => {
        const id = nextId++;
        pending.set(id, resolve as (r: Result<unknown>) => void);
        ws.send(JSON.stringify({ id, method, input }));
      })) as StationApi['call'],
    on: ((event: string, listener: (p: unknown) => void) => {
      if (!listeners.has(event)) listeners.set(event, new Set());
      listeners.get(event)!.add(listener);
      return () => listeners.get(event)!.delete(listener);
    }) as StationApi['on'],
    close: () => ws.close(),
  };
}
