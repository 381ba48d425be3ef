/**
 * The tag catalogue and each customer's tag history, through sync. The manager edits a definition
 * (its rule validated, never run as code); staff set or remove a manual tag with a reason; a
 * recompute evaluates the rule tags on the facts this side holds and records starts and ends. The
 * same mutation gives the same rows on the station and at the central (ids come from the args).
 */
import { z } from 'zod';
import { AppFailure } from '../result';
import { parseRule } from '../analytics/rules';
import {
  definitionFromRow,
  mergeCatalogue,
  reconcileTags,
  ruleTags,
  TagCode,
  TAG_HINTS,
  type OpenTag,
  type TagDefinition,
  type TagDefinitionRow,
} from '../analytics/catalogue';
import { computeFeatures } from '../analytics/features';
import { loadCustomerFacts } from '../analytics/facts-sql';
import type { MutationContext, SqlTx } from './sql';

const Common = {
  hallId: z.string().min(1).max(32),
  staffId: z.string().min(1).max(64),
  at: z.string().min(10).max(40),
};

export const TagDefineArgs = z
  .object({
    ...Common,
    code: TagCode,
    nameZh: z.string().trim().min(1).max(20),
    nameEn: z.string().trim().min(1).max(40),
    kind: z.enum(['rule', 'manual']),
    rule: z.unknown().nullable(),
    validDays: z.number().int().min(1).max(3650).nullable(),
    owner: z.string().trim().min(1).max(40),
    hint: z.enum(TAG_HINTS).nullable(),
    active: z.boolean(),
  })
  .strict();

export const TagAssignArgs = z
  .object({ ...Common, customerId: z.number().int().positive(), code: TagCode, reason: z.string().max(200) })
  .strict();

export const TagRecomputeArgs = z
  .object({ hallId: Common.hallId, at: Common.at, customerId: z.number().int().positive() })
  .strict();

export const tagDefinitionId = (hallId: string, code: string) => `${hallId}/${code}`;
export const customerTagId = (customerId: number, code: string, startedAt: string) =>
  `${customerId}/${code}/${startedAt}`;

/** The hall's catalogue as this side holds it: built-in tags overridden by the hall's definitions. */
export function hallCatalogue(tx: SqlTx, hallId: string): TagDefinition[] {
  const rows = tx.all<TagDefinitionRow>(
    'SELECT code, name_zh, name_en, kind, rule, valid_days, owner, hint, active FROM tag_definitions WHERE hall_id = ?',
    hallId,
  );
  return mergeCatalogue(rows.map(definitionFromRow));
}

