import type { EventName, EventPayload } from '@common/api/contract';
import type { EventSource } from '../../main/api/router';

/** Resolve on the first event of a kind that matches; tests await this instead of sleeping. */
export function nextEvent<E extends EventName>(
  source: EventSource,
  event: E,
  match: (p: EventPayload<E>) => boolean = () => true,
  timeoutMs = 10_000,
): Promise<EventPayload<E>> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      off();
      reject(new Error(`timed out waiting for ${event}`));
    }, timeoutMs);
    const off = source.subscribe((name: EventName, payload: unknown) => {
      if (name !== event || !match(payload as EventPayload<E>)) return;
      clearTimeout(timer);
      off();
      resolve(payload as EventPayload<E>);
    });
  });
}
