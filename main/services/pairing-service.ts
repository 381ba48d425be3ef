import type { PairedDevice, PairingAsk, PendingPairing } from '@common/api/features/pairing';
import type { Role } from '@common/api/roles';
import { AppFailure } from '@common/result';
import { hashDeviceToken, isDeviceToken, newDeviceToken, newPairingCode } from '../security/device-token';
import type { PairedDeviceRow } from '../storage/ops/paired-devices';
import { signedIn, type CallerContext } from './caller';
import type { ServiceContext } from './context';
import { RateLimiter } from '../../node/limits/fixed-window';

/** What a connection is, once its credential checks out. */
export interface DeviceBinding {
  deviceId: string;
  role: Role;
  windowNo: number | null;
}

/** The pairing socket's side of a request: told once, approved (with the credential) or ended. */
export interface PairingWaiter {
  approved(credential: string, ask: PairingAsk): void;
  ended(why: 'denied' | 'expired'): void;
}

export interface PairingServiceDeps {
  ctx: ServiceContext;
  /** How long a screen's code stays valid. */
  codeTtlMs?: number;
  /** Pairing requests per source address and minute. */
  requestsPerMinute?: number;
  /** At most this many screens wait at once (the approval list stays readable). */
  maxPending?: number;
}

interface Pending {
  requestId: string;
  code: string;
  ask: PairingAsk;
  source: string;
  requestedAt: number;
  expiresAt: number;
  waiter: PairingWaiter;
  timer: NodeJS.Timeout;
}

export const PAIRING_CODE_TTL_MS = 10 * 60_000;

/** Roles of which a window has exactly one live screen: pairing a new one replaces the old. */
const ONE_PER_WINDOW: readonly Role[] = ['rate'];

const toView = (row: PairedDeviceRow): PairedDevice => ({ deviceId: row.id, ...row });

/**
 * Pairing browser screens with the station. A request lives in memory while its screen waits (the
 * pairing socket); approving it by its code issues a random credential whose SHA-256 is stored,
 * bound to the role and window asked for. Every approval, denial and revocation is audited.
 */
export class PairingService {
  readonly #ctx: ServiceContext;
  readonly #ttlMs: number;
  readonly #maxPending: number;
  readonly #limiter: RateLimiter;
  readonly #pending = new Map<string, Pending>();
  readonly #revokedListeners = new Set<(deviceIds: readonly string[]) => void>();

  constructor(deps: PairingServiceDeps) {
    this.#ctx = deps.ctx;
    this.#ttlMs = deps.codeTtlMs ?? PAIRING_CODE_TTL_MS;
    this.#maxPending = deps.maxPending ?? 20;
    this.#limiter = new RateLimiter(deps.requestsPerMinute ?? 5, 60_000, () => this.#ctx.clock.now().getTime());
  }

