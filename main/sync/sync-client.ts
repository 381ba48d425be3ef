import { CoalescedCycle } from '@common/sync/coalesced-cycle';
import { isErrorKey, renderError } from '@common/errors';
import WebSocket from 'ws';
import type { SyncStatus } from '@common/api/schemas';
import {
  CentralErrorBody,
  EnrollResponse,
  MAX_PUSH_BATCH,
  MAX_PUSH_BYTES,
  Poke,
  PullResponse,
  PUSH_WINDOW_HEADER,
  PushResponse,
  SNAPSHOT_PAGE_PREFIX,
  SnapshotControlLine,
  STATION_REPORT_LINES,
  UNAUTHORIZED_CODES,
  type StationErrorLine,
} from '@common/sync/protocol';
import { ndjsonByteLines } from './ndjson-lines';
import { postJsonParts } from './post-json-parts';
import { CHECKSUM_PARAM } from '../../node/sync/checksum';
import { Lease, leaseSizing, NUMBER_PREFIXES } from '@common/sync/number-leases';
import { roleMayPush, StationRole } from '@common/sync/station-roles';
import { TicketIssued, type TicketIssueRequest } from '@common/sync/ticket-issue';
import { AppFailure } from '@common/result';
import type { AppliedChange } from '../storage/ops/sync';
import type { Storage } from '../storage/storage';
import type { PersonalDataCipher } from '../security/personal-data-cipher';
import { CentralError, type CentralAdmin } from '../services/ports/central-admin';
import { openToken, sealToken } from './token-seal';
import { centralTrust, type CentralTrust } from '../../node/sync/central-trust';

export interface SyncClientOptions {
  storage: Storage;
  centralUrl: string;
  /** This station's latest warnings and errors (its logger's), reported for the manager's station list. */
  recentErrors?: () => StationErrorLine[];
  onApplied(changes: AppliedChange[]): void;
  onStatus(status: SyncStatus): void;
  log?: (line: string) => void;
  pollMs?: number;
  /** A manager's enrollment code: used once, when this station has no credentials yet. */
  enrollCode?: string;
  /** After each acknowledged push batch, with the central's last applied mutation id (the bench times pushes by it). */
  onPushed?(lastMutationId: number): void;
  /** The hall's business day, for offline number leases. */
  today?: () => string;
  /** The station's key, to keep the sync token encrypted at rest (see token-seal.ts). */
  tokenCipher?: PersonalDataCipher;
  /** station.json `centralCaFile`: the hall CA the central's certificate must be issued by (docs/security.md "TLS"). */
  centralCaFile?: string;
  /** station.json `centralInsecureHttp`: allow an http:// central that is not on this PC. */
  insecureHttp?: boolean;
}

type AuthState = NonNullable<SyncStatus['auth']>;

/** A large hall's snapshot takes a while; a request still running after this is cut, and the next cycle resumes it. */
const SNAPSHOT_TIMEOUT_MS = 10 * 60_000;

/** Bytes of mutations per push request: under the central's MAX_PUSH_BYTES with room for the envelope. */
const PUSH_BATCH_BYTES = MAX_PUSH_BYTES - 64 * 1024;

/** A call on the central that has not answered after this is cut (the next cycle retries). */
const REQUEST_TIMEOUT_MS = 15_000;

/** More batches in flight than this gains nothing (the central applies one at a time) and holds their bodies in memory. */
const MAX_PUSH_WINDOW = 4;

/** An unchanged report of recent errors is sent again after this long. */
const REPORT_REFRESH_MS = 5 * 60_000;

const CLOSE_OBJECT = Buffer.from('}');
const PAGE_PREFIX_BYTES = Buffer.from(SNAPSHOT_PAGE_PREFIX);

/**
 * The station's sync loop: push the outbox, then pull until caught up. Runs on a local write,
 * on a poke from the central's WebSocket, and on a poll as the fallback. One cycle at a time.
 */