export function defineTag(ctx: MutationContext, a: z.infer<typeof TagDefineArgs>): void {
  if ((a.kind === 'rule') !== (a.rule !== null))
    throw new AppFailure('validation', 'analytics.ruleRequired', {}, 'rule');
  const rule = a.rule === null ? null : JSON.stringify(parseRule(a.rule));
  const id = tagDefinitionId(a.hallId, a.code);
  const fields = [a.nameZh, a.nameEn, a.kind, rule, a.validDays, a.owner, a.hint, a.active ? 1 : 0, a.staffId, a.at];
  const updated = ctx.tx.run(
    `UPDATE tag_definitions SET name_zh = ?, name_en = ?, kind = ?, rule = ?, valid_days = ?, owner = ?, hint = ?, active = ?,
       updated_by = ?, updated_at = ?, version = version + 1 WHERE id = ?`,
    ...fields,
    id,
  ).changes;
  if (!updated)
    ctx.tx.run(
      `INSERT INTO tag_definitions (name_zh, name_en, kind, rule, valid_days, owner, hint, active, updated_by, updated_at, id, hall_id, code)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ...fields,
      id,
      a.hallId,
      a.code,
    );
  ctx.changed('tagDefinition', id);
}

function manualDefinition(tx: SqlTx, hallId: string, code: string): TagDefinition {
  const def = hallCatalogue(tx, hallId).find((d) => d.code === code);
  if (!def) throw new AppFailure('not_found', 'analytics.tagUnknown', { code }, 'code');
  if (def.kind !== 'manual') throw new AppFailure('validation', 'analytics.tagNotManual', { name: def.nameZh }, 'code');
  return def;
}

const openTagOf = (tx: SqlTx, customerId: number, code: string) =>
  tx.get<{ id: string }>(
    'SELECT id FROM customer_tags WHERE customer_id = ? AND code = ? AND ended_at IS NULL',
    customerId,
    code,
  );

/** Set a manual tag: it holds for the definition's validity. Setting a tag the customer has is a no-op. */
export function assignTag(ctx: MutationContext, a: z.infer<typeof TagAssignArgs>): void {
  if (!a.reason.trim()) throw new AppFailure('validation', 'analytics.tagReasonRequired', {}, 'reason');
  const def = manualDefinition(ctx.tx, a.hallId, a.code);
  if (openTagOf(ctx.tx, a.customerId, a.code)) return;
  const id = customerTagId(a.customerId, a.code, a.at);
  const validUntil =
    def.validDays === null ? null : new Date(Date.parse(a.at) + def.validDays * 86_400_000).toISOString();
  ctx.tx.run(
    `INSERT INTO customer_tags (id, hall_id, customer_id, code, source, evidence, reason, set_by, started_at, valid_until)
     VALUES (?, ?, ?, ?, 'manual', '[]', ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING`,
    id,
    a.hallId,
    a.customerId,
    a.code,
    a.reason.trim(),
    a.staffId,
    a.at,
    validUntil,
  );
  ctx.changed('customerTag', id);
}

/** Remove a manual tag: its history row ends, with who and why. */
export function removeTag(ctx: MutationContext, a: z.infer<typeof TagAssignArgs>): void {
  if (!a.reason.trim()) throw new AppFailure('validation', 'analytics.tagReasonRequired', {}, 'reason');
  const def = manualDefinition(ctx.tx, a.hallId, a.code);
  const open = openTagOf(ctx.tx, a.customerId, a.code);
  if (!open) throw new AppFailure('conflict', 'analytics.tagNotSet', { name: def.nameZh }, 'code');
  ctx.tx.run(
    'UPDATE customer_tags SET ended_at = ?, end_reason = ? WHERE id = ?',
    a.at,
    `${a.staffId}: ${a.reason.trim()}`,
    open.id,
  );
  ctx.changed('customerTag', open.id);
}

/**
 * Re-evaluate a customer's rule tags on the facts this side holds, as of `at`, and record what
 * changed. A side that does not hold the customer changes nothing.
 */
export function recomputeTags(ctx: MutationContext, a: z.infer<typeof TagRecomputeArgs>): void {
  const facts = loadCustomerFacts(ctx.tx, a.customerId, a.at);
  if (!facts) return;
  const catalogue = hallCatalogue(ctx.tx, a.hallId);
  const open = ctx.tx
    .all<{ id: string; code: string; source: 'rule' | 'manual'; evidence: string; valid_until: string | null }>(
      'SELECT id, code, source, evidence, valid_until FROM customer_tags WHERE customer_id = ? AND ended_at IS NULL',
      a.customerId,
    )
    .map((r): OpenTag => ({
      id: r.id,
      code: r.code,
      source: r.source,
      evidence: r.evidence,
      validUntil: r.valid_until,
    }));
  const changes = reconcileTags(catalogue, open, ruleTags(catalogue, computeFeatures(facts, a.at)), a.at);
  for (const c of changes) {
    if (c.kind === 'start') {
      const id = customerTagId(a.customerId, c.code, a.at);
      ctx.tx.run(
        `INSERT INTO customer_tags (id, hall_id, customer_id, code, source, evidence, started_at) VALUES (?, ?, ?, ?, 'rule', ?, ?)
         ON CONFLICT (id) DO NOTHING`,
        id,
        a.hallId,
        a.customerId,
        c.code,
        JSON.stringify(c.evidence),
        a.at,
      );
      ctx.changed('customerTag', id);
    } else if (c.kind === 'refresh') {
      ctx.tx.run('UPDATE customer_tags SET evidence = ? WHERE id = ?', JSON.stringify(c.evidence), c.id);
      ctx.changed('customerTag', c.id);
    } else {
      ctx.tx.run('UPDATE customer_tags SET ended_at = ?, end_reason = ? WHERE id = ?', a.at, c.why, c.id);
      ctx.changed('customerTag', c.id);
    }
  }
}
