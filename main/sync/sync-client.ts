import WebSocket from 'ws';
import type { SyncStatus } from '../../common/api/schemas';
import { MAX_PUSH_BATCH, Poke, PullResponse, PushResponse } from '../../common/sync/protocol';
import type { AppliedChange } from '../storage/ops/sync';
import type { Storage } from '../storage/storage';

export interface SyncClientOptions {
  storage: Storage;
  centralUrl: string;
  onApplied(changes: AppliedChange[]): void;
  onStatus(status: SyncStatus): void;
  log?: (line: string) => void;
  pollMs?: number;
}

/**
 * The station's sync loop: push the outbox, then pull until caught up. Runs on a local write,
 * on a poke from the central's WebSocket, and on a poll as the fallback. One cycle at a time.
 */
export class SyncClient {
  private running = false;
  private again = false;
  private stopped = false;
  private online = false;
  private lastSyncAt: string | null = null;
  private lastError: string | null = null;
  private socket: WebSocket | null = null;
  private pollTimer: NodeJS.Timeout | null = null;
  private reconnectDelay = 500;
  private idleWaiters: (() => void)[] = [];

  constructor(private readonly o: SyncClientOptions) {}

  start(): void {
    this.connect();
    this.pollTimer = setInterval(() => this.trigger(), this.o.pollMs ?? 10_000);
    this.pollTimer.unref();
    this.trigger();
  }

  stop(): void {
    this.stopped = true;
    if (this.pollTimer) clearInterval(this.pollTimer);
    this.socket?.terminate();
  }

  /** Ask for a cycle; coalesces with one already running. */
  trigger(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    void this.loop();
  }

  /** Resolves when no cycle is running or queued (tests and shutdown await this, not a sleep). */
  idle(): Promise<void> {
    if (!this.running) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  async status(): Promise<SyncStatus> {
    const c = await this.o.storage.run('syncCounters');
    return { online: this.online, pending: c.pending, lastSyncAt: this.lastSyncAt, lastError: this.lastError, cursor: c.cursor };
  }

  private async loop(): Promise<void> {
    this.running = true;
    try {
      do {
        this.again = false;
        await this.cycle();
      } while (this.again && !this.stopped);
    } finally {
      this.running = false;
      for (const w of this.idleWaiters.splice(0)) w();
    }
  }

  private async cycle(): Promise<void> {
    const { storage, centralUrl } = this.o;
    try {
      for (;;) {
        const batch = await storage.run('outbox', { limit: MAX_PUSH_BATCH });
        if (!batch.length) break;
        const res = PushResponse.parse(await this.request('POST', `${centralUrl}/v1/push`, { clientId: storage.stationId, hallId: storage.hallId, mutations: batch }));
        if (res.rejected.length) {
          await storage.run('recordRejections', { rejected: res.rejected, now: new Date().toISOString() });
          this.o.log?.(`central rejected ${res.rejected.length} mutation(s): ${res.rejected.map((r) => `${r.id} ${r.code} ${r.message}`).join('; ')}`);
        }
        // Acknowledged mutations leave the outbox only with the pull that covers them.
        await this.pullAll();
        if (batch.length < MAX_PUSH_BATCH) break;
      }
      await this.pullAll();
      this.setOnline(true, null);
    } catch (e) {
      this.setOnline(false, e instanceof Error ? e.message : String(e));
    }
  }

  private async pullAll(): Promise<void> {
    const { storage, centralUrl } = this.o;
    for (;;) {
      const { cursor } = await storage.run('syncCounters');
      const q = new URLSearchParams({ clientId: storage.stationId, hallId: storage.hallId, cursor: String(cursor) });
      const response = PullResponse.parse(await this.request('GET', `${centralUrl}/v1/pull?${q}`));
      const { applied } = await storage.run('applyPull', { response });
      if (applied.length) this.o.onApplied(applied);
      if (!response.more) return;
    }
  }

  private async request(method: 'GET' | 'POST', url: string, body?: unknown): Promise<unknown> {
    const res = await fetch(url, {
      method,
      headers: body ? { 'content-type': 'application/json' } : undefined,
      body: body ? JSON.stringify(body) : undefined,
      signal: AbortSignal.timeout(15_000),
    });
    const json = (await res.json()) as { error?: { code: string; message: string } };
    if (!res.ok) throw new Error(`central ${res.status} ${json.error?.code ?? ''}: ${json.error?.message ?? ''}`);
    return json;
  }

  private setOnline(online: boolean, error: string | null): void {
    this.online = online;
    this.lastError = error;
    if (online) this.lastSyncAt = new Date().toISOString();
    void this.status().then((s) => this.o.onStatus(s), () => {});
  }

  private connect(): void {
    if (this.stopped) return;
    const wsUrl = `${this.o.centralUrl.replace(/^http/, 'ws')}/v1/notify?hallId=${encodeURIComponent(this.o.storage.hallId)}`;
    const ws = new WebSocket(wsUrl);
    this.socket = ws;
    ws.on('open', () => {
      this.reconnectDelay = 500;
    });
    ws.on('message', (data) => {
      // Only a well-formed poke triggers a pull; anything else on the socket is ignored.
      let parsed: unknown;
      try {
        parsed = JSON.parse(data.toString());
      } catch {
        return;
      }
      if (Poke.safeParse(parsed).success) this.trigger();
    });
    ws.on('error', () => {});
    ws.on('close', () => {
      if (this.stopped) return;
      const t = setTimeout(() => this.connect(), this.reconnectDelay);
      t.unref();
      this.reconnectDelay = Math.min(this.reconnectDelay * 2, 30_000);
    });
  }
}
