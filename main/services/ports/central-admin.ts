/** A refusal by the central, with its typed code (401s: `unauthenticated`, `revoked`). */
export class CentralError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/**
 * The central's admin API as this station reaches it with its own credentials (the sync client,
 * main/sync/sync-client.ts). Rejects with a CentralError when the central refuses.
 */
export interface CentralAdmin {
  admin(method: 'GET' | 'POST', path: string, body?: unknown): Promise<unknown>;
}
