import type { DevicesOverview } from '@common/api/schemas';
import type { PadSummary, SignatureCapture } from '@common/domain/signature';

/** The station's signature pad, one capture at a time (main/devices/signature-service.ts). */
export interface SignaturePadPort {
  /** A pad is configured (whether or not one answered yet). */
  readonly configured: boolean;
  /** Its place on the devices page: what the last capture found. */
  slot(): DevicesOverview['pad'];
  capture(input: { timeoutMs: number; summary?: PadSummary }, actor?: string | null): Promise<SignatureCapture>;
}
