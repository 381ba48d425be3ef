import {
  METHODS,
  type EventName,
  type EventPayload,
  type MethodInput,
  type MethodName,
  type MethodOutput,
  type MethodParsedInput,
} from '@common/api/contract';
import { validate } from '@common/api/validate';
import { AppFailure, err, ok, type Result } from '@common/result';
import { callRefusal, deliverable } from '../security/access-policy';
import type { CallerContext } from '../services/caller';
import type { EventListener, EventSource } from '../services/event-bus';

export type Handlers = {
  [M in MethodName]: (ctx: CallerContext, input: MethodParsedInput<M>) => Promise<MethodOutput<M>> | MethodOutput<M>;
};

export type { EventListener, EventSource };

/**
 * The one implementation of the station API that both adapters (IPC, WebSocket) call:
 * validates input by the contract, checks the role's capabilities and the staff login, then
 * dispatches. Every outcome is a Result; nothing thrown escapes.
 */
export class StationRouter {
  constructor(
    private readonly handlers: Handlers,
    private readonly events: EventSource,
    private readonly log: (line: string) => void = () => {},
  ) {}

  call<M extends MethodName>(ctx: CallerContext, method: M, input: MethodInput<M>): Promise<Result<MethodOutput<M>>>;
  call(ctx: CallerContext, method: string, input: unknown): Promise<Result<unknown>>;
  async call(ctx: CallerContext, method: string, input: unknown): Promise<Result<unknown>> {
    if (!Object.hasOwn(METHODS, method)) {
      this.log(`unknown method ${String(method).slice(0, 64)} from ${ctx.role}`);
      return err('unknown_method', 'station.unknownMethod');
    }
    const name = method as MethodName;
    const refusal = callRefusal(ctx, name);
    if (refusal) return refusal;
    const parsed = validate(METHODS[name].input, input ?? {});
    if (!parsed.ok) return parsed;
    try {
      const handler = this.handlers[name] as (c: CallerContext, i: unknown) => Promise<unknown> | unknown;
      return ok(await handler(ctx, parsed.value));
    } catch (e) {
      if (e instanceof AppFailure) return { ok: false, error: e.toError() };
      this.log(`internal error in ${name}: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
      return err('internal', 'station.internal');
    }
  }

  /**
   * Events this session may see (access-policy: role, login, window, place), each as that session
   * may see it (card data masked for the devices page); returns the unsubscribe function.
   */
  subscribe(ctx: CallerContext, listener: EventListener): () => void {
    return this.events.subscribe((event, payload) => {
      const delivered = deliverable(ctx, event as EventName, payload as EventPayload<EventName>);
      if (delivered !== undefined) listener(event, delivered as typeof payload);
    });
  }
}
