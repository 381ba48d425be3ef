/**
 * Resident ID card reader driver (GA 467 SAM) over any Transport: one command at a time, each with a
 * timeout; find → select → read; and a polling loop that turns the reader into events —
 * card-present, card-read (once per card, keyed by its ID number until it is removed),
 * card-removed, error. Every failure leaves as a DeviceError; the loop keeps polling after card and
 * protocol errors (the next poll recovers) and stops only when the link drops.
 */
import { DeviceError, Emitter, toDeviceError, type Transport, type Unsubscribe } from '../transport/transport';
import { decodeCardText, type DecodeCardOptions, type IdCard } from './card-text';
import { nullPhotoDecoder, parseReadData, type PhotoDecoder } from './read-data';
import {
  decodeReply,
  encodeCommand,
  SamFrameReader,
  type SamCommandName,
  type SamReply,
  type SamStatus,
} from './sam-frame';

/** A SAM that answered, but not with what the step needed. `status` is its SW3, decoded. */
export class SamError extends DeviceError {
  constructor(
    readonly status: SamStatus,
    readonly command: SamCommandName,
  ) {
    super(samErrorCode(status), `${command}: SW3 0x${status.sw3.toString(16).padStart(2, '0')} ${status.message}`);
    this.name = 'SamError';
  }
}

function samErrorCode(status: SamStatus): 'no_card' | 'sam_error' | 'card_error' {
  switch (status.code) {
    case 'no_card':
    case 'select_failed':
      return 'no_card';
    case 'sam_self_test_failed':
    case 'sam_not_authorised':
    case 'checksum_error':
    case 'length_error':
    case 'command_error':
    case 'unauthorised':
      return 'sam_error';
    default:
      return 'card_error';
  }
}

export interface IdCardReaderOptions {
  /** SAM status, SAM id, find and select answer within tens of milliseconds. */
  replyTimeoutMs?: number;
  /** A read moves ~1.3 KiB (2.3 KiB with fingerprints) from the card over RF: allow for it. */
  readTimeoutMs?: number;
  pollIntervalMs?: number;
  /** Use 30 10 (text + photo + fingerprint) instead of 30 01. */
  fingerprint?: boolean;
  photoDecoder?: PhotoDecoder;
  decode?: DecodeCardOptions;
}

export interface IdCardReading {
  card: IdCard;
  /** WLT as read; `image` is what the PhotoDecoder made of it (null without a vendor decoder). */
  photo: { wlt: Uint8Array; image: Uint8Array | null };
  fingerprint: Uint8Array | null;
  readAt: string;
}

export type IdCardReaderEvent =
  | { type: 'card-present' }
  | { type: 'card-read'; reading: IdCardReading }
  | { type: 'card-removed' }
  | { type: 'error'; error: DeviceError };

interface Pending {
  command: SamCommandName;
  resolve: (reply: SamReply) => void;
  reject: (error: DeviceError) => void;
  timer: ReturnType<typeof setTimeout>;
}

type CardState = 'absent' | 'present' | 'read';

export class IdCardReader {
  private readonly replyTimeoutMs: number;
  private readonly readTimeoutMs: number;
  private readonly pollIntervalMs: number;
  private readonly fingerprint: boolean;
  private readonly photoDecoder: PhotoDecoder;
  private readonly frames = new SamFrameReader();
  private readonly events = new Emitter<IdCardReaderEvent>();
  private pending: Pending | null = null;
  /** Commands are serialised: replies carry no tag, so only one may be outstanding. */
  private chain: Promise<unknown> = Promise.resolve();
  private state: CardState = 'absent';
  private lastKey: string | null = null;
  private polling = false;
  private pollTimer: ReturnType<typeof setTimeout> | undefined;
  private currentPoll: Promise<void> | null = null;

