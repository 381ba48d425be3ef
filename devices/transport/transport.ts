/**
 * The byte pipe every device driver talks through. Drivers never see sockets, serial ports or HID
 * handles, so the same driver runs against real hardware, a loopback simulator or an in-memory fake.
 */
import { reportDeviceFault } from '../fault-sink';

export type DeviceErrorCode =
  | 'timeout'
  | 'disconnected'
  | 'open_failed'
  | 'write_failed'
  | 'protocol'
  | 'paper_out'
  | 'cover_open'
  | 'offline'
  /** ID card readers: no card (or it left before select), the SAM module failed, the card could not be read. */
  | 'no_card'
  | 'sam_error'
  | 'card_error'
  /** Signature pads: the pad went away mid-signature (strokes so far are kept), or is not a pad we can drive. */
  | 'pad_disconnected'
  | 'unsupported_device';

/** The one error type that leaves devices/: callers switch on `code`, never on message text. */
export class DeviceError extends Error {
  constructor(
    readonly code: DeviceErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'DeviceError';
  }
}

export const isDeviceError = (value: unknown): value is DeviceError => value instanceof DeviceError;

/** Wraps anything thrown by lower layers so nothing untyped escapes a driver. */
export function toDeviceError(value: unknown, fallback: DeviceErrorCode): DeviceError {
  if (value instanceof DeviceError) return value;
  const message = value instanceof Error ? value.message : String(value);
  return new DeviceError(fallback, message, { cause: value });
}

export type Unsubscribe = () => void;

export interface Transport {
  /** Rejects with DeviceError('open_failed' | 'timeout'). */
  open(): Promise<void>;
  /** Idempotent; never rejects. */
  close(): Promise<void>;
  /** Resolves once the bytes are handed to the OS; rejects with DeviceError('write_failed' | 'disconnected'). */
  write(bytes: Uint8Array): Promise<void>;
  /** Chunks may be views on pooled memory: copy what you keep. */
  onData(listener: (chunk: Uint8Array) => void): Unsubscribe;
  /** `error` is set when the link dropped without a close() from our side. */
  onClose(listener: (error?: DeviceError) => void): Unsubscribe;
  readonly isOpen: boolean;
}

/**
 * Collects incoming bytes until `predicate(received)` is true, then resolves with everything
 * received since the call. Subscribe (call this) *before* writing the request, so a fast reply
 * cannot slip past. Rejects with DeviceError('timeout') or DeviceError('disconnected').
 */
export function readUntil(
  transport: Transport,
  predicate: (received: Uint8Array) => boolean,
  timeoutMs: number,
): Promise<Uint8Array> {
  return new Promise<Uint8Array>((resolve, reject) => {
    let received = new Uint8Array(0);
    let settled = false;
    const finish = (outcome: () => void): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      offData();
      offClose();
      outcome();
    };
    const timer = setTimeout(() => {
      finish(() =>
        reject(
          new DeviceError('timeout', `no complete reply within ${timeoutMs} ms (${received.length} bytes received)`),
        ),
      );
    }, timeoutMs);
    const offData = transport.onData((chunk) => {
      if (settled) return;
      const next = new Uint8Array(received.length + chunk.length);
      next.set(received, 0);
      next.set(chunk, received.length);
      received = next;
      let done: boolean;
      try {
        done = predicate(received);
      } catch (error) {
        finish(() => reject(toDeviceError(error, 'protocol')));
        return;
      }
      if (done) finish(() => resolve(received));
    });
    const offClose = transport.onClose((error) => {
      finish(() => reject(error ?? new DeviceError('disconnected', 'transport closed while waiting for a reply')));
    });
  });
}

/** Small listener set used by transports, drivers and simulators alike. */
export class Emitter<T> {
  private readonly listeners = new Set<(value: T) => void>();

  on(listener: (value: T) => void): Unsubscribe {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  /** A throwing listener must not break the device loop or starve the other listeners. */
  emit(value: T): void {
    for (const listener of [...this.listeners]) {
      try {
        listener(value);
      } catch (error) {
        reportDeviceFault('device event listener failed', error);
      }
    }
  }

  get size(): number {
    return this.listeners.size;
  }
}

/** Write to a Node stream (socket, pty, serial): resolves when flushed, typed errors otherwise. */
export function writeToStream(
  stream: {
    destroyed: boolean;
    writable: boolean;
    write(bytes: Uint8Array, cb: (error?: Error | null) => void): unknown;
  } | null,
  bytes: Uint8Array,
  label: string,
): Promise<void> {
  if (!stream || stream.destroyed || !stream.writable)
    return Promise.reject(new DeviceError('disconnected', `${label}: not open`));
  return new Promise<void>((resolve, reject) => {
    stream.write(bytes, (error) => {
      if (error) reject(new DeviceError('write_failed', `${label}: ${error.message}`, { cause: error }));
      else resolve();
    });
  });
}
