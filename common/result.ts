import { isErrorKey, renderError, type ErrorKey, type ErrorParams, type KeyArgs } from './errors';

/** Results are values, not thrown errors (Signal's wrapResult): every API call and codec returns one. */
export const ERROR_CODES = [
  'validation',
  'forbidden',
  'unauthenticated',
  'not_found',
  'conflict',
  'locked',
  'rate_limited',
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

/** An AppError from a key and its parameters; its message is the key's zh-CN text. */
function keyedError(code: ErrorCode, key: ErrorKey, params: ErrorParams = {}, field?: string): AppError {
  const error: AppError = { code, key, params, message: renderError(key, params) };
  if (field !== undefined) error.field = field;
  return error;
}

export function err<K extends ErrorKey>(code: ErrorCode, key: K, ...rest: KeyArgs<K>): Failure {
  const [params, field] = rest as unknown as [ErrorParams?, string?];
  return { ok: false, error: keyedError(code, key, params, field) };
}

/** Thrown inside services to abort a transaction; the router turns it back into a Result. */
export class AppFailure<K extends ErrorKey = ErrorKey> extends Error {
  readonly code: ErrorCode;
  /** Absent only on a failure rebuilt from an AppError that came without one (fromError). */
  readonly key?: ErrorKey;
  readonly params?: ErrorParams;
  readonly field?: string;

  constructor(code: ErrorCode, key: K, ...rest: KeyArgs<K>);
  constructor(code: ErrorCode, keyOrUnkeyed: ErrorKey | AppError, params?: ErrorParams, field?: string) {
    const error = typeof keyOrUnkeyed === 'object' ? keyOrUnkeyed : keyedError(code, keyOrUnkeyed, params, field);
    super(error.message);
    this.name = 'AppFailure';
    this.code = error.code;
    if (error.key !== undefined) {
      this.key = error.key;
      this.params = error.params ?? {};
    }
    if (error.field !== undefined) this.field = error.field;
  }

  /**
   * The failure an AppError describes (one that crossed a process or came out of a validator), to
   * throw. An error that arrives without a catalog key (from a peer that sent none) keeps its text.
   */
  static fromError(error: AppError): AppFailure {
    const Failure = AppFailure as unknown as new (
      code: ErrorCode,
      keyOrUnkeyed: ErrorKey | AppError,
      params?: ErrorParams,
      field?: string,
    ) => AppFailure;
    if (isErrorKey(error.key)) return new Failure(error.code, error.key, error.params ?? {}, error.field);
    const unkeyed: AppError = { code: error.code, message: error.message };
    if (error.field !== undefined) unkeyed.field = error.field;
    return new Failure(error.code, unkeyed);
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
