import type { z } from 'zod';
import type { Role, StaffRole } from '../roles';

/** One call of the station API: what it takes and returns, and who may make it. */
export interface MethodSpec {
  readonly input: z.ZodType;
  readonly output: z.ZodType;
  /** The window roles that may call it; every other window is refused (`forbidden`). */
  readonly roles: readonly Role[];
  /** The staff roles whose login it needs; absent: the window's role alone decides. */
  readonly staff?: readonly StaffRole[];
}

/** One event of the station API: its payload and the window roles that receive it. */
export interface EventSpec {
  readonly payload: z.ZodType;
  readonly roles: readonly Role[];
}

export type MethodSpecs = Record<string, MethodSpec>;
export type EventSpecs = Record<string, EventSpec>;

export interface Feature<M extends MethodSpecs, E extends EventSpecs> {
  readonly methods: M;
  readonly events: E;
}

/**
 * A feature's calls and events, each with its audience. The generics keep every schema's exact
 * type, so the contract's input, output and payload types follow from these declarations.
 */
export function feature<M extends MethodSpecs, E extends EventSpecs = Record<never, EventSpec>>(declared: {
  methods: M;
  events?: E;
}): Feature<M, E> {
  return { methods: declared.methods, events: declared.events ?? ({} as E) };
}
