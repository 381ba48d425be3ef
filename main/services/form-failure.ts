import type { FieldError } from '@common/forms/types';
import { AppFailure } from '@common/result';

/**
 * A filled form refused: its first field at fault, by key and parameters, on `values.<field>` so the
 * form points at it. The screen checks the same rules before it sends, so a second one is rare.
 */
export function formFailure(errors: readonly FieldError[]): AppFailure {
  const first = errors[0]!;
  return AppFailure.fromError({
    code: 'validation',
    key: first.key,
    params: first.params,
    message: first.message,
    field: `values.${first.field}`,
  });
}
