import { z } from 'zod';
import { appendRow } from './append-only';
import { JsonObject } from '../api/schemas';
import { asciiJson } from '../sync/ascii-json';
import type { MutationContext } from './sql';

export const AuditArgs = z.object({
  id: z.string().min(8).max(64),
  at: z.string().min(10).max(40),
  stationId: z.string().min(1).max(64),
  actor: z.string().max(64).nullable(),
  action: z.string().min(1).max(64),
  detail: JsonObject,
});

/** Audit entries are append-only. */
export function appendAudit(ctx: MutationContext, a: z.infer<typeof AuditArgs>): void {
  // ASCII JSON (same value): change-log pages that carry it parse on V8's one-byte path at the stations.
  const detail = asciiJson(a.detail);
  const fields = { at: a.at, station_id: a.stationId, actor: a.actor, action: a.action, detail };
  if (appendRow(ctx, 'audit_log', { id: a.id, ...fields }, fields)) return;
  ctx.changed('audit', a.id);
}
