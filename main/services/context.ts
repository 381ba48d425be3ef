import { randomUUID } from 'node:crypto';
import type { MutationArgs, MutationName } from '@common/mutators';
import type { SyncedEntity } from '@common/mutators/sql';
import type { Storage } from '../storage/storage';
import { DEFAULT_HALL_TIME_ZONE } from '@common/time/hall-time';
import { hallDay, type Clock } from './clock';
import type { EventBus } from './event-bus';

export interface ServiceContextDeps {
  storage: Storage;
  events: EventBus;
  clock: Clock;
  /** Called after every local mutation, so the sync client pushes promptly. */
  onMutation: () => void;
  /** The hall's time zone, for times people read (slips, messages); default Asia/Shanghai. */
  timeZone?: string;
}

/** What every service needs: storage, events, the clock, and a way to write a synced mutation. */
export class ServiceContext {
  readonly storage: Storage;
  readonly events: EventBus;
  readonly clock: Clock;
  readonly timeZone: string;
  private readonly onMutation: () => void;

  constructor(deps: ServiceContextDeps) {
    this.storage = deps.storage;
    this.events = deps.events;
    this.clock = deps.clock;
    this.timeZone = deps.timeZone ?? DEFAULT_HALL_TIME_ZONE;
    this.onMutation = deps.onMutation;
  }

  get hallId(): string {
    return this.storage.hallId;
  }
  get stationId(): string {
    return this.storage.stationId;
  }
  today(): string {
    return hallDay(this.clock.now());
  }
  nowIso(): string {
    return this.clock.now().toISOString();
  }
  newId(prefix: string): string {
    return `${prefix}-${randomUUID()}`;
  }

  async mutate<N extends MutationName>(
    name: N,
    args: MutationArgs<N>,
  ): Promise<{ entity: SyncedEntity; id: string }[]> {
    const { changed } = await this.storage.run('mutate', { name, args, now: this.nowIso() });
    this.onMutation();
    return changed;
  }

  /** A storage op wrote a mutation itself (e.g. issueTicket): let the sync client push promptly. */
  mutated(): void {
    this.onMutation();
  }

  async audit(actor: string | null, action: string, detail: Record<string, unknown>): Promise<void> {
    await this.mutate('audit.append', {
      id: this.newId('au'),
      at: this.nowIso(),
      stationId: this.stationId,
      actor,
      action,
      detail,
    });
  }
}
