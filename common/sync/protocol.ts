import { z } from 'zod';
import { SYNCED_ENTITIES } from '../mutators/sql';

/** The station ⇄ central sync protocol: push mutations by client mutation id, pull by server version. */
export const MAX_PUSH_BATCH = 500;
export const MAX_PULL_BATCH = 2000;

export const ClientMutation = z.object({
  id: z.number().int().positive(),
  name: z.string().min(1).max(64),
  args: z.unknown(),
  createdAt: z.string().max(40),
});
export type ClientMutation = z.infer<typeof ClientMutation>;

export const PushRequest = z
  .object({
    clientId: z.string().min(8).max(64),
    hallId: z.string().min(1).max(32),
    mutations: z.array(ClientMutation).max(MAX_PUSH_BATCH),
  })
  .strict();
export type PushRequest = z.infer<typeof PushRequest>;

export const Rejection = z.object({ id: z.number().int(), code: z.string(), message: z.string() });
export type Rejection = z.infer<typeof Rejection>;

export const PushResponse = z.object({ lastMutationId: z.number().int(), rejected: z.array(Rejection) });
export type PushResponse = z.infer<typeof PushResponse>;

const entityNames = Object.keys(SYNCED_ENTITIES) as [keyof typeof SYNCED_ENTITIES, ...(keyof typeof SYNCED_ENTITIES)[]];
export const Change = z.object({
  version: z.number().int().positive(),
  entity: z.enum(entityNames),
  id: z.string().min(1).max(64),
  row: z.record(z.string(), z.unknown()),
});
export type Change = z.infer<typeof Change>;

export const PullResponse = z.object({
  cursor: z.number().int().nonnegative(),
  lastMutationId: z.number().int().nonnegative(),
  changes: z.array(Change).max(MAX_PULL_BATCH),
  more: z.boolean(),
  checksum: z.string(),
});
export type PullResponse = z.infer<typeof PullResponse>;

/** A poke over WebSocket: something new at this version; pull. */
export const Poke = z.object({ type: z.literal('poke'), version: z.number().int() });
