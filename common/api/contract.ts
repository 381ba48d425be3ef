import type { z } from 'zod';
import type { Result } from '../result';
import { applications } from './features/applications';
import { auth } from './features/auth';
import { consultations } from './features/consultations';
import { counter } from './features/counter';
import { customerInsights } from './features/customer-insights';
import { customerScreen } from './features/customer-screen';
import { customers } from './features/customers';
import { devices } from './features/devices';
import { display } from './features/display';
import { evaluation } from './features/evaluation';
import { guide } from './features/guide';
import { insights } from './features/insights';
import { kiosk } from './features/kiosk';
import { live } from './features/live';
import { queueCharts } from './features/queue-charts';
import { staffing } from './features/staffing';
import { pairing } from './features/pairing';
import { payments } from './features/payments';
import { queue } from './features/queue';
import { queueConfig } from './features/queue-config';
import { ratings } from './features/ratings';
import { reports } from './features/reports';
import { station } from './features/station';

/**
 * The station API, feature by feature: each call with its zod input and output and who may make
 * it, each event with its payload and who receives it. main/ implements it once; the preload
 * (Electron IPC) and the WebSocket adapter (browser mode) both expose exactly this.
 */
export const FEATURES = {
  station,
  auth,
  queue,
  queueConfig,
  counter,
  guide,
  display,
  ratings,
  insights,
  devices,
  customers,
  applications,
  customerScreen,
  payments,
  consultations,
  kiosk,
  pairing,
  live,
  queueCharts,
  staffing,
  evaluation,
  reports,
  customerInsights,
} as const;

type Declared = (typeof FEATURES)[keyof typeof FEATURES];
type UnionToIntersection<U> = (U extends unknown ? (u: U) => void : never) extends (i: infer I) => void ? I : never;
type Merged<Part extends 'methods' | 'events'> = UnionToIntersection<Declared[Part]>;

/** Every feature's methods (or events) in one table; a name declared twice stops the station at load. */
function merge<Part extends 'methods' | 'events'>(part: Part): Merged<Part> {
  const merged: Record<string, unknown> = {};
  for (const [featureName, declared] of Object.entries(FEATURES))
    for (const [name, spec] of Object.entries(declared[part])) {
      if (Object.hasOwn(merged, name)) throw new Error(`${name} is declared twice (again in ${featureName})`);
      merged[name] = spec;
    }
  return merged as Merged<Part>;
}

export const METHODS = merge('methods');
export const EVENTS = merge('events');

export type MethodName = keyof typeof METHODS;
export const METHOD_NAMES = Object.keys(METHODS) as MethodName[];
export type MethodInput<M extends MethodName> = z.input<(typeof METHODS)[M]['input']>;
export type MethodParsedInput<M extends MethodName> = z.output<(typeof METHODS)[M]['input']>;
export type MethodOutput<M extends MethodName> = z.output<(typeof METHODS)[M]['output']>;

export type EventName = keyof typeof EVENTS;
export const EVENT_NAMES = Object.keys(EVENTS) as EventName[];
export type EventPayload<E extends EventName> = z.output<(typeof EVENTS)[E]['payload']>;

/** What a renderer sees: one typed function per call, and subscriptions that return an unsubscribe. */
export interface StationApi {
  call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<Result<MethodOutput<M>>>;
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
}
