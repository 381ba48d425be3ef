/**
 * Receipt printer driver over any Transport: owns the status conversation (DLE EOT queries and
 * Automatic Status Back), refuses to send a job into a printer that cannot print it, and emits
 * status changes. Jobs are opaque ESC/POS bytes (see templates.ts); ordering and retries live in
 * PrintQueue.
 */
import { DeviceError, Emitter, toDeviceError, type Transport, type Unsubscribe } from '../transport/transport';
import {
  applyRealtimeStatus,
  ENABLE_AUTOMATIC_STATUS_BACK,
  notReadyReason,
  parseRealtimeStatus,
  READY_STATUS,
  sameStatus,
  StatusStreamReader,
  statusRequest,
  type PrinterStatus,
  type RealtimeStatus,
  type StatusRequest,
} from './printer-status';

export interface ReceiptPrinterOptions {
  /** How long to wait for one real-time status byte. Printers answer in milliseconds. */
  replyTimeoutMs?: number;
  /** Ask the printer to push status changes (GS a). Polling still backs it up while waiting. */
  automaticStatusBack?: boolean;
  /** Poll period while waiting for a printer to become ready again. */
  pollIntervalMs?: number;
}

const NOT_READY_MESSAGES = {
  paper_out: 'printer is out of paper',
  cover_open: 'printer cover is open',
  offline: 'printer is offline or in error',
} as const;

export function notReadyError(status: PrinterStatus): DeviceError | null {
  const reason = notReadyReason(status);
  return reason ? new DeviceError(reason, NOT_READY_MESSAGES[reason]) : null;
}

interface ReplyWaiter {
  resolve: (byte: number) => void;
  reject: (error: DeviceError) => void;
  timer: ReturnType<typeof setTimeout>;
}

