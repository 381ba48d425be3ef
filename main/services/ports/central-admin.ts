import type { ErrorKey, ErrorParams } from '@common/errors';

/**
 * A refusal by the central, with its typed code (401s: `unauthenticated`, `revoked`) and, when the
 * central names it, the catalog key and parameters of what a person reads. `message` is for logs.
 */
export class CentralError extends Error {
  readonly key?: ErrorKey;
  readonly params?: ErrorParams;

  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    text?: { key: ErrorKey; params?: ErrorParams },
  ) {
    super(message);
    if (text) {
      this.key = text.key;
      this.params = text.params ?? {};
    }
  }
}

/**
 * The central's admin API as this station reaches it with its own credentials (the sync client,
 * main/sync/sync-client.ts). Rejects with a CentralError when the central refuses.
 */
export interface CentralAdmin {
  admin(method: 'GET' | 'POST', path: string, body?: unknown): Promise<unknown>;
}
