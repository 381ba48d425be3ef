import WebSocket from 'ws';
import type { Role } from '@common/api/roles';
import { createWsClient, type SocketFactory } from '../../renderer/api/ws-client';
import type { StationClient } from '../../renderer/api/types';

/** The renderer's own WebSocket client, over Node's `ws`: tests use what the browser uses. */
const nodeSocket: SocketFactory = (url, handlers) => {
  const ws = new WebSocket(url);
  ws.on('open', () => handlers.onOpen());
  ws.on('close', (code, reason) => handlers.onClose(code, reason.toString()));
  ws.on('message', (data) => handlers.onMessage(data.toString()));
  ws.on('error', () => {}); // always followed by close
  return { send: (data) => ws.send(data), close: () => ws.close(1000, 'client closed') };
};

export function connectWsApi(baseUrl: string, role: Role, windowNo?: number): StationClient {
  const query = new URLSearchParams({ role, ...(windowNo ? { window: String(windowNo) } : {}) });
  return createWsClient({
    url: `${baseUrl.replace(/^http/, 'ws')}/api?${query}`,
    role,
    windowNo: windowNo ?? null,
    createSocket: nodeSocket,
  });
}
