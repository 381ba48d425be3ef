/** Shared test helpers for device tests (not a test file itself). */
import { DeviceError, Emitter, type Transport, type Unsubscribe } from '../../../devices/transport/transport';

/** "1B 40 0a" → bytes. Golden vectors read like the protocol documentation. */
export const hex = (text: string): Uint8Array =>
  Uint8Array.from(
    text
      .trim()
      .split(/\s+/)
      .filter((part) => part.length > 0)
      .map((part) => {
        const value = Number.parseInt(part, 16);
        if (!/^[0-9a-fA-F]{2}$/.test(part)) throw new Error(`bad hex byte ${part}`);
        return value;
      }),
  );

export const toHex = (bytes: Uint8Array): string =>
  Array.from(bytes, (b) => b.toString(16).padStart(2, '0').toUpperCase()).join(' ');

/** Resolves with the first event that matches; tests await events, never sleep. */
export function nextEvent<T>(
  subscribe: (listener: (value: T) => void) => Unsubscribe,
  match: (value: T) => boolean = () => true,
): Promise<T> {
  return new Promise<T>((resolve) => {
    const off = subscribe((value) => {
      if (!match(value)) return;
      off();
      resolve(value);
    });
  });
}

/** In-memory transport: records writes, lets the test push replies. */
export class FakeTransport implements Transport {
  readonly written: Uint8Array[] = [];
  isOpen = false;
  /** Called on each write; return bytes to reply with (delivered asynchronously like a socket). */
  responder: ((bytes: Uint8Array) => Uint8Array | null) | null = null;
  private readonly data = new Emitter<Uint8Array>();
  private readonly closed = new Emitter<DeviceError | undefined>();

  async open(): Promise<void> {
    this.isOpen = true;
  }
  async close(): Promise<void> {
    if (!this.isOpen) return;
    this.isOpen = false;
    this.closed.emit(undefined);
  }
  async write(bytes: Uint8Array): Promise<void> {
    if (!this.isOpen) throw new DeviceError('disconnected', 'fake transport closed');
    this.written.push(bytes.slice());
    const reply = this.responder?.(bytes);
    if (reply) setImmediate(() => this.data.emit(reply));
  }
  push(bytes: Uint8Array): void {
    this.data.emit(bytes);
  }
  drop(): void {
    this.isOpen = false;
    this.closed.emit(new DeviceError('disconnected', 'fake link dropped'));
  }
  onData(listener: (chunk: Uint8Array) => void): Unsubscribe {
    return this.data.on(listener);
  }
  onClose(listener: (error?: DeviceError) => void): Unsubscribe {
    return this.closed.on(listener);
  }
}
