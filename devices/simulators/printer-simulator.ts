/**
 * A network receipt printer on loopback: a real TCP server speaking the same bytes as a printer on
 * port 9100. It frames the stream with the real decoder, answers DLE EOT from its current state,
 * pushes Automatic Status Back when enabled, and keeps each receipt (bytes up to a cut) decoded.
 * Used by tests, the demo and the devices page when no printer is attached.
 *
 * Paper model: a receipt completed while the printer cannot print (paper out, cover open, offline)
 * is discarded, as the paper never came out. `runOutOfPaperAfter(n)` prints n more receipts; the
 * next one runs out of paper and is lost, which is exactly what the driver's queue must survive.
 */
import net from 'node:net';
import { decodeEscPos, scanEscPosCommand } from '../printer/escpos-decoder';
import {
  encodeAutomaticStatus,
  encodeRealtimeStatus,
  READY_STATUS,
  notReadyReason,
  sameStatus,
  type PrinterStatus,
} from '../printer/printer-status';
import { Emitter, type Unsubscribe } from '../transport/transport';

export interface PrinterSimulatorOptions {
  /** 0 or absent: an ephemeral port. */
  port?: number;
  host?: string;
  /** Receipts kept in memory, newest last. */
  keep?: number;
}

export interface DecodedReceipt {
  text: string;
  lines: string[];
  qr: string[];
  barcodes: string[];
  /** ISO time the cut arrived. */
  receivedAt: string;
  bytes: Uint8Array;
}

export interface DiscardedReceipt {
  reason: 'paper_out' | 'cover_open' | 'offline' | 'malformed';
  message: string;
  bytes: Uint8Array;
}

export interface PrinterSimulator {
  address(): { host: string; port: number };
  status(): PrinterStatus;
  setPaperOut(on: boolean): void;
  setPaperNearEnd(on: boolean): void;
  setCoverOpen(on: boolean): void;
  setOffline(on: boolean): void;
  /** Paper for `receipts` more receipts; the one after runs out. setPaperOut(false) refills without limit. */
  runOutOfPaperAfter(receipts: number): void;
  receipts(): DecodedReceipt[];
  onReceipt(listener: (receipt: DecodedReceipt) => void): Unsubscribe;
  /** Receipts that did not come out: not ready, or bytes the decoder rejected. */
  onDiscard(listener: (discarded: DiscardedReceipt) => void): Unsubscribe;
  /** Number of open client connections. */
  connections(): number;
  close(): Promise<void>;
}

/** A job larger than this without a cut is treated as garbage rather than buffered forever. */
const MAX_PENDING_BYTES = 8 * 1024 * 1024;

interface Connection {
  socket: net.Socket;
  pending: Uint8Array;
  cursor: number;
  spoiled: DiscardedReceipt['reason'] | null;
  automaticStatusBack: boolean;
}

const concat = (a: Uint8Array, b: Uint8Array): Uint8Array => {
  const out = new Uint8Array(a.length + b.length);
  out.set(a, 0);
  out.set(b, a.length);
  return out;
};