export class SyncClient implements CentralAdmin {
  private readonly cycles = new CoalescedCycle(() => this.cycle());
  private online = false;
  private reported = { key: '', at: 0 };
  private lastSyncAt: string | null = null;
  private lastError: string | null = null;
  private socket: WebSocket | null = null;
  private pollTimer: NodeJS.Timeout | null = null;
  private reconnectDelay = 500;
  private auth: AuthState = 'unenrolled';
  private token: string | null = null;
  private tokenPromise: Promise<string> | null = null;
  private role: StationRole | null = null;
  /** Push batches kept in flight: 1 until a central says (PUSH_WINDOW_HEADER) that it applies them in order. */
  private pushWindow = 1;

  /** The pinned hall CA, if any, for every connection to the central; refuses plain HTTP off this PC unless allowed. */
  private readonly trust: CentralTrust;

  constructor(private readonly o: SyncClientOptions) {
    this.trust = centralTrust(o.centralUrl, { caFile: o.centralCaFile, insecureHttp: o.insecureHttp }, (l) =>
      o.log?.(l),
    );
  }

  start(): void {
    // The notify socket needs the token: load (or enrol for) it first.
    void this.ensureToken()
      .catch(() => {})
      .then(() => this.connect());
    this.pollTimer = setInterval(() => this.trigger(), this.o.pollMs ?? 10_000);
    this.pollTimer.unref();
    this.trigger();
  }

  stop(): void {
    this.cycles.stop();
    if (this.pollTimer) clearInterval(this.pollTimer);
    this.socket?.terminate();
    this.trust.agent?.destroy();
    void this.trust.dispatcher?.close();
  }

  /** Ask for a cycle; coalesces with one already running. */
  trigger(): void {
    this.cycles.trigger();
  }

  /** Resolves when no cycle is running or queued (tests and shutdown await this, not a sleep). */
  idle(): Promise<void> {
    return this.cycles.idle();
  }

  async status(): Promise<SyncStatus> {
    const c = await this.o.storage.run('syncCounters');
    return {
      online: this.online,
      pending: c.pending,
      lastSyncAt: this.lastSyncAt,
      lastError: this.lastError,
      cursor: c.cursor,
      auth: this.auth,
      rejected: c.rejected,
      lastRejection: c.lastRejection,
    };
  }

  /** True while the last cycle reached the central: tickets then take the online series. */
  isOnline(): boolean {
    return this.online;
  }

  /**
   * Keep a block of offline numbers per prefix for today, so that issuing goes on without the hall's
   * authority: sized from this kiosk's own issuing rate and renewed well before it runs out. Only
   * stations whose role issues tickets lease; a spent day's series is no error.
   */
  private async topUpLeases(): Promise<void> {
    if (!this.o.today || !this.role || !roleMayPush(this.role, 'ticket.issue')) return;
    const day = this.o.today();
    const stock = await this.o.storage.run('leasedStock', { day });
    const since = new Date(Date.now() - 3_600_000).toISOString();
    const rate = await this.o.storage.run('issuedSince', { since });
    for (const prefix of NUMBER_PREFIXES) {
      const { size, lowWater } = leaseSizing(rate[prefix] ?? 0);
      if ((stock[prefix] ?? 0) >= lowWater) continue;
      try {
        const lease = Lease.parse(await this.request('POST', `${this.o.centralUrl}/v1/lease`, { day, prefix, size }));
        await this.o.storage.run('saveLease', { lease, now: new Date().toISOString() });
      } catch (e) {
        if (e instanceof CentralError && e.code === 'exhausted') continue;
        throw e;
      }
    }
  }

  /**
   * Tell the central this station's latest warnings and errors when they changed, and at least every
   * REPORT_REFRESH_MS (the central keeps them in memory only, so a restarted one learns them again).
   */
  private async reportRecentErrors(): Promise<void> {
    if (!this.o.recentErrors) return;
    const lines = this.o
      .recentErrors()
      .slice(-STATION_REPORT_LINES)
      .map((l) => ({ time: l.time, level: l.level, message: l.message.slice(0, 500) }));
    const key = `${lines.length}|${lines.at(-1)?.time ?? ''}|${lines.at(-1)?.message ?? ''}`;
    if (key === this.reported.key && Date.now() - this.reported.at < REPORT_REFRESH_MS) return;
    await this.request('POST', `${this.o.centralUrl}/v1/station/report`, { recentErrors: lines });
    this.reported = { key, at: Date.now() };
  }