  constructor(
    private readonly transport: Transport,
    private readonly options: IdCardReaderOptions = {},
  ) {
    this.replyTimeoutMs = options.replyTimeoutMs ?? 1000;
    this.readTimeoutMs = options.readTimeoutMs ?? 5000;
    this.pollIntervalMs = options.pollIntervalMs ?? 300;
    this.fingerprint = options.fingerprint ?? false;
    this.photoDecoder = options.photoDecoder ?? nullPhotoDecoder;
    transport.onData((chunk) => this.receive(chunk));
    transport.onClose((error) => {
      const reason = error ?? new DeviceError('disconnected', 'card reader connection closed');
      this.settle((p) => p.reject(reason));
      if (this.polling) {
        this.stopTimer();
        this.polling = false;
        this.events.emit({ type: 'error', error: reason });
      }
    });
  }

  on(listener: (event: IdCardReaderEvent) => void): Unsubscribe {
    return this.events.on(listener);
  }

  open(): Promise<void> {
    return this.transport.open();
  }

  async close(): Promise<void> {
    await this.stop();
    await this.transport.close();
  }

  /** Sends one command and resolves with the reply, whatever its SW3. */
  command(name: SamCommandName, timeoutMs = this.replyTimeoutMs): Promise<SamReply> {
    const run = (): Promise<SamReply> =>
      new Promise<SamReply>((resolve, reject) => {
        // Bytes left over from a timed-out exchange must not be taken for this reply.
        this.frames.reset();
        const pending: Pending = {
          command: name,
          resolve,
          reject,
          timer: setTimeout(() => {
            if (this.pending === pending) this.pending = null;
            reject(new DeviceError('timeout', `${name}: no reply within ${timeoutMs} ms`));
          }, timeoutMs),
        };
        this.pending = pending;
        this.transport.write(encodeCommand(name)).catch((error: unknown) => {
          this.settle((p) => p.reject(toDeviceError(error, 'write_failed')), pending);
        });
      });
    const result = this.chain.then(run, run);
    this.chain = result.catch(() => undefined);
    return result;
  }

  /** 11 FF: resolves when the SAM reports itself well (SW3 90); rejects SamError otherwise. */
  async probe(): Promise<SamStatus> {
    return (await this.expect('samStatus', 0x90)).status;
  }

  /** 12 FF: the SAM's id as printed on vendor tools, e.g. "05.01-20101010-0012345678-0123456789". */
  async samId(): Promise<string> {
    return formatSamId((await this.expect('samId', 0x90)).data);
  }

  /** 20 01: true for 9F, false for 80; anything else is a SamError. */
  async findCard(): Promise<boolean> {
    const reply = await this.command('findCard');
    if (reply.status.sw3 === 0x9f) return true;
    if (reply.status.sw3 === 0x80) return false;
    throw new SamError(reply.status, 'findCard');
  }

  async selectCard(): Promise<void> {
    await this.expect('selectCard', 0x90);
  }

  /** One full read: find → select → read. Rejects DeviceError('no_card') when there is no card. */
  async readCard(): Promise<IdCardReading> {
    if (!(await this.findCard())) throw new DeviceError('no_card', 'no card on the reader');
    await this.selectCard();
    return this.readSelected();
  }

  /** 30 03: the address appended after the card was issued (on the back, 91 when there is none). */
  async readAppendedAddress(): Promise<string | null> {
    const reply = await this.command('readAppendedAddress', this.readTimeoutMs);
    if (reply.status.code === 'no_content') return null;
    if (reply.status.sw3 !== 0x90) throw new SamError(reply.status, 'readAppendedAddress');
    let text = '';
    for (let i = 0; i + 1 < reply.data.length; i += 2)
      text += String.fromCharCode(reply.data[i] | (reply.data[i + 1] << 8));
    return text.replace(/[\s\0]+$/u, '') || null;
  }

  /** Starts the polling loop (idempotent). */
  start(): void {
    if (this.polling) return;
    this.polling = true;
    this.schedule(0);
  }

  /** Stops polling and waits for a poll in flight to finish. */
  async stop(): Promise<void> {
    this.polling = false;
    this.stopTimer();
    await this.currentPoll;
  }

