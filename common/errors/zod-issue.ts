import type { z } from 'zod';
import type { AppError } from '../result';
import { isErrorKey, renderError, type ErrorParam } from './index';

/**
 * The validation error of a zod issue. A schema names its text by catalog key, as zod's message
 * (`z.string().min(2, 'payment.refundReasonRequired')`, `.refine(ok, { message: key, params })`); the
 * issue's bounds (`min`, `max`) and a refinement's `params` fill the placeholders. Any other message
 * (zod's own, or prose) is kept as it is, after the field it names.
 */
export function issueError(issue: z.core.$ZodIssue | undefined): AppError {
  const field = issue?.path.map(String).join('.') || undefined;
  const text = issue?.message;
  if (issue && isErrorKey(text)) {
    const params: Record<string, ErrorParam> = {};
    for (const [name, value] of Object.entries(issue.code === 'custom' ? (issue.params ?? {}) : {}))
      if (typeof value === 'string' || typeof value === 'number') params[name] = value;
    if (issue.code === 'too_big') params.max = Number(issue.maximum);
    if (issue.code === 'too_small') params.min = Number(issue.minimum);
    const error: AppError = { code: 'validation', key: text, params, message: renderError(text, params) };
    return field === undefined ? error : { ...error, field };
  }
  const message = field ? `${field}: ${text}` : (text ?? 'invalid input');
  return field === undefined ? { code: 'validation', message } : { code: 'validation', message, field };
}
