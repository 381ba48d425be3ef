/**
 * An in-memory duplex: two Transports wired back to back, so a driver and a simulator can talk the
 * real protocol in one process without sockets or ports. Delivery is asynchronous (like a socket)
 * and can be split into small chunks, so codecs face the same fragmentation as on a serial line.
 */
import { DeviceError, Emitter, type Transport, type Unsubscribe } from './transport';

export interface TransportPairOptions {
  /** Split every write into chunks of at most this many bytes (0: one chunk per write). */
  chunkSize?: number;
}

class MemoryEnd implements Transport {
  peer!: MemoryEnd;
  private open_ = false;
  private readonly data = new Emitter<Uint8Array>();
  private readonly closed = new Emitter<DeviceError | undefined>();

  constructor(
    readonly label: string,
    private readonly chunkSize: number,
  ) {}

  get isOpen(): boolean {
    return this.open_;
  }

  async open(): Promise<void> {
    this.open_ = true;
  }

  async close(): Promise<void> {
    if (!this.open_) return;
    this.open_ = false;
    this.closed.emit(undefined);
    // The far end sees the link drop, as a serial peer or socket would.
    this.peer.hangUp();
  }

  /** Test hook: the link drops under both ends. */
  disconnect(): void {
    this.hangUp();
    this.peer.hangUp();
  }

  private hangUp(): void {
    if (!this.open_) return;
    this.open_ = false;
    this.closed.emit(new DeviceError('disconnected', `${this.label}: peer closed`));
  }

  async write(bytes: Uint8Array): Promise<void> {
    if (!this.open_) throw new DeviceError('disconnected', `${this.label}: not open`);
    const copy = bytes.slice();
    const size = this.chunkSize > 0 ? this.chunkSize : copy.length || 1;
    for (let at = 0; at < copy.length; at += size) {
      const chunk = copy.subarray(at, at + size);
      setImmediate(() => this.peer.deliver(chunk));
    }
  }

  private deliver(chunk: Uint8Array): void {
    if (this.open_) this.data.emit(chunk);
  }

  onData(listener: (chunk: Uint8Array) => void): Unsubscribe {
    return this.data.on(listener);
  }

  onClose(listener: (error?: DeviceError) => void): Unsubscribe {
    return this.closed.on(listener);
  }
}

export type MemoryTransport = Transport & { readonly label: string; disconnect(): void };

/** [host end, device end]. Bytes written to one arrive at the other if it is open. */
export function createTransportPair(options: TransportPairOptions = {}): [MemoryTransport, MemoryTransport] {
  const a = new MemoryEnd('memory:host', options.chunkSize ?? 0);
  const b = new MemoryEnd('memory:device', options.chunkSize ?? 0);
  a.peer = b;
  b.peer = a;
  return [a, b];
}
