/**
 * The calling display's announcement queue. Pure (no DOM): speech, chime and logging are injected,
 * so it is unit-tested in Node.
 *
 * Rules (Voice): announcements play strictly one after another — never overlapping, never
 * cut off: chime, then speech (awaited until it ends or fails), then the outcome is logged
 * (`display.logAnnouncement`) and the next one starts. Missing speech is not an error of the queue:
 * the announcement is logged `spoken: false` with the reason, and shown on screen either way.
 */
export interface Announcement {
  ticketId: string;
  text: string;
  /** Identifies one call event; a duplicate delivery of the same key is ignored. */
  key?: string;
}

export interface SpeakResult {
  spoken: boolean;
  error?: string;
}

export interface AnnouncementRecord {
  ticketId: string;
  text: string;
  spoken: boolean;
  error?: string;
  at: number;
}

export interface AnnouncerDeps {
  speak(text: string): Promise<SpeakResult>;
  chime?(): Promise<void>;
  /** Report the outcome (display.logAnnouncement). Not awaited: a slow host never stalls the voice. */
  log(entry: { ticketId: string; text: string; spoken: boolean; error?: string }): unknown;
  onStart?(announcement: Announcement): void;
  onRecord?(record: AnnouncementRecord): void;
  now?(): number;
  /**
   * The same text enqueued again within this many ms of the last time is dropped: two stations
   * relaying one call, or a double key press, should be heard once. Default 5000; 0 turns it off.
   */
  coalesceMs?: number;
}

export interface Announcer {
  enqueue(announcement: Announcement): boolean;
  /** Announcements waiting (not counting the one playing). */
  pending(): number;
  playing(): Announcement | null;
  /** Resolves when the queue is empty and nothing is playing. */
  idle(): Promise<void>;
  /** Drop what is queued; the one playing finishes. */
  clear(): void;
}

export const MAX_TEXT = 200;
export const MAX_ERROR = 500;
const SEEN_KEYS = 200;

const describe = (e: unknown): string => (e instanceof Error ? e.message : String(e));

export function createAnnouncer(deps: AnnouncerDeps): Announcer {
  const queue: Announcement[] = [];
  const seen: string[] = [];
  const waiters: (() => void)[] = [];
  let current: Announcement | null = null;
  let running = false;
  const now = deps.now ?? Date.now;
  const coalesceMs = deps.coalesceMs ?? 5000;
  const lastByText = new Map<string, number>();

  async function play(item: Announcement): Promise<void> {
    deps.onStart?.(item);
    if (deps.chime) {
      try {
        await deps.chime();
      } catch {
        /* a chime that fails is not worth reporting */
      }
    }
    let result: SpeakResult;
    try {
      result = await deps.speak(item.text);
    } catch (e) {
      result = { spoken: false, error: describe(e) };
    }
    const entry: { ticketId: string; text: string; spoken: boolean; error?: string } = {
      ticketId: item.ticketId,
      text: item.text.slice(0, MAX_TEXT),
      spoken: result.spoken,
    };
    if (result.error) entry.error = result.error.slice(0, MAX_ERROR);
    try {
      const r = deps.log(entry);
      if (r && typeof (r as Promise<unknown>).catch === 'function') (r as Promise<unknown>).catch(() => undefined);
    } catch {
      /* logging never stops the queue */
    }
    deps.onRecord?.({ ...entry, at: now() });
  }

  async function pump(): Promise<void> {
    if (running) return;
    running = true;
    try {
      while (queue.length > 0) {
        current = queue.shift() as Announcement;
        await play(current);
        current = null;
      }
    } finally {
      running = false;
      current = null;
      for (const w of waiters.splice(0)) w();
    }
  }

  return {
    enqueue(announcement) {
      if (!announcement.text.trim()) return false;
      const at = now();
      const last = lastByText.get(announcement.text);
      if (coalesceMs > 0 && last !== undefined && at - last < coalesceMs) return false;
      if (announcement.key !== undefined) {
        if (seen.includes(announcement.key)) return false;
        seen.push(announcement.key);
        if (seen.length > SEEN_KEYS) seen.shift();
      }
      lastByText.set(announcement.text, at);
      // Forget texts old enough never to coalesce again, so the map stays small on a busy day.
      if (lastByText.size > SEEN_KEYS)
        for (const [text, t] of lastByText) if (at - t >= coalesceMs) lastByText.delete(text);
      queue.push(announcement);
      void pump();
      return true;
    },
    pending: () => queue.length,
    playing: () => current,
    idle() {
      if (!running && queue.length === 0) return Promise.resolve();
      return new Promise((resolve) => waiters.push(resolve));
    },
    clear() {
      queue.length = 0;
    },
  };
}
