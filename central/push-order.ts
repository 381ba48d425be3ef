import { HttpError } from './http-util';

/** How long a batch that arrived before its predecessor waits for it before it is refused as a gap. */
const PARKED_MS = 30_000;

interface Lane {
  /** Pushes of this station whose body is still arriving: one of them may be the batch a parked one follows. */
  reading: number;
  parked: { firstId: number; wake: () => void }[];
}

const isGap = (e: unknown): boolean => e instanceof HttpError && e.code === 'gap';

/**
 * Keeps one station's pipelined push batches in mutation-id order. A station with two batches in
 * flight sends them on two connections, and the second body can be read first. Applying it would
 * fail as a gap, changing nothing (a batch is one transaction). So it waits until another push of
 * the same station settles, and is applied again then. Only a push whose body is still being read
 * can be the missing batch, so a batch waits only while one is. The station gets a 409 `gap`
 * exactly as before when its predecessor never comes (refused, cut off, or never sent).
 */
export class PushOrder {
  private readonly lanes = new Map<string, Lane>();

  /** A push of `clientId` starts reading its body; `read()` when the body is in (or failed). */
  begin(clientId: string): { read(): void } {
    const lane = this.lane(clientId);
    lane.reading++;
    let done = false;
    return {
      read: () => {
        if (done) return;
        done = true;
        lane.reading--;
      },
    };
  }

  /**
   * Apply a batch whose first mutation id is `firstId`. A gap while another push of this station
   * is still arriving waits for the next push of the station to settle and tries again; every
   * settled push (applied or refused) wakes the waiting ones, lowest first id first.
   */
  async apply<T>(clientId: string, firstId: number, push: () => T): Promise<T> {
    const lane = this.lane(clientId);
    try {
      for (;;) {
        try {
          const out = push();
          return out;
        } catch (e) {
          if (!isGap(e) || lane.reading === 0) throw e;
        }
        if (!(await this.park(lane, firstId)))
          throw new HttpError(409, 'gap', 'sync.pushGap', { mutationId: firstId, seconds: PARKED_MS / 1000 });
      }
    } finally {
      this.settled(clientId, lane);
    }
  }

  /** A push that ended before it could be applied (bad body, too large, cut off) wakes the waiting ones too. */
  abandoned(clientId: string): void {
    const lane = this.lanes.get(clientId);
    if (lane) this.settled(clientId, lane);
  }

  private lane(clientId: string): Lane {
    let lane = this.lanes.get(clientId);
    if (!lane) this.lanes.set(clientId, (lane = { reading: 0, parked: [] }));
    return lane;
  }

  private park(lane: Lane, firstId: number): Promise<boolean> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        lane.parked = lane.parked.filter((p) => p !== entry);
        resolve(false);
      }, PARKED_MS);
      const entry = {
        firstId,
        wake: () => {
          clearTimeout(timer);
          resolve(true);
        },
      };
      lane.parked.push(entry);
    });
  }

  /** Wake every waiting batch of the lane in mutation-id order (their retries run in that order), and drop an idle lane. */
  private settled(clientId: string, lane: Lane): void {
    const woken = lane.parked.sort((a, b) => a.firstId - b.firstId);
    lane.parked = [];
    for (const p of woken) p.wake();
    if (lane.reading === 0 && woken.length === 0 && this.lanes.get(clientId) === lane) this.lanes.delete(clientId);
  }
}
