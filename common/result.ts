import { isErrorKey, renderError, type ErrorKey, type ErrorParams, type KeyArgs, type NotAKey } from './errors';

/** Results are values, not thrown errors (Signal's wrapResult): every API call and codec returns one. */
export const ERROR_CODES = [
  'validation',
  'forbidden',
  'unauthenticated',
  'not_found',
  'conflict',
  'locked',
  'unknown_method',
  'unavailable',
  'device_error',
  'storage_error',
  'internal',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export interface AppError {
  /** The class of failure, for code that decides what to do. */
  code: ErrorCode;
  /** The text in the error catalog (common/errors), translated where the error is shown. */
  key?: ErrorKey;
  params?: ErrorParams;
  /** The text in zh-CN, for logs, the CLI and tests; screens translate `key` instead. */
  message: string;
  /** Dotted path of the offending input field, for validation errors. */
  field?: string;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: AppError };
type Failure = { ok: false; error: AppError };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });

/**
 * An AppError from a key and its parameters. Text that is not a catalog key is a literal message,
 * shown untranslated: the `(code, message, field?)` form, for callers that pass prose.
 */
function appError(
  code: ErrorCode,
  keyOrMessage: string,
  paramsOrField?: ErrorParams | string,
  field?: string,
): AppError {
  if (!isErrorKey(keyOrMessage)) {
    const literalField = typeof paramsOrField === 'string' ? paramsOrField : field;
    return literalField === undefined
      ? { code, message: keyOrMessage }
      : { code, message: keyOrMessage, field: literalField };
  }
  const params = typeof paramsOrField === 'object' ? paramsOrField : {};
  const keyField = typeof paramsOrField === 'string' ? paramsOrField : field;
  const error: AppError = { code, key: keyOrMessage, params, message: renderError(keyOrMessage, params) };
  if (keyField !== undefined) error.field = keyField;
  return error;
}

export function err<K extends ErrorKey>(code: ErrorCode, key: K, ...rest: KeyArgs<K>): Failure;
/** @deprecated A literal message is not translated: name a catalog key (common/errors) instead. */
export function err<M extends string>(code: ErrorCode, message: NotAKey<M>, field?: string): Failure;
export function err(
  code: ErrorCode,
  keyOrMessage: string,
  paramsOrField?: ErrorParams | string,
  field?: string,
): Failure {
  return { ok: false, error: appError(code, keyOrMessage, paramsOrField, field) };
}

/** Thrown inside services to abort a transaction; the router turns it back into a Result. */
export class AppFailure<K extends string = string> extends Error {
  readonly code: ErrorCode;
  readonly key?: ErrorKey;
  readonly params?: ErrorParams;
  readonly field?: string;

  constructor(code: ErrorCode, key: K & ErrorKey, ...rest: KeyArgs<K & ErrorKey>);
  /** @deprecated A literal message is not translated: name a catalog key (common/errors) instead. */
  constructor(code: ErrorCode, message: NotAKey<K>, field?: string);
  constructor(code: ErrorCode, keyOrMessage: string, paramsOrField?: ErrorParams | string, field?: string) {
    const error = appError(code, keyOrMessage, paramsOrField, field);
    super(error.message);
    this.name = 'AppFailure';
    this.code = error.code;
    if (error.key !== undefined) {
      this.key = error.key;
      this.params = error.params;
    }
    if (error.field !== undefined) this.field = error.field;
  }

  /** The failure an AppError describes (one that crossed a process or came out of a validator), to throw. */
  static fromError(error: AppError): AppFailure {
    const Failure = AppFailure as unknown as new (
      code: ErrorCode,
      keyOrMessage: string,
      paramsOrField?: ErrorParams | string,
      field?: string,
    ) => AppFailure;
    return error.key !== undefined && isErrorKey(error.key)
      ? new Failure(error.code, error.key, error.params ?? {}, error.field)
      : new Failure(error.code, error.message, error.field);
  }

  toError(): AppError {
    const error: AppError = { code: this.code, message: this.message };
    if (this.key !== undefined) {
      error.key = this.key;
      error.params = this.params ?? {};
    }
    if (this.field !== undefined) error.field = this.field;
    return error;
  }
}