export class ReceiptPrinter {
  private readonly replyTimeoutMs: number;
  private readonly automaticStatusBack: boolean;
  private readonly pollIntervalMs: number;
  private readonly reader = new StatusStreamReader();
  /** Real-time replies carry no tag; they come back in request order, so a FIFO pairs them. */
  private readonly waiters: ReplyWaiter[] = [];
  private readonly statusEvents = new Emitter<PrinterStatus>();
  private readonly disconnects = new Emitter<DeviceError>();
  private current: PrinterStatus | null = null;
  /** Queries are serialised so a timed-out reply cannot be paired with a later request's waiter mid-sequence. */
  private queryChain: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly transport: Transport,
    options: ReceiptPrinterOptions = {},
  ) {
    this.replyTimeoutMs = options.replyTimeoutMs ?? 2000;
    this.automaticStatusBack = options.automaticStatusBack ?? true;
    this.pollIntervalMs = options.pollIntervalMs ?? 2000;
    transport.onData((chunk) => this.receive(chunk));
    transport.onClose((error) => {
      const reason = error ?? new DeviceError('disconnected', 'printer connection closed');
      for (const waiter of this.waiters.splice(0)) {
        clearTimeout(waiter.timer);
        waiter.reject(reason);
      }
      this.disconnects.emit(reason);
    });
  }

  /** Opens the transport, turns on status push, and returns the first full status. */
  async connect(): Promise<PrinterStatus> {
    await this.transport.open();
    if (this.automaticStatusBack) await this.transport.write(ENABLE_AUTOMATIC_STATUS_BACK);
    return this.queryStatus();
  }

  close(): Promise<void> {
    return this.transport.close();
  }

  /** Last known status, or null before the first reply. */
  get status(): PrinterStatus | null {
    return this.current;
  }

  onStatus(listener: (status: PrinterStatus) => void): Unsubscribe {
    return this.statusEvents.on(listener);
  }

  onDisconnect(listener: (error: DeviceError) => void): Unsubscribe {
    return this.disconnects.on(listener);
  }

  /** DLE EOT 4 (paper), 2 (cover, error), 1 (online), and 3 (error cause) when 2 reports an error. */
  queryStatus(): Promise<PrinterStatus> {
    const run = async (): Promise<PrinterStatus> => {
      let status: PrinterStatus = { ...(this.current ?? READY_STATUS) };
      for (const n of [4, 2, 1] as const) {
        const reply = await this.request(n);
        status = applyRealtimeStatus(status, reply);
        if (reply.request === 2 && reply.error) status = applyRealtimeStatus(status, await this.request(3));
      }
      this.setStatus(status);
      return status;
    };
    const result = this.queryChain.then(run, run);
    this.queryChain = result.catch(() => undefined);
    return result;
  }

  /**
   * Checks the printer can print, then sends the job. Resolves when the bytes are written — not
   * when paper comes out: real printers answer DLE EOT as bytes arrive, so confirming needs a status
   * query after the job (PrintQueue does that).
   */
  async print(job: Uint8Array): Promise<void> {
    const status = await this.queryStatus();
    const refusal = notReadyError(status);
    if (refusal) throw refusal;
    try {
      await this.transport.write(job);
    } catch (error) {
      throw toDeviceError(error, 'write_failed');
    }
  }

  /**
   * Resolves with the status once the printer can print (pushed by ASB or found by polling);
   * resolves null if `signal` aborts; rejects DeviceError('disconnected') if the link drops.
   */
  waitUntilReady(signal?: AbortSignal): Promise<PrinterStatus | null> {
    return new Promise<PrinterStatus | null>((resolve, reject) => {
      let settled = false;
      let timer: ReturnType<typeof setTimeout> | undefined;
      const finish = (outcome: () => void): void => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        offStatus();
        offDisconnect();
        signal?.removeEventListener('abort', onAbort);
        outcome();
      };
      const check = (status: PrinterStatus): void => {
        if (notReadyReason(status) === null) finish(() => resolve(status));
      };
      const poll = (): void => {
        if (settled) return;
        this.queryStatus().then(
          (status) => {
            check(status);
            if (!settled) timer = setTimeout(poll, this.pollIntervalMs);
          },
          (error: unknown) => {
            const deviceError = toDeviceError(error, 'protocol');
            if (deviceError.code === 'disconnected' || !this.transport.isOpen) finish(() => reject(deviceError));
            else if (!settled) timer = setTimeout(poll, this.pollIntervalMs);
          },
        );
      };
      const onAbort = (): void => finish(() => resolve(null));
      const offStatus = this.onStatus(check);
      const offDisconnect = this.onDisconnect((error) => finish(() => reject(error)));
      if (signal?.aborted) return onAbort();
      signal?.addEventListener('abort', onAbort, { once: true });
      poll();
    });
  }

  private request(n: StatusRequest): Promise<RealtimeStatus> {
    return new Promise<number>((resolve, reject) => {
      const waiter: ReplyWaiter = {
        resolve,
        reject,
        timer: setTimeout(() => {
          const index = this.waiters.indexOf(waiter);
          if (index >= 0) this.waiters.splice(index, 1);
          reject(new DeviceError('timeout', `no reply to DLE EOT ${n} within ${this.replyTimeoutMs} ms`));
        }, this.replyTimeoutMs),
      };
      this.waiters.push(waiter);
      this.transport.write(statusRequest(n)).catch((error: unknown) => {
        const index = this.waiters.indexOf(waiter);
        if (index >= 0) this.waiters.splice(index, 1);
        clearTimeout(waiter.timer);
        reject(toDeviceError(error, 'write_failed'));
      });
    }).then((byte) => {
      const parsed = parseRealtimeStatus(n, byte);
      // The reader only hands over bytes that pass the (b & 0x93) == 0x12 check, so this holds.
      if (!parsed.ok) throw new DeviceError('protocol', parsed.error.message);
      return parsed.value;
    });
  }

  private receive(chunk: Uint8Array): void {
    for (const message of this.reader.push(chunk)) {
      if (message.type === 'realtime') {
        const waiter = this.waiters.shift();
        if (!waiter) continue; // a reply whose request already timed out
        clearTimeout(waiter.timer);
        waiter.resolve(message.byte);
      } else if (message.type === 'automatic') {
        const {
          offline,
          coverOpen,
          paperOut,
          paperNearEnd,
          autocutterError,
          unrecoverableError,
          autoRecoverableError,
        } = message.status;
        this.setStatus({
          offline,
          coverOpen,
          paperOut,
          paperNearEnd,
          autocutterError,
          unrecoverableError,
          autoRecoverableError,
        });
      }
    }
  }

  private setStatus(status: PrinterStatus): void {
    const previous = this.current;
    this.current = status;
    if (!previous || !sameStatus(previous, status)) this.statusEvents.emit(status);
  }
}
