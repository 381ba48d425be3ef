import type { z } from 'zod';
import { issueError } from '../errors/zod-issue';
import { ok, type Result } from '../result';

/** Parse with zod and name the first offending field, so a form can point at it. */
export function validate<T extends z.ZodType>(schema: T, input: unknown): Result<z.output<T>> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return ok(parsed.data);
  return { ok: false, error: issueError(parsed.error.issues[0]) };
}