  /**
   * After its day, give back what a lease did not use, so the hall's ledger tells numbers never printed
   * from numbers printed offline. Runs after the push, so the central already holds every ticket this
   * kiosk printed from it (and refuses a return over one).
   */
  private async returnSpentLeases(): Promise<void> {
    if (!this.o.today) return;
    for (const lease of await this.o.storage.run('spentLeases', { today: this.o.today() })) {
      try {
        await this.request('POST', `${this.o.centralUrl}/v1/lease/return`, lease);
      } catch (e) {
        // Refused (the ledger disagrees, e.g. after a restore): said once, never retried, never a reason to stop syncing.
        if (!(e instanceof CentralError && e.status >= 400 && e.status < 500)) throw e;
        this.o.log?.(`central refused the return of lease ${lease.day} ${lease.prefix}${lease.first}: ${e.message}`);
      }
      await this.o.storage.run('leaseReturned', lease);
    }
  }

  /**
   * Ask the hall's authority (this station's central or relay) to number and record a ticket, in one
   * round trip. Null when it cannot answer within `timeoutMs` (or this station is not enrolled yet): the
   * kiosk then issues from its lease. A refusal by the hall's rules (cap reached, outside hours) is the
   * customer's answer and is thrown. The request is idempotent by the ticket's id, so an answer that
   * comes too late costs nothing but an unused online number (the push then carries the leased one).
   */
  async issueTicket(req: TicketIssueRequest, timeoutMs: number): Promise<TicketIssued | null> {
    if (!this.token) return null;
    try {
      return TicketIssued.parse(
        await this.request('POST', `${this.o.centralUrl}/v1/tickets/issue`, req, true, timeoutMs),
      );
    } catch (e) {
      const refusedByRule =
        e instanceof CentralError &&
        (e.status === 400 || e.status === 409) &&
        e.key !== undefined &&
        // The central may not have the booking yet (still in this station's outbox): the lease issues it.
        !e.key.startsWith('queue.appointment');
      if (!refusedByRule) return null;
      throw AppFailure.fromError({
        code: e.status === 400 ? 'validation' : 'conflict',
        message: e.message,
        key: e.key,
        params: e.params ?? {},
        field: 'businessType',
      });
    }
  }

  /** A call on the central's station administration (manager stations only), as this station. */
  async admin(method: 'GET' | 'POST', path: string, body?: unknown): Promise<unknown> {
    await this.ensureToken();
    return this.request(method, `${this.o.centralUrl}${path}`, body);
  }

  /** This station's token, enrolling with the configured code on first use (one attempt at a time). */
  private ensureToken(): Promise<string> {
    if (this.token) return Promise.resolve(this.token);
    this.tokenPromise ??= this.loadOrEnroll().finally(() => {
      this.tokenPromise = null;
    });
    return this.tokenPromise;
  }

  private async loadOrEnroll(): Promise<string> {
    const { storage } = this.o;
    const saved = await storage.run('syncCredentials');
    if (saved) {
      const token = await this.openSavedToken(saved);
      this.token = token;
      this.role = StationRole.safeParse(saved.role).data ?? null;
      if (this.auth === 'unenrolled') this.auth = 'ok';
      return token;
    }
    if (!this.o.enrollCode)
      throw new CentralError(
        401,
        'unenrolled',
        `${renderError('sync.notEnrolled')} (start the station with --enroll CODE)`,
        {
          key: 'sync.notEnrolled',
        },
      );
    const enrolled = EnrollResponse.parse(
      await this.request(
        'POST',
        `${this.o.centralUrl}/v1/enroll`,
        { code: this.o.enrollCode, clientId: storage.stationId },
        false,
      ),
    );
    if (enrolled.hallId !== storage.hallId)
      throw new CentralError(
        403,
        'wrong_hall',
        `enrollment code is for hall ${enrolled.hallId}, this station is of ${storage.hallId}`,
        { key: 'sync.enrollCodeOtherHall', params: { codeHall: enrolled.hallId, stationHall: storage.hallId } },
      );
    await storage.run('saveSyncCredentials', { token: this.sealForDisk(enrolled.token), role: enrolled.role });
    this.o.log?.(`station ${storage.stationId} enrolled as ${enrolled.role}`);
    this.token = enrolled.token;
    this.role = enrolled.role;
    this.auth = 'ok';
    this.socket?.terminate(); // reconnect the notify socket with the token
    return enrolled.token;
  }