  /**
   * A screen asks to pair. Returns its code, or null when this address asked too often or too many
   * screens already wait (the socket is closed with "too many requests").
   */
  request(
    ask: PairingAsk,
    source: string,
    waiter: PairingWaiter,
  ): { requestId: string; code: string; expiresAt: string } | null {
    if (this.#limiter.take(source) > 0 || this.#pending.size >= this.#maxPending) return null;
    const now = this.#ctx.clock.now().getTime();
    const requestId = this.#ctx.newId('pr');
    const code = newPairingCode(new Set([...this.#pending.values()].map((p) => p.code)));
    const timer = setTimeout(() => this.#end(requestId, 'expired'), this.#ttlMs);
    timer.unref();
    this.#pending.set(requestId, {
      requestId,
      code,
      ask,
      source,
      requestedAt: now,
      expiresAt: now + this.#ttlMs,
      waiter,
      timer,
    });
    this.#changed();
    return { requestId, code, expiresAt: new Date(now + this.#ttlMs).toISOString() };
  }

  /** The screen went away before a decision. */
  cancel(requestId: string): void {
    const p = this.#pending.get(requestId);
    if (!p) return;
    clearTimeout(p.timer);
    this.#pending.delete(requestId);
    this.#changed();
  }

  async pending(): Promise<PendingPairing[]> {
    const list: PendingPairing[] = [];
    for (const p of this.#pending.values()) {
      const replaces = ONE_PER_WINDOW.includes(p.ask.role)
        ? await this.#ctx.storage.run('liveBinding', { role: p.ask.role, windowNo: p.ask.windowNo })
        : null;
      list.push({
        requestId: p.requestId,
        role: p.ask.role,
        windowNo: p.ask.windowNo,
        source: p.source,
        requestedAt: new Date(p.requestedAt).toISOString(),
        expiresAt: new Date(p.expiresAt).toISOString(),
        replaces: replaces ? replaces.label : null,
      });
    }
    return list;
  }

  /** The approver typed the code the new screen shows: it gets its credential. */
  async approve(caller: CallerContext, input: { code: string; label?: string }): Promise<PairedDevice> {
    const approver = signedIn(caller).staff.staffNo;
    const p = [...this.#pending.values()].find((x) => x.code === input.code);
    if (!p) throw new AppFailure('not_found', 'pairing.codeUnknown', {}, 'code');
    clearTimeout(p.timer);
    this.#pending.delete(p.requestId);
    const token = newDeviceToken();
    const id = this.#ctx.newId('pd');
    const label = input.label?.trim() || defaultLabel(p.ask, p.source);
    const { revoked } = await this.#ctx.storage.run('addPairedDevice', {
      id,
      tokenHash: hashDeviceToken(token),
      role: p.ask.role,
      windowNo: p.ask.windowNo,
      label,
      at: this.#ctx.nowIso(),
      by: approver,
      from: p.source,
      replaceBinding: ONE_PER_WINDOW.includes(p.ask.role),
    });
    await this.#ctx.audit(approver, 'pairing.approve', {
      deviceId: id,
      role: p.ask.role,
      windowNo: p.ask.windowNo,
      source: p.source,
      replaced: revoked,
    });
    if (revoked.length) this.#revoked(revoked);
    p.waiter.approved(token, p.ask);
    this.#changed();
    const row = await this.#ctx.storage.run('pairedDeviceById', { id });
    if (!row) throw new Error(`paired device ${id} not stored`);
    return toView(row);
  }

  async deny(caller: CallerContext, input: { requestId: string }): Promise<Record<string, never>> {
    const approver = signedIn(caller).staff.staffNo;
    const p = this.#pending.get(input.requestId);
    if (!p) throw new AppFailure('not_found', 'pairing.requestGone', {}, 'requestId');
    await this.#ctx.audit(approver, 'pairing.deny', { role: p.ask.role, windowNo: p.ask.windowNo, source: p.source });
    this.#end(p.requestId, 'denied');
    return {};
  }

  async devices(): Promise<PairedDevice[]> {
    return (await this.#ctx.storage.run('pairedDevices')).map(toView);
  }

  async revoke(caller: CallerContext, input: { deviceId: string }): Promise<PairedDevice> {
    const by = signedIn(caller).staff.staffNo;
    const done = await this.#ctx.storage.run('revokePairedDevice', { id: input.deviceId, at: this.#ctx.nowIso(), by });
    const row = await this.#ctx.storage.run('pairedDeviceById', { id: input.deviceId });
    if (!row) throw new AppFailure('not_found', 'pairing.deviceNotFound', {}, 'deviceId');
    if (done) {
      await this.#ctx.audit(by, 'pairing.revoke', { deviceId: row.id, role: row.role, windowNo: row.windowNo });
      this.#revoked([row.id]);
      this.#changed();
    }
    return toView(row);
  }

  /** The binding of a presented credential (its use recorded), or null: unknown, revoked or malformed. */
  async authenticate(token: string, source: string): Promise<DeviceBinding | null> {
    if (!isDeviceToken(token)) return null;
    const row = await this.#ctx.storage.run('usePairedDevice', {
      tokenHash: hashDeviceToken(token),
      at: this.#ctx.nowIso(),
      source,
    });
    return row ? { deviceId: row.id, role: row.role, windowNo: row.windowNo } : null;
  }

  /** The adapter closes the sockets of revoked credentials at once. */
  onRevoked(listener: (deviceIds: readonly string[]) => void): () => void {
    this.#revokedListeners.add(listener);
    return () => this.#revokedListeners.delete(listener);
  }

  dispose(): void {
    for (const p of this.#pending.values()) clearTimeout(p.timer);
    this.#pending.clear();
  }

  #end(requestId: string, why: 'denied' | 'expired'): void {
    const p = this.#pending.get(requestId);
    if (!p) return;
    clearTimeout(p.timer);
    this.#pending.delete(requestId);
    p.waiter.ended(why);
    this.#changed();
  }

  #revoked(ids: readonly string[]): void {
    for (const l of [...this.#revokedListeners]) l(ids);
  }

  #changed(): void {
    this.#ctx.events.emit('pairing.changed', {});
  }
}

const ROLE_LABEL: Record<Role, string> = {
  kiosk: '取号机',
  counter: '柜台',
  rate: '评价屏',
  display: '叫号大屏',
  guide: '导办台',
  manager: '主任',
  devices: '设备管理',
};

function defaultLabel(ask: PairingAsk, source: string): string {
  return `${ROLE_LABEL[ask.role]}${ask.windowNo === null ? '' : ` ${ask.windowNo}号窗口`} (${source})`.slice(0, 40);
}
