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
  code: ErrorCode;
  message: string;
  /** Dotted path of the offending input field, for validation errors. */
  field?: string;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: AppError };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const err = (code: ErrorCode, message: string, field?: string): { ok: false; error: AppError } => ({
  ok: false,
  error: field === undefined ? { code, message } : { code, message, field },
});

/** Thrown inside services to abort a transaction; the router turns it back into a Result. */
export class AppFailure extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = 'AppFailure';
  }
  toError(): AppError {
    return this.field === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, field: this.field };
  }
}
