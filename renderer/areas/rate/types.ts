import type { RatingPrompt } from '@common/api/schemas';
import { type RatingLevel, needsReason } from '@common/domain/ratings';

export type RateScreen = 'closed' | 'paused' | 'idle' | 'called' | 'serving' | 'rating' | 'thanks' | 'timedOut';
export type Dimension = 'attitude' | 'efficiency' | 'quality' | 'integrity';
export const DIMENSIONS: readonly Dimension[] = ['attitude', 'efficiency', 'quality', 'integrity'];
export type ReasonTag = 'attitude' | 'waiting' | 'skill' | 'process' | 'explain' | 'environment';
export const REASON_TAGS: readonly ReasonTag[] = ['attitude', 'waiting', 'skill', 'process', 'explain', 'environment'];
export const MAX_REASON = 500;

/** What the customer-facing screen shows for a prompt (a finished rating or timeout overrides it). */
export function screenFor(prompt: RatingPrompt | null, handled: ReadonlySet<string>): RateScreen {
  if (!prompt) return 'closed';
  if (prompt.awaitingRating && !handled.has(prompt.awaitingRating.id)) return 'rating';
  if (!prompt.agent) return 'closed';
  const status = prompt.current?.status;
  if (status === 'called') return 'called';
  if (status === 'serving') return 'serving';
  if (prompt.windowStatus === 'paused') return 'paused';
  if (prompt.windowStatus === 'closed') return 'closed';
  return 'idle';
}

/** 不满意 / 非常不满意 need a reason: at least one tag or some text. */
export function reasonReady(level: RatingLevel, tags: readonly string[], text: string): boolean {
  return !needsReason(level) || tags.length > 0 || text.trim().length > 0;
}

/** The reason as stored: the chosen tags' labels, then the customer's words; at most 500 chars. */
export function composeReason(tagLabels: readonly string[], text: string): string | undefined {
  const parts = [...tagLabels, text.trim()].filter((p) => p.length > 0);
  if (parts.length === 0) return undefined;
  return parts.join('；').slice(0, MAX_REASON);
}

export const THANKS_SECONDS = 6;
/** Fallback refresh of the idle screen when no event arrives. */
export const POLL_SECONDS = 10;

/** The thanks screen offers the dimensions this long; a tap on a star keeps it open no longer than that. */
export const DIMS_SECONDS = 25;

/** The dimensions the customer tapped (1–5 each), or null when none was tapped. */
export function chosenDimensions(
  dims: Partial<Record<Dimension, number | undefined>>,
): Partial<Record<Dimension, number>> | null {
  const picked = DIMENSIONS.filter((d) => Number.isInteger(dims[d]) && dims[d]! >= 1 && dims[d]! <= 5).map(
    (d) => [d, dims[d]!] as const,
  );
  return picked.length ? Object.fromEntries(picked) : null;
}
