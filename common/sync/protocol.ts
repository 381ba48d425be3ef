import { z } from 'zod';
import { ErrorParamsSchema } from '../errors/params-schema';
import { SYNCED_ENTITIES } from '../mutators/sql';
import { JsonObject } from '../api/schemas';
import { StationRole } from './station-roles';

/** The station ⇄ central sync protocol: push mutations by client mutation id, pull by server version. */
/** Mutations per push request (stations also cap a batch by bytes under MAX_PUSH_BYTES); 500 before sync-perf. */
export const MAX_PUSH_BATCH = 2000;
export const MAX_PULL_BATCH = 2000;
/** Longest entity id a change may carry. */
export const MAX_CHANGE_ID = 200;

export const ClientMutation = z.object({
  id: z.number().int().positive(),
  name: z.string().min(1).max(64),
  args: z.unknown(),
  createdAt: z.string().max(40),
  /**
   * The station's digest of this mutation (node/sync/mutation-digest.ts: batchDigest), made when
   * the mutation was: the central keeps it instead of hashing every pushed mutation again. A replay
   * is always checked against a digest the central computes of the replayed content.
   */
  digest: z
    .string()
    .regex(/^[A-Za-z0-9_-]{22}$/)
    .optional(),
});
export type ClientMutation = z.infer<typeof ClientMutation>;

export const PushRequest = z
  .object({
    clientId: z.string().min(8).max(64),
    hallId: z.string().min(1).max(32),
    mutations: z.array(ClientMutation).max(MAX_PUSH_BATCH),
    /** The station's outbox length, shown on the manager's sync section. */
    backlog: z.number().int().nonnegative().optional(),
  })
  .strict();
export type PushRequest = z.infer<typeof PushRequest>;

/**
 * Push batches a station may keep in flight at once. The central sends this in PUSH_WINDOW_HEADER on
 * every push answer, because it applies a station's concurrent batches in mutation-id order
 * (central/push-order.ts); a station pushes one batch at a time until it has seen the header, so
 * it never pipelines to a central that would refuse the second batch as a gap.
 */
export const PUSH_WINDOW = 2;
export const PUSH_WINDOW_HEADER = 'x-hall-push-window';

/** A pushed mutation the central refused: its code, and the catalog key and parameters of why. */
export const Rejection = z.object({
  id: z.number().int(),
  code: z.string(),
  message: z.string(),
  key: z.string().optional(),
  params: ErrorParamsSchema.optional(),
});
export type Rejection = z.infer<typeof Rejection>;

export const PushResponse = z.object({ lastMutationId: z.number().int(), rejected: z.array(Rejection) });
export type PushResponse = z.infer<typeof PushResponse>;

