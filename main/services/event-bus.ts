import { EventEmitter } from 'node:events';
import type { EventName, EventPayload } from '@common/api/contract';

export type EventListener = <E extends EventName>(event: E, payload: EventPayload<E>) => void;

/** Where the router subscribes its callers to station events. */
export interface EventSource {
  subscribe(listener: EventListener): () => void;
}

/** In-process fan-out of station events to every adapter's subscribers. */
export class EventBus implements EventSource {
  private readonly emitter = new EventEmitter().setMaxListeners(0);

  emit<E extends EventName>(event: E, payload: EventPayload<E>): void {
    this.emitter.emit('event', event, payload);
  }

  subscribe(listener: EventListener): () => void {
    this.emitter.on('event', listener);
    return () => this.emitter.off('event', listener);
  }
}
