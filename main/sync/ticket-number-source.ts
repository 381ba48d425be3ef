import { AppFailure } from '@common/result';
import type { NumberPolicy } from '../storage/ops/issue-ticket';
import type { Storage } from '../storage/storage';
import type { TicketNumberSource } from '../services/ports/ticket-numbers';

export class OnlineNumberSource implements TicketNumberSource {
  constructor(private readonly storage: Storage) {}
  next(day: string, prefix: string): Promise<string> {
    return this.storage.run('nextTicketNumber', { day, prefix });
  }
  policy(): NumberPolicy {
    return 'online';
  }
}

export class LeasedNumberSource implements TicketNumberSource {
  constructor(private readonly storage: Storage) {}
  async next(day: string, prefix: string): Promise<string> {
    const n = await this.storage.run('takeLeasedNumber', { day, prefix });
    if (!n) throw new AppFailure('unavailable', 'queue.offlineNumbersUsedUp');
    return n;
  }
  policy(): NumberPolicy {
    return 'lease-only';
  }
}

/**
 * Online while the central is reachable, from the lease otherwise. With no lease left (a kiosk
 * that has never been online today) it falls back to the online series: the central renumbers
 * such a ticket on a collision, as before leases existed.
 */
export class HallNumberSource implements TicketNumberSource {
  private readonly online: OnlineNumberSource;
  private readonly leased: LeasedNumberSource;

  constructor(
    storage: Storage,
    private readonly isOnline: () => boolean,
  ) {
    this.online = new OnlineNumberSource(storage);
    this.leased = new LeasedNumberSource(storage);
  }

  async next(day: string, prefix: string): Promise<string> {
    if (this.isOnline()) return this.online.next(day, prefix);
    try {
      return await this.leased.next(day, prefix);
    } catch (e) {
      if (e instanceof AppFailure && e.code === 'unavailable') return this.online.next(day, prefix);
      throw e;
    }
  }

  policy(): NumberPolicy {
    return this.isOnline() ? 'online' : 'lease-first';
  }
}
