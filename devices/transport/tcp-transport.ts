/**
 * Raw TCP, as network receipt printers speak it on port 9100 (and serial-to-TCP servers in front of
 * card readers). Two-way: status replies come back on the same socket.
 */
import net from 'node:net';
import { DeviceError, Emitter, writeToStream, type Transport, type Unsubscribe } from './transport';

export interface TcpTransportOptions {
  host: string;
  port: number;
  /** A powered-off printer on the LAN often drops SYNs silently; don't hang the caller. */
  connectTimeoutMs?: number;
}

export class TcpTransport implements Transport {
  private socket: net.Socket | null = null;
  private closing = false;
  private readonly data = new Emitter<Uint8Array>();
  private readonly closed = new Emitter<DeviceError | undefined>();

  constructor(private readonly options: TcpTransportOptions) {}

  get isOpen(): boolean {
    return this.socket !== null;
  }

  get label(): string {
    return `tcp://${this.options.host}:${this.options.port}`;
  }

  open(): Promise<void> {
    if (this.socket) return Promise.resolve();
    const timeoutMs = this.options.connectTimeoutMs ?? 3000;
    return new Promise<void>((resolve, reject) => {
      const socket = net.createConnection({ host: this.options.host, port: this.options.port });
      const timer = setTimeout(() => {
        socket.destroy();
        reject(new DeviceError('timeout', `${this.label}: no connection within ${timeoutMs} ms`));
      }, timeoutMs);
      socket.once('error', (error) => {
        clearTimeout(timer);
        socket.destroy();
        reject(new DeviceError('open_failed', `${this.label}: ${error.message}`, { cause: error }));
      });
      socket.once('connect', () => {
        clearTimeout(timer);
        socket.removeAllListeners('error');
        this.attach(socket);
        resolve();
      });
    });
  }

  private attach(socket: net.Socket): void {
    // Small status queries must not wait for Nagle's delay.
    socket.setNoDelay(true);
    socket.setKeepAlive(true, 10_000);
    this.socket = socket;
    this.closing = false;
    socket.on('data', (chunk: Buffer) => {
      this.data.emit(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength));
    });
    let lastError: Error | undefined;
    socket.on('error', (error) => {
      lastError = error;
    });
    socket.on('close', () => {
      if (this.socket === socket) this.socket = null;
      const expected = this.closing;
      this.closed.emit(
        expected
          ? undefined
          : new DeviceError(
              'disconnected',
              `${this.label}: connection lost${lastError ? `: ${lastError.message}` : ''}`,
              {
                cause: lastError,
              },
            ),
      );
    });
  }

  close(): Promise<void> {
    const socket = this.socket;
    if (!socket) return Promise.resolve();
    this.closing = true;
    return new Promise<void>((resolve) => {
      socket.once('close', () => resolve());
      socket.end();
      // A peer that never acknowledges FIN must not keep close() pending.
      setTimeout(() => socket.destroy(), 1000).unref();
    });
  }

  write(bytes: Uint8Array): Promise<void> {
    return writeToStream(this.socket, bytes, this.label);
  }

  onData(listener: (chunk: Uint8Array) => void): Unsubscribe {
    return this.data.on(listener);
  }

  onClose(listener: (error?: DeviceError) => void): Unsubscribe {
    return this.closed.on(listener);
  }
}
