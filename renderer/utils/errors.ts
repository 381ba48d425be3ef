import type { AppError } from '@common/result';

type Translate = (key: string, named?: Record<string, unknown>) => string;

/** A user-facing sentence for an API error, in the current language (the host's message kept). */
export function errorText(t: Translate, error: AppError | null | undefined): string {
  if (!error) return '';
  return t(`errors.${error.code}`, { message: error.message });
}
