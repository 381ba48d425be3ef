import type { PadSignEnded, PadSignOutcome, PadStatus } from '@common/api/customer-screen-schemas';
import { isBlank, type PadSummary, type Signature, type SignatureStroke } from '@common/domain/signature';
import { AppFailure } from '@common/result';
import type { CallerContext } from './caller';
import type { ApplicationJourneyService } from './application-journey-service';
import type { ServiceContext } from './context';
import type { CounterPresence } from './counter-presence';
import type { SignaturePadPort } from './ports/signature-pad';

export interface CustomerPadServiceDeps {
  ctx: ServiceContext;
  /** The station's pad; null: every window signs on the touchscreen. */
  pad: SignaturePadPort | null;
  journey: ApplicationJourneyService;
  presence: CounterPresence;
}

/** A customer may read before signing; the pad session ends on 确认/取消, unplug, or this. */
export const PAD_SIGN_TIMEOUT_MS = 3 * 60_000;

/**
 * The customer screen's signature on the station's pad: the capture runs in the main process through
 * the SignatureService (real pad bytes), each stroke is mirrored to that window's screen, and a
 * confirmed signature is stored through the journey, bound to the SHA-256 of the reviewed content.
 * A pad lost mid-signature hands its strokes back, so the customer finishes on the touchscreen.
 */
export class CustomerPadService {
  private readonly ctx: ServiceContext;
  private readonly pad: SignaturePadPort | null;
  private readonly journey: ApplicationJourneyService;
  private readonly presence: CounterPresence;

  constructor(deps: CustomerPadServiceDeps) {
    this.ctx = deps.ctx;
    this.pad = deps.pad;
    this.journey = deps.journey;
    this.presence = deps.presence;
  }

  #window(caller: CallerContext): number {
    if (caller.windowNo === null) throw new AppFailure('forbidden', 'access.noWindow');
    return caller.windowNo;
  }

  status(caller: CallerContext): PadStatus {
    const windowNo = this.#window(caller);
    const attached = !!this.pad?.configured && this.presence.here(windowNo);
    return { attached, model: attached ? (this.pad!.slot().name ?? null) : null };
  }

  /** Starts the capture and answers at once; strokes and the end come as rate.padStroke / rate.padEnded. */
  async sign(caller: CallerContext, input: { requestId: string; summary?: PadSummary }): Promise<{ started: true }> {
    const windowNo = this.#window(caller);
    if (!this.status(caller).attached) throw new AppFailure('device_error', 'device.noPadAtWindow');
    const review = await this.journey.review(caller);
    if (!review || review.requestId !== input.requestId)
      throw new AppFailure('not_found', 'application.notAwaitingHere', {}, 'requestId');
    if (review.state !== 'awaiting')
      throw new AppFailure('conflict', 'application.notAwaitingSignature', {}, 'requestId');
    const requestId = input.requestId;
    // One capture at a time on a pad (the SignatureService refuses a second): the strokes heard are this one's.
    const off = this.ctx.events.subscribe((event, payload) => {
      if (event === 'devices.signatureStroke')
        this.ctx.events.emit('rate.padStroke', {
          windowNo,
          requestId,
          stroke: (payload as { stroke: SignatureStroke }).stroke,
        });
    });
    const capture = this.pad!.capture({ timeoutMs: PAD_SIGN_TIMEOUT_MS, summary: input.summary }, null);
    // Refusals the pad gives at once (busy, cannot open) are this call's answer; later ends are events.
    const first = await Promise.race([
      capture.then(
        () => null,
        (e: unknown) => e,
      ),
      new Promise((r) => setImmediate(() => r('running'))),
    ]);
    if (first !== 'running' && first !== null) {
      off();
      throw first;
    }
    void capture
      .then(
        (c) => this.#ended(caller, windowNo, requestId, c.outcome, c.message, c.signature),
        (e: unknown) =>
          this.#emit({
            windowNo,
            requestId,
            outcome: 'failed',
            message: e instanceof Error ? e.message : String(e),
            aspect: 1.6,
            strokes: [],
          }),
      )
      .finally(off);
    return { started: true };
  }

  async #ended(
    caller: CallerContext,
    windowNo: number,
    requestId: string,
    outcome: Exclude<PadSignOutcome, 'signed' | 'failed'> | 'confirmed',
    message: string | null,
    signature: Signature,
  ): Promise<void> {
    const base = { windowNo, requestId, aspect: signature.aspect, strokes: signature.strokes };
    if (outcome !== 'confirmed') return this.#emit({ ...base, outcome, message });
    if (isBlank(signature))
      return this.#emit({
        ...base,
        outcome: 'cancelled',
        message: '签名板上没有笔迹 (nothing was written on the pad)',
      });
    try {
      await this.journey.sign(caller, { requestId, signature });
      this.#emit({ ...base, outcome: 'signed', message: null });
    } catch (e) {
      // e.g. the agent amended the form while the customer was signing: nothing is stored, the strokes go back.
      this.#emit({ ...base, outcome: 'failed', message: e instanceof AppFailure ? e.message : String(e) });
    }
  }

  #emit(ended: PadSignEnded): void {
    this.ctx.events.emit('rate.padEnded', ended);
  }
}