export async function startPrinterSimulator(options: PrinterSimulatorOptions = {}): Promise<PrinterSimulator> {
  const host = options.host ?? '127.0.0.1';
  const keep = options.keep ?? 50;
  const receiptEvents = new Emitter<DecodedReceipt>();
  const discardEvents = new Emitter<DiscardedReceipt>();
  const connections = new Set<Connection>();
  const kept: DecodedReceipt[] = [];
  let state: PrinterStatus = { ...READY_STATUS };
  let offlineSwitch = false;
  let paperLeft: number | null = null;

  /** Paper out and an open cover take a real printer offline too. */
  const changeState = (patch: Partial<PrinterStatus>): void => {
    const next = { ...state, ...patch };
    next.offline = offlineSwitch || next.paperOut || next.coverOpen;
    if (sameStatus(state, next)) return;
    state = next;
    const message = encodeAutomaticStatus(state);
    for (const connection of connections) {
      if (connection.automaticStatusBack && !connection.socket.destroyed) connection.socket.write(message);
    }
  };

  const discard = (discarded: DiscardedReceipt): void => discardEvents.emit(discarded);

  const completeReceipt = (connection: Connection, bytes: Uint8Array): void => {
    const notReady = notReadyReason(state);
    if (connection.spoiled || notReady) {
      const reason = connection.spoiled ?? notReady ?? 'offline';
      discard({ reason, message: `receipt not printed: ${reason}`, bytes });
      return;
    }
    if (paperLeft !== null) {
      if (paperLeft === 0) {
        changeState({ paperOut: true });
        discard({ reason: 'paper_out', message: 'ran out of paper during this receipt', bytes });
        return;
      }
      paperLeft -= 1;
    }
    const result = decodeEscPos(bytes);
    if (!result.ok) {
      discard({ reason: 'malformed', message: `${result.error.message} at ${result.error.offset}`, bytes });
      return;
    }
    const { text, lines, qr, barcodes } = result.value;
    const receipt: DecodedReceipt = { text, lines, qr, barcodes, receivedAt: new Date().toISOString(), bytes };
    kept.push(receipt);
    if (kept.length > keep) kept.splice(0, kept.length - keep);
    receiptEvents.emit(receipt);
  };

  /** Frames whatever is complete in the connection's buffer and acts on it. */
  const consume = (connection: Connection): void => {
    for (;;) {
      const scan = scanEscPosCommand(connection.pending, connection.cursor, false);
      if (scan.type === 'incomplete') break;
      if (scan.type === 'malformed') {
        // Lose the receipt so far and resynchronise one byte past the fault, like a confused printer.
        discard({
          reason: 'malformed',
          message: `${scan.message} at ${scan.offset}`,
          bytes: connection.pending.slice(0, scan.offset + 1),
        });
        connection.pending = connection.pending.slice(scan.offset + 1);
        connection.cursor = 0;
        connection.spoiled = null;
        continue;
      }
      const { command } = scan;
      connection.cursor = scan.end;
      switch (command.kind) {
        case 'statusQuery':
          connection.socket.write(Uint8Array.of(encodeRealtimeStatus(command.n, state)));
          break;
        case 'automaticStatusBack':
          connection.automaticStatusBack = command.mask !== 0;
          // Printers send the current status as soon as ASB is enabled.
          if (connection.automaticStatusBack) connection.socket.write(encodeAutomaticStatus(state));
          break;
        case 'realtimeRequest':
        case 'realtimePulse':
          break;
        case 'cut': {
          const bytes = connection.pending.slice(0, scan.end);
          connection.pending = connection.pending.slice(scan.end);
          connection.cursor = 0;
          completeReceipt(connection, bytes);
          connection.spoiled = null;
          break;
        }
        default: {
          // Print data arriving while the printer can't print means this receipt will be incomplete.
          const notReady = notReadyReason(state);
          if (notReady && !connection.spoiled) connection.spoiled = notReady;
        }
      }
    }
    if (connection.pending.length > MAX_PENDING_BYTES) {
      discard({ reason: 'malformed', message: `no cut within ${MAX_PENDING_BYTES} bytes`, bytes: connection.pending });
      connection.pending = new Uint8Array(0);
      connection.cursor = 0;
    }
  };

  const server = net.createServer((socket) => {
    socket.setNoDelay(true);
    const connection: Connection = {
      socket,
      pending: new Uint8Array(0),
      cursor: 0,
      spoiled: null,
      automaticStatusBack: false,
    };
    connections.add(connection);
    socket.on('data', (chunk: Buffer) => {
      connection.pending = concat(connection.pending, chunk);
      consume(connection);
    });
    socket.on('error', () => {
      // A client vanishing is normal for a printer; 'close' cleans up.
    });
    socket.on('close', () => connections.delete(connection));
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });

  const bound = server.address();
  if (bound === null || typeof bound === 'string') throw new Error('printer simulator: unexpected server address');
  const port = bound.port;

  return {
    address: () => ({ host, port }),
    status: () => ({ ...state }),
    setPaperOut(on) {
      if (!on) paperLeft = null;
      changeState({ paperOut: on });
    },
    setPaperNearEnd(on) {
      changeState({ paperNearEnd: on });
    },
    setCoverOpen(on) {
      changeState({ coverOpen: on });
    },
    setOffline(on) {
      offlineSwitch = on;
      changeState({});
    },
    runOutOfPaperAfter(receipts) {
      if (!Number.isInteger(receipts) || receipts < 0) throw new RangeError('receipts must be a non-negative integer');
      paperLeft = receipts;
    },
    receipts: () =>
      kept.map((receipt) => ({
        ...receipt,
        lines: [...receipt.lines],
        qr: [...receipt.qr],
        barcodes: [...receipt.barcodes],
      })),
    onReceipt: (listener) => receiptEvents.on(listener),
    onDiscard: (listener) => discardEvents.on(listener),
    connections: () => connections.size,
    close: () =>
      new Promise<void>((resolve) => {
        for (const connection of connections) connection.socket.destroy();
        server.close(() => resolve());
      }),
  };
}