const entityNames = Object.keys(SYNCED_ENTITIES) as [keyof typeof SYNCED_ENTITIES, ...(keyof typeof SYNCED_ENTITIES)[]];
export const Change = z.object({
  version: z.number().int().positive(),
  entity: z.enum(entityNames),
  // Up to 200: a payment allocation's id names the step and the payment it applies (`<step>><payment>><target>`).
  id: z.string().min(1).max(MAX_CHANGE_ID),
  row: JsonObject,
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

/** Largest push body the central reads; a bigger one is refused with 413 before it is parsed. */
export const MAX_PUSH_BYTES = 4 * 1024 * 1024;

/** A new station trades a manager's enrollment code for its credentials. */
export const EnrollRequest = z
  .object({ code: z.string().min(4).max(32), clientId: z.string().min(8).max(64) })
  .strict();
export type EnrollRequest = z.infer<typeof EnrollRequest>;
export const EnrollResponse = z.object({
  clientId: z.string(),
  hallId: z.string(),
  role: StationRole,
  token: z.string(),
});
export type EnrollResponse = z.infer<typeof EnrollResponse>;

export const EnrollmentCodeRequest = z.object({ role: StationRole }).strict();
export const EnrollmentCode = z.object({ code: z.string(), role: StationRole, expiresAt: z.string() });
export type EnrollmentCode = z.infer<typeof EnrollmentCode>;

export const RevokeRequest = z.object({ clientId: z.string().min(1).max(64) }).strict();

/** One of a station's latest warnings or errors, already redacted by its logger (never personal data). */
export const StationErrorLine = z
  .object({
    time: z.string().max(40),
    level: z.enum(['warn', 'error', 'fatal']),
    message: z.string().max(500),
  })
  .strict();
export type StationErrorLine = z.infer<typeof StationErrorLine>;
/** What a station reports of itself (POST /v1/station/report), shown on the manager's station list. */
export const STATION_REPORT_LINES = 20;
export const StationReport = z.object({ recentErrors: z.array(StationErrorLine).max(STATION_REPORT_LINES) }).strict();
export type StationReport = z.infer<typeof StationReport>;

export const CentralStation = z.object({
  clientId: z.string(),
  role: StationRole,
  enrolledAt: z.string(),
  revokedAt: z.string().nullable(),
  lastContact: z.string().nullable(),
  backlog: z.number().int(),
  lastMutationId: z.number().int(),
  /** Its latest warnings and errors as it last reported them (kept in the central's memory). */
  recentErrors: z.array(StationErrorLine).default([]),
});
export type CentralStation = z.infer<typeof CentralStation>;
export const StationsResponse = z.object({ stations: z.array(CentralStation) });

/**
 * Every error the central returns: 401 codes are `unauthenticated` and `revoked`. `key` and `params`
 * name the text in the error catalog (common/errors); `message` is that text in zh-CN.
 */
export const CentralErrorBody = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    key: z.string().optional(),
    params: ErrorParamsSchema.optional(),
  }),
});
export const UNAUTHORIZED_CODES = ['unauthenticated', 'revoked'] as const;

/**
 * Initial sync as a streamed snapshot (`GET /v1/snapshot?after=V&upto=U`, NDJSON): a head line
 * fixing the version the snapshot covers, then pages of the newest row per entity at or below it,
 * then an end line. A page line is written exactly as
 * `{"type":"page","after":A,"cursor":C,"checksum":"…","changes":[…]}` (it covers A < version ≤ C)
 * and its checksum covers A, C and the exact text of the changes array (snapshotPageChecksum), so
 * a page is checked without re-serialising it.
 * Each page is applied with its checkpoint in one transaction; a station stopped mid-snapshot
 * resumes with `after` = its checkpoint and the same `upto`.
 */
export const SNAPSHOT_PAGE = 2000;
export const SNAPSHOT_PAGE_PREFIX = '{"type":"page",';
export const SNAPSHOT_CHANGES_KEY = ',"changes":';
export const SnapshotHead = z.object({ type: z.literal('head'), upto: z.number().int().nonnegative() });
export const SnapshotEnd = z.object({ type: z.literal('end'), cursor: z.number().int().nonnegative() });
export const SnapshotControlLine = z.discriminatedUnion('type', [SnapshotHead, SnapshotEnd]);
/** A page's envelope; its changes are checked one by one as they are applied (isChange), not by zod: 1M rows. */
export const SnapshotPageEnvelope = z.object({
  type: z.literal('page'),
  after: z.number().int().nonnegative(),
  cursor: z.number().int().nonnegative(),
  checksum: z.string().max(40),
  changes: z.array(z.unknown()).max(SNAPSHOT_PAGE),
});

/** The shape of a Change, checked by hand (a zod parse costs more than the row's insert). */
export function isChange(c: unknown): c is Change {
  if (typeof c !== 'object' || c === null) return false;
  const o = c as Record<string, unknown>;
  return (
    Number.isSafeInteger(o.version) &&
    (o.version as number) > 0 &&
    typeof o.entity === 'string' &&
    Object.hasOwn(SYNCED_ENTITIES, o.entity) &&
    typeof o.id === 'string' &&
    o.id.length > 0 &&
    o.id.length <= MAX_CHANGE_ID &&
    typeof o.row === 'object' &&
    o.row !== null &&
    !Array.isArray(o.row)
  );
}