  private sealForDisk(token: string): string {
    return this.o.tokenCipher ? sealToken(this.o.tokenCipher, token) : token;
  }

  /** A token saved before sealing existed is sealed now, on first use. */
  private async openSavedToken(saved: { token: string; role: string }): Promise<string> {
    if (!this.o.tokenCipher) return saved.token;
    const { token, legacy } = openToken(this.o.tokenCipher, saved.token);
    if (legacy)
      await this.o.storage.run('saveSyncCredentials', {
        token: sealToken(this.o.tokenCipher, token),
        role: saved.role,
      });
    return token;
  }

  private async cycle(): Promise<void> {
    const { storage } = this.o;
    try {
      await this.ensureToken();
      // The next batch is read from the outbox while the central applies this one (the station's
      // worker and the central run on different cores). Batches go out as the outbox's JSON text.
      const read = (after: number) =>
        storage.run('outboxBatch', { limit: MAX_PUSH_BATCH, maxBytes: PUSH_BATCH_BYTES, after });
      // Up to `pushWindow` batches in flight (once the central said it keeps them in order), so the
      // central never waits while this station reads, sends and acknowledges. Answers are taken in order.
      const inFlight: { body: Uint8Array[]; answer: Promise<PushResponse>; behind: boolean }[] = [];
      const settleOldest = async () => {
        const { body, answer, behind } = inFlight.shift()!;
        // A batch sent behind another can still reach the central before that one was seen at all
        // (a gap, nothing applied): the batches before it are answered now, so it is sent again.
        const res = await answer.catch((e: unknown) => {
          if (behind && e instanceof CentralError && e.code === 'gap') return this.push(body);
          throw e;
        });
        if (res.rejected.length) {
          await storage.run('recordRejections', { rejected: res.rejected, now: new Date().toISOString() });
          this.o.log?.(
            `central rejected ${res.rejected.length} mutation(s): ${res.rejected.map((r) => `${r.id} ${r.code} ${r.message}`).join('; ')}`,
          );
        }
        this.o.onPushed?.(res.lastMutationId);
      };
      try {
        let next: ReturnType<typeof read> | null = read(0);
        while (next) {
          const batch: Awaited<ReturnType<typeof read>> = await next;
          if (!batch.count) break;
          next = batch.more ? read(batch.lastId) : null;
          next?.catch(() => {}); // awaited on the next turn; a failure of this request must not leave it unhandled
          const body = [
            Buffer.from(
              `{"clientId":${JSON.stringify(storage.stationId)},"hallId":${JSON.stringify(storage.hallId)},"backlog":${batch.backlog},"mutations":`,
            ),
            batch.mutations,
            CLOSE_OBJECT,
          ];
          const answer = this.push(body);
          answer.catch(() => {}); // taken in order below
          inFlight.push({ body, answer, behind: inFlight.length > 0 });
          while (inFlight.length >= this.pushWindow) await settleOldest();
        }
        while (inFlight.length) await settleOldest();
      } finally {
        // A failed batch: the ones sent after it are answered (a gap, or a replay next cycle) before the cycle ends.
        await Promise.allSettled(inFlight.map((f) => f.answer));
      }
      // Acknowledged mutations leave the outbox only with the pull that covers them. One pull after
      // the whole push (not one per batch): the rebase of the still-pending ones then runs once,
      // instead of replaying a long offline outbox after every batch.
      await this.pullAll();
      this.auth = 'ok';
      await this.topUpLeases();
      await this.returnSpentLeases();
      await this.reportRecentErrors();
      this.setOnline(true, null);
    } catch (e) {
      if (e instanceof CentralError && e.code === 'unenrolled') this.auth = 'unenrolled';
      if (e instanceof CentralError && e.status === 401 && (UNAUTHORIZED_CODES as readonly string[]).includes(e.code)) {
        this.auth = e.code as AuthState;
        this.token = null; // read again: a re-enrollment may have stored a new one
      }
      this.setOnline(false, failureText(e));
    }
  }

