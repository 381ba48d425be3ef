import { ERROR_LOCALES, isErrorKey, paramText, type ErrorLocale, type ErrorParams } from '@common/errors';
import type { AppError } from '@common/result';

type Translate = (key: string, named?: Record<string, unknown>) => string;

/** An error as the host sends it; a field error of a form (no code) is shown the same way. */
export type ShownError = Pick<AppError, 'params' | 'message'> & {
  code?: AppError['code'];
  /** Any string: only a key the catalog knows is translated (a sync rejection may name a newer one). */
  key?: string;
};

/**
 * A user-facing sentence for an error, in the current language: its catalog text (common/errors)
 * with the parameters filled in. An error without a known key (a literal message) gets the generic
 * text of its code around the host's message.
 */
export function errorText(t: Translate, error: ShownError | null | undefined): string {
  if (!error) return '';
  if (isErrorKey(error.key)) return t(`errors.${error.key}`, localParams(error.params ?? {}, localeOf(t)));
  return error.code ? t(`errors.${error.code}`, { message: error.message }) : error.message;
}

/**
 * The text shown beside a form field (or a warning): its catalog text when it has a key, otherwise
 * the host's own sentence — without the generic wrapper of its code, which the field already implies.
 */
export function fieldText(t: Translate, error: ShownError | null | undefined): string {
  if (!error) return '';
  return isErrorKey(error.key) ? errorText(t, error) : error.message;
}

const localeOf = (t: Translate): ErrorLocale => {
  const named = t('errors.locale');
  return ERROR_LOCALES.find((l) => l === named) ?? 'zh-CN';
};

/** Parameters that are words to translate (a ticket state, a field's label) in the reader's language. */
const localParams = (params: ErrorParams, locale: ErrorLocale): Record<string, string> =>
  Object.fromEntries(Object.entries(params).map(([name, value]) => [name, paramText(value, locale)]));
