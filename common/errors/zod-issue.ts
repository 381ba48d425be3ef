import type { z } from 'zod';
import type { AppError } from '../result';
import { isErrorKey, renderError, type ErrorKey, type ErrorParam } from './index';

/**
 * The validation error of a zod issue. A schema names its text by catalog key, as zod's message
 * (`z.string().min(2, 'payment.refundReasonRequired')`, `.refine(ok, { message: key, params })`); the
 * issue's bounds (`min`, `max`) and a refinement's `params` fill the placeholders. A rule without a
 * key of its own (zod's default text, written for programmers) reads as the general `input.invalid`,
 * on the field it names.
 */
export function issueError(issue: z.core.$ZodIssue | undefined): AppError {
  const field = issue?.path.map(String).join('.') || undefined;
  const text = issue?.message;
  const key: ErrorKey = isErrorKey(text) ? text : 'input.invalid';
  const params: Record<string, ErrorParam> = {};
  if (issue && key === text) {
    for (const [name, value] of Object.entries(issue.code === 'custom' ? (issue.params ?? {}) : {}))
      if (typeof value === 'string' || typeof value === 'number') params[name] = value;
    if (issue.code === 'too_big') params.max = Number(issue.maximum);
    if (issue.code === 'too_small') params.min = Number(issue.minimum);
  }
  const error: AppError = { code: 'validation', key, params, message: renderError(key, params) };
  return field === undefined ? error : { ...error, field };
}