  private async pullAll(): Promise<void> {
    const { storage } = this.o;
    // A new station (or one stopped mid-snapshot) starts from a snapshot, not a replay of history.
    const at = await storage.run('snapshotState');
    if (at.cursor === 0 || at.upto !== null) await this.snapshot(at);
    for (;;) {
      const { cursor, pending } = await storage.run('syncCounters');
      const q = new URLSearchParams({
        clientId: storage.stationId,
        hallId: storage.hallId,
        cursor: String(cursor),
        backlog: String(pending),
        [CHECKSUM_PARAM]: 'sha256',
      });
      const response = await this.pullFrom(q);
      if (response === 'cursor_too_old') {
        await this.snapshotAfterCompaction();
        continue;
      }
      const { applied } = await storage.run('applyPull', { response });
      if (applied.length) this.o.onApplied(applied);
      if (!response.more) return;
    }
  }

  private async pullFrom(q: URLSearchParams): Promise<PullResponse | 'cursor_too_old'> {
    try {
      return PullResponse.parse(await this.request('GET', `${this.o.centralUrl}/v1/pull?${q}`));
    } catch (e) {
      if (e instanceof CentralError && e.code === 'cursor_too_old') return 'cursor_too_old';
      throw e;
    }
  }

  /** The central compacted its log past our cursor: re-sync from a snapshot, keeping the outbox (see restartFromSnapshot). */
  private async snapshotAfterCompaction(): Promise<void> {
    const { pending } = await this.o.storage.run('restartFromSnapshot');
    this.o.log?.(
      `cursor older than the central's compaction horizon: re-syncing from a snapshot (${pending} pending mutation(s) kept)`,
    );
    await this.snapshot({ cursor: 0, upto: null });
  }

  /**
   * Stream the hall's snapshot and apply it page by page, each page with its checkpoint, reading
   * the next page only after the previous one is committed: memory stays at about one page.
   */
  private async snapshot(at: { cursor: number; upto: number | null }): Promise<void> {
    const { storage, centralUrl } = this.o;
    const q = new URLSearchParams({
      after: String(at.cursor),
      ...(at.upto !== null ? { upto: String(at.upto) } : {}),
      [CHECKSUM_PARAM]: 'sha256',
    });
    const res = await fetch(`${centralUrl}/v1/snapshot?${q}`, {
      ...this.fetchTrust(),
      headers: { authorization: `Bearer ${this.token}` },
      signal: AbortSignal.timeout(SNAPSHOT_TIMEOUT_MS),
    });
    if (!res.ok || !res.body) return void this.throwFor(res.status, await res.json().catch(() => null));
    let upto: number | null = null;
    let ended = false;
    let applied = 0;
    // One page in the storage worker while the next one is read off the stream: two pages in memory at most.
    let applying: Promise<void> = Promise.resolve();
    try {
      for await (const line of ndjsonByteLines(res.body)) {
        // Pages go to the storage worker as the bytes read: checked, decoded and parsed once, there.
        if (line.subarray(0, PAGE_PREFIX_BYTES.length).equals(PAGE_PREFIX_BYTES)) {
          if (upto === null) throw new Error('snapshot stream: page before head');
          const page = { upto, line };
          await applying;
          applying = storage.run('applySnapshotPage', page).then((r) => void (applied += r.applied));
          applying.catch(() => {}); // awaited before the next page or after the stream
          continue;
        }
        const control = SnapshotControlLine.parse(JSON.parse(line.toString('utf8')));
        if (control.type === 'head') upto = control.upto;
        else ended = true;
      }
    } finally {
      await applying.catch(() => {}); // a page still in the worker finishes (or fails) before the cycle goes on
    }
    await applying;
    // A snapshot replaces history rather than replaying it: screens refresh, nothing is announced.
    if (applied) this.o.onApplied([]);
    if (!ended) throw new Error('snapshot stream cut short: resuming from the last page on the next cycle');
  }

