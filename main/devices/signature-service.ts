/**
 * The station's signature pad (one or none): a capture session opens the pad, streams finished
 * strokes as `devices.signatureStroke` events for a live preview, and ends on the pad's 确认 /
 * 取消 buttons, after a quiet spell on pads without buttons, on timeout, or when the pad is
 * unplugged — then answers with the strokes, their SVG and a PNG. A lost pad is an outcome, not
 * a failure: the strokes so far come back so nothing the customer wrote is lost.
 */
import {
  strokesToSvg,
  type CaptureOutcome,
  type PadSummary,
  type SignatureCapture,
  type SignatureStroke,
} from '@common/domain/signature';
import { AppFailure } from '@common/result';
import { strokesToPng } from '../../devices/signature/signature-png';
import type { SignaturePad } from '../../devices/signature/signature-pad';
import type { MonoImage } from '../../devices/signature/stu-screen';
import type { SignaturePadPort } from '../services/ports/signature-pad';

/** Opens (and initialises) the configured pad; rejects with a DeviceError. */
export type SignaturePadConnector = (options?: { summary?: MonoImage }) => Promise<SignaturePad>;

export interface SignatureServiceDeps {
  /** The configured pad; null: none (customers sign on the touchscreen). */
  connect: SignaturePadConnector | null;
  /** A finished stroke, for the live preview. */
  onStroke?: (stroke: SignatureStroke) => void;
  /** Pads without on-screen buttons: end the capture this long after the last stroke. */
  idleMs?: number;
  pngWidth?: number;
  audit?: (actor: string | null, action: string, detail: Record<string, unknown>) => Promise<void>;
}

const messageOf = (e: unknown): string => (e instanceof Error ? e.message : String(e));

export class SignatureService implements SignaturePadPort {
  private busy = false;
  private lastModel: string | null = null;
  private lastError: string | null = null;
  private readonly connect: SignaturePadConnector | null;

  constructor(private readonly o: SignatureServiceDeps) {
    this.connect = o.connect;
  }

  get configured(): boolean {
    return this.connect !== null;
  }

  /** The pad's place on the devices page: pads are opened per capture, so this is what the last one found. */
  slot(): { name: string; connected: boolean; lastError: string | null } {
    if (!this.connect)
      return { name: '未配置签名板，使用触摸屏签名 (no pad: touchscreen)', connected: false, lastError: null };
    return {
      name: this.lastModel ? `签名板 ${this.lastModel}` : '签名板 (signature pad)',
      connected: this.lastModel !== null && this.lastError === null,
      lastError: this.lastError,
    };
  }

  async capture(
    input: { timeoutMs: number; summary?: PadSummary },
    actor: string | null = null,
  ): Promise<SignatureCapture> {
    if (!this.connect) throw new AppFailure('device_error', 'device.noSignaturePad');
    if (this.busy) throw new AppFailure('conflict', 'device.signatureBusy');
    this.busy = true;
    try {
      let pad: SignaturePad;
      try {
        const summary = input.summary
          ? {
              width: input.summary.width,
              height: input.summary.height,
              bits: new Uint8Array(Buffer.from(input.summary.bitsBase64, 'base64')),
            }
          : undefined;
        pad = await this.connect({ summary });
      } catch (e) {
        const failure = new AppFailure('device_error', 'device.signaturePadOpenFailed');
        this.lastError = `${failure.message}: ${messageOf(e)}`;
        throw failure;
      }
      this.lastModel = pad.info.model;
      this.lastError = null;
      try {
        const { outcome, message } = await this.session(pad, input.timeoutMs);
        if (outcome === 'pad_disconnected') this.lastError = message;
        const signature = pad.signature();
        const result: SignatureCapture = {
          outcome,
          signature,
          svg: strokesToSvg(signature),
          pngBase64: Buffer.from(strokesToPng(signature, { width: this.o.pngWidth ?? 600 })).toString('base64'),
          pad: { source: pad.info.source, model: pad.info.model },
          message,
        };
        await this.o.audit?.(actor, 'devices.captureSignature', {
          outcome,
          pad: pad.info.model,
          strokes: signature.strokes.length,
        });
        return result;
      } finally {
        await pad.close();
      }
    } finally {
      this.busy = false;
    }
  }

  private session(pad: SignaturePad, timeoutMs: number): Promise<{ outcome: CaptureOutcome; message: string | null }> {
    const idleMs = this.o.idleMs ?? 3000;
    return new Promise((resolve) => {
      let idle: ReturnType<typeof setTimeout> | undefined;
      const finish = (outcome: CaptureOutcome, message: string | null = null): void => {
        clearTimeout(timer);
        clearTimeout(idle);
        off();
        resolve({ outcome, message });
      };
      const timer = setTimeout(
        () => finish('timeout', `${Math.round(timeoutMs / 1000)} 秒内未确认 (not confirmed in time)`),
        timeoutMs,
      );
      const off = pad.on((event) => {
        if (event.type === 'stroke') {
          this.o.onStroke?.(event.stroke);
          if (!pad.info.hasButtons) {
            clearTimeout(idle);
            idle = setTimeout(() => finish('confirmed', '书写停止，自动确认 (pen idle, taken as confirmed)'), idleMs);
          }
        } else if (event.type === 'pen-down') clearTimeout(idle);
        else if (event.type === 'confirm') finish('confirmed');
        else if (event.type === 'cancel') finish('cancelled');
        else if (event.type === 'error' && event.error.code === 'pad_disconnected') {
          finish(
            'pad_disconnected',
            `签名板已断开，已保留 ${event.strokes.length} 笔，请改用触摸屏 (pad unplugged; strokes kept, continue on the touchscreen)`,
          );
        }
      });
    });
  }
}
