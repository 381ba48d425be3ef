/**
 * Adapts any node Duplex stream (a serial port, a pipe, a pty opened by something else) to the
 * Transport interface, so drivers and simulators can sit on either end of a real byte stream. The
 * serial transport is this plus how to open and close a SerialPort.
 */
import type { Duplex } from 'node:stream';
import { DeviceError, Emitter, writeToStream, toDeviceError, type Transport, type Unsubscribe } from './transport';

export interface StreamTransportHooks {
  /** Returns an open stream; rejections become DeviceError('open_failed') unless already typed. */
  open(): Promise<Duplex>;
  /** Default: end() then destroy(). */
  close?(stream: Duplex): Promise<void>;
}

export class StreamTransport implements Transport {
  private stream: Duplex | null = null;
  private closing = false;
  private readonly data = new Emitter<Uint8Array>();
  private readonly closed = new Emitter<DeviceError | undefined>();

  constructor(
    readonly label: string,
    private readonly hooks: StreamTransportHooks,
  ) {}

  get isOpen(): boolean {
    return this.stream !== null;
  }

  async open(): Promise<void> {
    if (this.stream) return;
    let stream: Duplex;
    try {
      stream = await this.hooks.open();
    } catch (error) {
      throw toDeviceError(error, 'open_failed');
    }
    this.attach(stream);
  }

  private attach(stream: Duplex): void {
    this.stream = stream;
    this.closing = false;
    stream.on('data', (chunk: Buffer) => {
      this.data.emit(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength));
    });
    let lastError: Error | undefined;
    stream.on('error', (error: Error) => {
      lastError = error;
    });
    // SerialPort passes a DisconnectedError to 'close' when the device vanished (USB unplugged).
    stream.on('close', (reason?: unknown) => {
      if (this.stream !== stream) return;
      this.stream = null;
      const cause = reason instanceof Error ? reason : lastError;
      this.closed.emit(
        this.closing
          ? undefined
          : new DeviceError('disconnected', `${this.label}: link lost${cause ? `: ${cause.message}` : ''}`, { cause }),
      );
    });
  }

  async close(): Promise<void> {
    const stream = this.stream;
    if (!stream) return;
    this.closing = true;
    const done = new Promise<void>((resolve) => stream.once('close', () => resolve()));
    try {
      if (this.hooks.close) await this.hooks.close(stream);
      else {
        stream.end();
        stream.destroy();
      }
    } catch {
      // close() never rejects: a port that fails to close is gone for us anyway.
      stream.destroy();
    }
    await Promise.race([done, new Promise<void>((resolve) => setTimeout(resolve, 1000).unref())]);
    if (this.stream === stream) {
      this.stream = null;
      this.closed.emit(undefined);
    }
  }

  write(bytes: Uint8Array): Promise<void> {
    return writeToStream(this.stream, bytes, this.label);
  }

  onData(listener: (chunk: Uint8Array) => void): Unsubscribe {
    return this.data.on(listener);
  }

  onClose(listener: (error?: DeviceError) => void): Unsubscribe {
    return this.closed.on(listener);
  }
}
