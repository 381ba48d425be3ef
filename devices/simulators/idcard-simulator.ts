/**
 * An ID card reader (SAM) on the far end of a Transport: it frames what the host sends with the real
 * codec, answers every GA 467 command from a virtual card, and can be told to misbehave — a corrupt
 * reply, an SW3 error code, silence, or the card leaving mid-read. Used by tests, by the technician
 * CLI's self-test, and over a pseudo-terminal to exercise the serial transport end to end.
 */
import { encodeCardText, type CardTextFields } from '../idcard/card-text';
import { encodeReadData, FINGERPRINT_LENGTH, PHOTO_LENGTH } from '../idcard/read-data';
import { decodeCommand, encodeReply, SamFrameReader, type SamCommandName } from '../idcard/sam-frame';
import { Emitter, type Transport, type Unsubscribe } from '../transport/transport';

export interface VirtualCard {
  fields: CardTextFields;
  /** WLT bytes (default: 1024 bytes of a recognisable pattern). */
  photo?: Uint8Array;
  /** 1024 bytes; absent means the card holds no fingerprints (30 10 answers with length 0). */
  fingerprint?: Uint8Array;
  /** Answered to 30 03; absent → SW3 91 (no such content). */
  appendedAddress?: string;
}

export type IdCardFault =
  /** The reply's CHK is flipped. */
  | { kind: 'bad_checksum' }
  /** The reply is this SW3 with no data (e.g. 0x60 SAM self-test failed). */
  | { kind: 'sam_status'; sw3: number }
  /** No reply at all: the host times out. */
  | { kind: 'silent' }
  /** The card leaves the field during the read: SW3 41, and it is gone afterwards. */
  | { kind: 'remove_during_read' };

export interface ReceivedCommand {
  name: SamCommandName | null;
  cmd: number;
  para: number;
}

export interface IdCardSimulatorOptions {
  card?: VirtualCard | null;
  /** 16 bytes answered to 12 FF. */
  samId?: Uint8Array;
}

interface ArmedFault {
  fault: IdCardFault;
  on: SamCommandName | null;
}

const READ_COMMANDS: readonly SamCommandName[] = ['readText', 'readWithFingerprint'];

export const DEFAULT_SAM_ID = Uint8Array.of(
  5,
  0,
  1,
  0,
  0x8a,
  0xb0,
  0x33,
  0x01,
  0x4e,
  0x61,
  0xbc,
  0x00,
  0xd2,
  0x02,
  0x96,
  0x49,
);

export class IdCardSimulator {
  private readonly frames = new SamFrameReader();
  private readonly received = new Emitter<ReceivedCommand>();
  private readonly faults: ArmedFault[] = [];
  private card: VirtualCard | null;
  private selected = false;
  private readonly samId: Uint8Array;
  private readonly offData: Unsubscribe;

  constructor(
    private readonly transport: Transport,
    options: IdCardSimulatorOptions = {},
  ) {
    this.card = options.card ?? null;
    this.samId = options.samId ?? DEFAULT_SAM_ID;
    this.offData = transport.onData((chunk) => this.receive(chunk));
  }

  /** Opens the device end and starts answering. */
  static async start(transport: Transport, options: IdCardSimulatorOptions = {}): Promise<IdCardSimulator> {
    const simulator = new IdCardSimulator(transport, options);
    await transport.open();
    return simulator;
  }

  insertCard(card: VirtualCard): void {
    this.card = card;
    this.selected = false;
  }

  removeCard(): void {
    this.card = null;
    this.selected = false;
  }

  get hasCard(): boolean {
    return this.card !== null;
  }

  /**
   * Arms a one-shot fault for the next command named `on` (default: the next read for
   * remove_during_read, the next command of any kind otherwise).
   */
  injectFault(fault: IdCardFault, on?: SamCommandName): void {
    this.faults.push({ fault, on: on ?? null });
  }

  onCommand(listener: (command: ReceivedCommand) => void): Unsubscribe {
    return this.received.on(listener);
  }

  async close(): Promise<void> {
    this.offData();
    await this.transport.close();
  }

  private receive(chunk: Uint8Array): void {
    for (const event of this.frames.push(chunk)) {
      if (event.type === 'error') {
        void this.send(encodeReply(event.code === 'bad_checksum' ? 0x10 : 0x11));
      } else if (event.type === 'frame') {
        const command = decodeCommand(event.payload);
        if (!command.ok) {
          void this.send(encodeReply(0x11));
          continue;
        }
        this.received.emit(command.value);
        const reply = this.answer(command.value.name);
        if (reply) void this.send(reply);
      }
    }
  }

  private takeFault(name: SamCommandName | null): IdCardFault | null {
    const index = this.faults.findIndex(({ fault, on }) =>
      on !== null
        ? on === name
        : fault.kind === 'remove_during_read'
          ? name !== null && READ_COMMANDS.includes(name)
          : true,
    );
    return index < 0 ? null : this.faults.splice(index, 1)[0].fault;
  }

  private answer(name: SamCommandName | null): Uint8Array | null {
    const fault = this.takeFault(name);
    if (fault?.kind === 'silent') return null;
    if (fault?.kind === 'sam_status') return encodeReply(fault.sw3);
    if (fault?.kind === 'remove_during_read') {
      this.removeCard();
      return encodeReply(0x41);
    }
    const reply = this.normalReply(name);
    if (fault?.kind === 'bad_checksum') reply[reply.length - 1] ^= 0xff;
    return reply;
  }

  private normalReply(name: SamCommandName | null): Uint8Array {
    const card = this.card;
    switch (name) {
      case 'samStatus':
        return encodeReply(0x90);
      case 'samId':
        return encodeReply(0x90, this.samId);
      case 'findCard':
        return encodeReply(card ? 0x9f : 0x80);
      case 'selectCard':
        this.selected = card !== null;
        return encodeReply(card ? 0x90 : 0x81);
      case 'readText':
      case 'readWithFingerprint': {
        if (!card || !this.selected) return encodeReply(0x41);
        const text = encodeCardText(card.fields);
        const photo = card.photo ?? Uint8Array.from({ length: PHOTO_LENGTH }, (_, i) => (i * 31) & 0xff);
        if (name === 'readText') return encodeReply(0x90, encodeReadData(text, photo));
        const fingerprint = card.fingerprint ? card.fingerprint.subarray(0, FINGERPRINT_LENGTH) : new Uint8Array(0);
        return encodeReply(0x90, encodeReadData(text, photo, fingerprint));
      }
      case 'readAppendedAddress': {
        if (!card || !this.selected) return encodeReply(0x41);
        if (!card.appendedAddress) return encodeReply(0x91);
        const data = new Uint8Array(70).fill(0);
        for (let i = 0; i < 35; i++) {
          const unit = i < card.appendedAddress.length ? card.appendedAddress.charCodeAt(i) : 0x20;
          data[i * 2] = unit & 0xff;
          data[i * 2 + 1] = unit >> 8;
        }
        return encodeReply(0x90, data);
      }
      default:
        return encodeReply(0x21);
    }
  }

  private async send(bytes: Uint8Array): Promise<void> {
    try {
      await this.transport.write(bytes);
    } catch {
      // The host went away; the next command (if any) will come on a new link.
    }
  }
}
