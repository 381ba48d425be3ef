import type { z } from 'zod';
import { err, ok, type Result } from '../result';

/** Parse with zod and name the first offending field, so a form can point at it. */
export function validate<T extends z.ZodType>(schema: T, input: unknown): Result<z.output<T>> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return ok(parsed.data);
  const issue = parsed.error.issues[0];
  const field = issue?.path.map(String).join('.') || undefined;
  const message = field ? `${field}: ${issue?.message}` : (issue?.message ?? 'invalid input');
  return err('validation', message, field);
}