  /** One poll step, exposed so tests and the technician CLI can drive the loop by hand. */
  async poll(): Promise<void> {
    try {
      const found = await this.findCard();
      if (!found) {
        if (this.state !== 'absent') {
          this.state = 'absent';
          this.lastKey = null;
          this.events.emit({ type: 'card-removed' });
        }
        return;
      }
      if (this.state === 'absent') {
        this.state = 'present';
        this.events.emit({ type: 'card-present' });
      }
      // A card stays on the reader for seconds: read it once, not on every poll.
      if (this.state === 'read') return;
      await this.selectCard();
      const reading = await this.readSelected();
      this.state = 'read';
      if (reading.card.idNumber !== this.lastKey) {
        this.lastKey = reading.card.idNumber;
        this.events.emit({ type: 'card-read', reading });
      }
    } catch (error) {
      this.events.emit({ type: 'error', error: toDeviceError(error, 'protocol') });
    }
  }

  private schedule(delayMs: number): void {
    this.pollTimer = setTimeout(() => {
      if (!this.polling) return;
      this.currentPoll = this.poll().finally(() => {
        this.currentPoll = null;
        if (this.polling) this.schedule(this.pollIntervalMs);
      });
    }, delayMs);
  }

  private stopTimer(): void {
    clearTimeout(this.pollTimer);
    this.pollTimer = undefined;
  }

  private async expect(name: SamCommandName, sw3: number): Promise<SamReply> {
    const reply = await this.command(name);
    if (reply.status.sw3 !== sw3) throw new SamError(reply.status, name);
    return reply;
  }

  private async readSelected(): Promise<IdCardReading> {
    const name = this.fingerprint ? 'readWithFingerprint' : 'readText';
    const reply = await this.command(name, this.readTimeoutMs);
    if (reply.status.sw3 !== 0x90) throw new SamError(reply.status, name);
    const data = parseReadData(reply.data, this.fingerprint);
    if (!data.ok) throw new DeviceError('protocol', `${name}: ${data.error.message}`);
    const card = decodeCardText(data.value.text, this.options.decode);
    if (!card.ok) throw new DeviceError('protocol', `${name}: ${card.error.message}`);
    // A broken vendor library costs the photo, not the reading.
    const image = await Promise.resolve()
      .then(() => this.photoDecoder.decode(data.value.photo))
      .catch(() => null);
    return {
      card: card.value,
      photo: { wlt: data.value.photo, image },
      fingerprint: data.value.fingerprint,
      readAt: new Date().toISOString(),
    };
  }

  private receive(chunk: Uint8Array): void {
    for (const event of this.frames.push(chunk)) {
      if (event.type === 'frame') {
        const reply = decodeReply(event.payload);
        // A frame nobody waits for is the late answer to a timed-out command: drop it.
        this.settle((p) =>
          reply.ok
            ? p.resolve(reply.value)
            : p.reject(new DeviceError('protocol', `${p.command}: ${reply.error.message}`)),
        );
      } else if (event.type === 'error') {
        this.settle((p) =>
          p.reject(new DeviceError('protocol', `${p.command}: reply ${event.code}: ${event.message}`)),
        );
      }
    }
  }

  private settle(outcome: (pending: Pending) => void, only?: Pending): void {
    const pending = this.pending;
    if (!pending || (only && pending !== only)) return;
    this.pending = null;
    clearTimeout(pending.timer);
    outcome(pending);
  }
}

/** 16 bytes, little-endian fields: u16 . u16 - u32 - u32 - u32 (the form vendor tools print). */
export function formatSamId(data: Uint8Array): string {
  if (data.length !== 16) return Array.from(data, (b) => b.toString(16).padStart(2, '0')).join('');
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const pad = (n: number, width: number): string => String(n).padStart(width, '0');
  return `${pad(view.getUint16(0, true), 2)}.${pad(view.getUint16(2, true), 2)}-${pad(view.getUint32(4, true), 8)}-${pad(view.getUint32(8, true), 10)}-${pad(view.getUint32(12, true), 10)}`;
}
