/**
 * The reader simulator behind the two other links GA 467 readers come on (docs/devices.md: "some models
 * USB HID; some behind a serial-to-TCP server"):
 *
 * - HID: a node-hid backend whose device turns output reports back into the SAM byte stream for
 *   the simulator and the simulator's replies into input reports — the same framing a real HID
 *   reader uses (idcard/sam-hid-reports.ts), so HidTransport and the driver run unchanged.
 * - TCP: a real loopback server that, like a serial-to-TCP converter, bridges each connection to
 *   a simulator (one card, shared by every connection in turn).
 */
import { EventEmitter } from 'node:events';
import net from 'node:net';
import { decodeSamHidReport, encodeSamHidReports } from '../idcard/sam-hid-reports';
import type { HidBackend, HidHandle } from '../transport/hid-transport';
import { createTransportPair } from '../transport/memory-transport';
import { StreamTransport } from '../transport/stream-transport';
import { IdCardSimulator, type IdCardSimulatorOptions } from './idcard-simulator';

export interface SimulatedHidReader {
  backend: HidBackend;
  simulator: IdCardSimulator;
  readonly path: string;
  /** Output reports the host sent that broke the framing (a host-side bug would show here). */
  readonly badOutputReports: number;
  /** The reader is pulled out: an open handle errors as hidapi does, and it is no longer listed. */
  unplug(): void;
  plugIn(): void;
  /** The next input report goes out with a LEN beyond the report (a corrupted transfer). */
  corruptNextReport(): void;
  close(): Promise<void>;
}

class SimulatedHidHandle extends EventEmitter implements HidHandle {
  closed = false;
  constructor(private readonly deliver: (report: Uint8Array) => void) {
    super();
  }
  async write(values: number[] | Buffer): Promise<number> {
    if (this.closed) throw new Error('Cannot write to hid device');
    this.deliver(Uint8Array.from(values));
    return values.length;
  }
  async close(): Promise<void> {
    this.closed = true;
  }
}

export async function startSimulatedHidReader(
  options: IdCardSimulatorOptions & { vendorId?: number; productId?: number; path?: string } = {},
): Promise<SimulatedHidReader> {
  const [hostEnd, deviceEnd] = createTransportPair();
  const simulator = await IdCardSimulator.start(deviceEnd, options);
  await hostEnd.open();
  const path = options.path ?? '/dev/hidraw-sim-reader';
  let attached = true;
  let badOutputReports = 0;
  let handle: SimulatedHidHandle | null = null;
  let corrupt = false;
  hostEnd.onData((bytes) => {
    for (const report of encodeSamHidReports(bytes)) {
      if (corrupt) {
        corrupt = false;
        report[1] = 0x7f;
      }
      handle?.emit('data', Buffer.from(report));
    }
  });
  const backend: HidBackend = {
    async open(p) {
      if (!attached || p !== path) throw new Error(`cannot open device with path ${p}`);
      handle = new SimulatedHidHandle((report) => {
        const chunk = decodeSamHidReport(report);
        if (!chunk.ok) badOutputReports += 1;
        else void hostEnd.write(chunk.value);
      });
      return handle;
    },
    async devices() {
      if (!attached) return [];
      return [
        {
          vendorId: options.vendorId ?? 0x0400,
          productId: options.productId ?? 0xc35a,
          path,
          release: 1,
          interface: 0,
          product: 'GA 467 HID reader (simulated)',
        },
      ];
    },
  };
  return {
    backend,
    simulator,
    path,
    get badOutputReports() {
      return badOutputReports;
    },
    unplug() {
      attached = false;
      handle?.emit('error', new Error('could not read from HID device'));
      handle = null;
    },
    plugIn() {
      attached = true;
    },
    corruptNextReport() {
      corrupt = true;
    },
    close: () => simulator.close(),
  };
}

export interface IdCardTcpServer {
  address(): { host: string; port: number };
  /** The simulator answering the latest connection (each connection starts with `options.card`). */
  readonly simulator: IdCardSimulator | null;
  connections(): number;
  close(): Promise<void>;
}

/** A serial-to-TCP server on loopback with a simulated reader behind it. */
export async function startIdCardTcpServer(
  options: IdCardSimulatorOptions & { host?: string; port?: number } = {},
): Promise<IdCardTcpServer> {
  let current: IdCardSimulator | null = null;
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
    const transport = new StreamTransport(`tcp-sim:${socket.remotePort}`, { open: async () => socket });
    void IdCardSimulator.start(transport, options).then((sim) => {
      current = sim;
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', resolve);
  });
  const { address, port } = server.address() as net.AddressInfo;
  return {
    address: () => ({ host: address, port }),
    get simulator() {
      return current;
    },
    connections: () => sockets.size,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