  private throwFor(status: number, json: unknown): never {
    const e = CentralErrorBody.safeParse(json);
    const code = e.success ? e.data.error.code : 'http';
    const message = e.success ? e.data.error.message : `HTTP ${status}`;
    const key = e.success ? e.data.error.key : undefined;
    throw new CentralError(
      status,
      code,
      status === 401 ? message : `central ${status} ${code}: ${message}`,
      e.success && isErrorKey(key) ? { key, params: e.data.error.params ?? {} } : undefined,
    );
  }

  /** A push batch, sent as its byte parts (never joined into one more copy). */
  private async push(parts: Uint8Array[]): Promise<PushResponse> {
    const res = await postJsonParts(
      `${this.o.centralUrl}/v1/push`,
      parts,
      this.token ? { authorization: `Bearer ${this.token}` } : {},
      REQUEST_TIMEOUT_MS,
      this.trust.agent,
    );
    return PushResponse.parse(this.answer(res.status, res.header(PUSH_WINDOW_HEADER), res.json));
  }

  private async request(
    method: 'GET' | 'POST',
    url: string,
    body?: unknown,
    authorized = true,
    timeoutMs = REQUEST_TIMEOUT_MS,
  ): Promise<unknown> {
    const headers: Record<string, string> = {};
    if (body) headers['content-type'] = 'application/json';
    if (authorized && this.token) headers.authorization = `Bearer ${this.token}`;
    // Bytes, not a string: fetch checks a string body for lone surrogates first.
    const res = await fetch(url, {
      ...this.fetchTrust(),
      method,
      headers,
      body: body ? Buffer.from(JSON.stringify(body), 'utf8') : undefined,
      signal: AbortSignal.timeout(timeoutMs),
    });
    return this.answer(
      res.status,
      res.headers.get(PUSH_WINDOW_HEADER),
      (await res.json().catch(() => null)) as unknown,
    );
  }

  /** Every answer of the central says how many push batches it keeps in order (none: an older central, one at a time). */
  private answer(status: number, pushWindow: string | null, json: unknown): unknown {
    const window = Number(pushWindow);
    this.pushWindow = Number.isInteger(window) && window >= 1 ? Math.min(window, MAX_PUSH_WINDOW) : 1;
    if (status < 200 || status > 299) this.throwFor(status, json);
    return json;
  }

  /** fetch()'s dispatcher for the pinned CA (undici's Agent, the dispatcher type Node's fetch takes). */
  private fetchTrust(): RequestInit {
    return this.trust.dispatcher ? ({ dispatcher: this.trust.dispatcher } as RequestInit) : {};
  }

  private setOnline(online: boolean, error: string | null): void {
    this.online = online;
    this.lastError = error;
    if (online) this.lastSyncAt = new Date().toISOString();
    void this.status().then(
      (s) => this.o.onStatus(s),
      () => {},
    );
  }

  private connect(): void {
    if (this.cycles.stopped) return;
    const wsUrl = `${this.o.centralUrl.replace(/^http/, 'ws')}/v1/notify`;
    // Without a token the central refuses the socket; the poll (and the first cycle's enrollment) go on.
    const ws = new WebSocket(wsUrl, {
      headers: this.token ? { authorization: `Bearer ${this.token}` } : {},
      ...(this.trust.agent ? { agent: this.trust.agent } : {}),
    });
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
      if (this.cycles.stopped) return;
      const t = setTimeout(() => this.connect(), this.reconnectDelay);
      t.unref();
      this.reconnectDelay = Math.min(this.reconnectDelay * 2, 30_000);
    });
  }
}

/**
 * What went wrong, for the sync status: fetch reports every network failure as "fetch failed" and
 * keeps the reason in `cause` — a certificate not issued by the pinned hall CA, a refused
 * connection — which is what the technician needs to read.
 */
function failureText(e: unknown): string {
  if (!(e instanceof Error)) return String(e);
  const cause = e.cause as { code?: unknown; message?: unknown } | undefined;
  if (!cause || typeof cause !== 'object') return e.message;
  const why = [cause.code, cause.message].filter((x): x is string => typeof x === 'string' && x.length > 0);
  return why.length ? `${e.message}: ${[...new Set(why)].join(' ')}` : e.message;
}
