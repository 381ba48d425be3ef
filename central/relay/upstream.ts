import { CoalescedCycle } from '@common/sync/coalesced-cycle';
import { randomUUID } from 'node:crypto';
import { CentralErrorBody, EnrollResponse, PullResponse, PushResponse } from '@common/sync/protocol';
import { CHECKSUM_PARAM } from '../../node/sync/checksum';
import type { RelayLedger } from './relay-ledger';
import { centralTrust, type CentralTrust, type CentralTrustOptions } from '../../node/sync/central-trust';

/** The relay's batch to the province stays at 500 (the protocol allows 2,000): its mutations are not capped by bytes. */
const RELAY_PUSH_BATCH = 500;

export interface RelayOptions {
  /** The provincial central's base URL. */
  upstreamUrl: string;
  /** The hall this relay serves (its stations' hall, and its identity upstream). */
  hallId: string;
  /** An enrollment code from the provincial central for a `hall` station of this hall; used once. */
  enrollCode?: string;
  /** How often to sync upstream when nothing local asks for it (changes made at the province). */
  pollMs?: number;
  /** The CA the provincial central's certificate is pinned to, and whether plain HTTP off loopback is allowed. */
  trust?: CentralTrustOptions;
}

export interface RelayStatus {
  online: boolean;
  /** Station mutations applied here and not yet acknowledged by the provincial central. */
  pending: number;
  cursor: number;
  lastSyncAt: string | null;
  lastError: string | null;
}

/**
 * The relay's client to the provincial central: the same protocol a station speaks (enrol once,
 * push by mutation id, pull by version cursor). A WAN outage only makes a cycle fail: the hall's
 * stations keep syncing with the relay, whose outbox grows, and the next cycle that reaches the
 * province pushes it and pulls what changed there.
 */
export class RelayUpstream {
  private readonly cycles = new CoalescedCycle(() => this.cycle());
  private timer: NodeJS.Timeout | null = null;
  private online = false;
  private lastSyncAt: string | null = null;
  private lastError: string | null = null;

  constructor(
    private readonly ledger: RelayLedger,
    private readonly o: RelayOptions,
    /** Rows from the province changed the relay: poke the hall's stations. */
    private readonly onChanged: () => void,
    private readonly log: (line: string) => void,
  ) {
    this.pinned = centralTrust(o.upstreamUrl, o.trust ?? {}, log);
  }

  start(): void {
    this.timer = setInterval(() => this.trigger(), this.o.pollMs ?? 5_000);
    this.timer.unref();
    this.trigger();
  }

  stop(): void {
    this.cycles.stop();
    if (this.timer) clearInterval(this.timer);
    void this.pinned.dispatcher?.close();
  }

  trigger(): void {
    this.cycles.trigger();
  }

  /** Resolves when no upstream cycle is running or queued. */
  idle(): Promise<void> {
    return this.cycles.idle();
  }

  status(): RelayStatus {
    return {
      online: this.online,
      pending: this.ledger.backlog(this.o.hallId),
      cursor: Number(this.ledger.state('upstream_cursor') ?? 0),
      lastSyncAt: this.lastSyncAt,
      lastError: this.lastError,
    };
  }

  private async cycle(): Promise<void> {
    const { ledger, o } = this;
    try {
      const { clientId, token } = await this.credentials();
      for (;;) {
        const batch = ledger.pending(o.hallId, RELAY_PUSH_BATCH);
        if (!batch.length) break;
        const res = PushResponse.parse(
          await this.request('POST', '/v1/push', token, {
            clientId,
            hallId: o.hallId,
            mutations: batch,
            backlog: ledger.backlog(o.hallId),
          }),
        );
        if (res.rejected.length) {
          // The province decided otherwise: its rows win. Rows the relay skipped while these were
          // pending may never be sent again, so pull the hall again from the start.
          this.log(
            `relay: provincial central rejected ${res.rejected.map((r) => `${r.id} ${r.code}`).join(', ')}; re-pulling the hall`,
          );
          ledger.setState('upstream_cursor', '0');
        }
        ledger.acknowledged(o.hallId, res.lastMutationId);
        if (batch.length < RELAY_PUSH_BATCH) break;
      }
      let changed = 0;
      for (;;) {
        const cursor = ledger.state('upstream_cursor') ?? '0';
        let pulled: PullResponse;
        try {
          pulled = PullResponse.parse(
            await this.request(
              'GET',
              `/v1/pull?cursor=${cursor}&backlog=${ledger.backlog(o.hallId)}&${CHECKSUM_PARAM}=sha256`,
              token,
            ),
          );
        } catch (e) {
          // The province compacted its log past our cursor: its log from 0 still holds every entity's newest row.
          if (!(e instanceof Error && / 410 cursor_too_old/.test(e.message))) throw e;
          this.log(
            'relay: upstream cursor older than the provincial compaction horizon; re-pulling the hall from the start',
          );
          ledger.setState('upstream_cursor', '0');
          continue;
        }
        changed += ledger.applyUpstream(o.hallId, pulled);
        if (!pulled.more) break;
      }
      if (changed) this.onChanged();
      this.online = true;
      this.lastError = null;
      this.lastSyncAt = new Date().toISOString();
    } catch (e) {
      if (!this.cycles.stopped && this.online)
        this.log(
          `relay: provincial central unreachable, the hall goes on locally: ${e instanceof Error ? e.message : String(e)}`,
        );
      this.online = false;
      this.lastError = e instanceof Error ? e.message : String(e);
    }
  }

  /** The relay's upstream identity, enrolling with the configured code the first time. */
  private async credentials(): Promise<{ clientId: string; token: string }> {
    const { ledger, o } = this;
    const token = ledger.state('upstream_token');
    const clientId = ledger.state('upstream_client_id');
    if (token && clientId) return { clientId, token };
    if (!o.enrollCode)
      throw new Error(
        '中继尚未在省级中心注册 (relay not enrolled upstream: start it with --relay-code CODE from the provincial central)',
      );
    const id = clientId ?? `relay-${o.hallId}-${randomUUID()}`;
    ledger.setState('upstream_client_id', id);
    const enrolled = EnrollResponse.parse(
      await this.request('POST', '/v1/enroll', null, { code: o.enrollCode, clientId: id }),
    );
    if (enrolled.hallId !== o.hallId)
      throw new Error(`the provincial enrollment code is for hall ${enrolled.hallId}, this relay serves ${o.hallId}`);
    if (enrolled.role !== 'hall')
      throw new Error(`a relay must enrol upstream as a hall station, not ${enrolled.role}`);
    ledger.setState('upstream_token', enrolled.token);
    this.log(`relay for ${o.hallId} enrolled at ${o.upstreamUrl} as ${id}`);
    return { clientId: id, token: enrolled.token };
  }

  private readonly pinned: CentralTrust;

  private async request(method: 'GET' | 'POST', path: string, token: string | null, body?: unknown): Promise<unknown> {
    const headers: Record<string, string> = {};
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (token) headers.authorization = `Bearer ${token}`;
    const res = await fetch(`${this.o.upstreamUrl}${path}`, {
      ...(this.pinned.dispatcher ? ({ dispatcher: this.pinned.dispatcher } as RequestInit) : {}),
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(15_000),
    });
    const json: unknown = await res.json().catch(() => null);
    if (!res.ok) {
      const e = CentralErrorBody.safeParse(json);
      throw new Error(
        `provincial central ${res.status} ${e.success ? `${e.data.error.code}: ${e.data.error.message}` : ''}`,
      );
    }
    return json;
  }
}
