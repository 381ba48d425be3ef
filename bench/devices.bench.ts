import net from 'node:net';
import iconv from 'iconv-lite';
import { encodeCardText } from '../devices/idcard/card-text';
import { decodeIdCardFrame, encodeReadData } from '../devices/idcard/read-data';
import { encodeReply } from '../devices/idcard/sam-frame';
import { decodeEscPos } from '../devices/printer/escpos-decoder';
import { ReceiptPrinter } from '../devices/printer/receipt-printer';
import { paymentReceipt, type PaymentReceiptInput } from '../devices/printer/templates';
import { startPrinterSimulator } from '../devices/simulators/printer-simulator';
import { TcpTransport } from '../devices/transport/tcp-transport';
import { DEMO_ID_CARD } from '../hall/demo-id-card';
import { figure, percentile, type BenchResult } from './harness';

/**
 * Device figures, each against a baseline of the same work without the protocol on top, in the
 * same run: encoding a payment receipt vs GB18030-encoding its text; decoding an ID card read
 * frame vs copying the frame; a printer job through the loopback simulator (status check, send,
 * decoded receipt back) vs a raw TCP write of the same bytes answered by a 1-byte ack.
 */
const RECEIPT: PaymentReceiptInput = {
  hallName: '国网杭州市西湖区供电公司 文三路营业厅',
  receiptNo: 'SF20250301000123',
  accountNo: '0101234567',
  amountFen: 12_850,
  channel: 'qr',
  paidAt: '2025-03-01T02:05:07Z',
  qrUrl: 'https://hall.example/r/SF20250301000123',
  operator: '王芳 (1002)',
};

/** Median ns per op over `rounds` timed batches of `batch` ops (after a warm-up batch). */
function nsPerOp(batch: number, rounds: number, op: () => unknown): number {
  let sink = 0;
  const once = (): number => {
    const t0 = process.hrtime.bigint();
    for (let i = 0; i < batch; i++) if (op()) sink++;
    return Number(process.hrtime.bigint() - t0) / batch;
  };
  once();
  const times = Array.from({ length: rounds }, once).sort((a, b) => a - b);
  if (sink < 0) console.log(sink);
  return times[Math.floor(times.length / 2)]!;
}

async function rawTcpAckMs(bytes: Uint8Array, jobs: number): Promise<number[]> {
  const server = net.createServer((socket) => {
    let got = 0;
    socket.on('data', (chunk) => {
      got += chunk.length;
      while (got >= bytes.length) {
        got -= bytes.length;
        socket.write(Uint8Array.of(0x06));
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  const client = net.connect(port, '127.0.0.1');
  client.setNoDelay(true);
  await new Promise((resolve) => client.once('connect', resolve));
  const times: number[] = [];
  for (let i = 0; i < jobs; i++) {
    const t0 = performance.now();
    const acked = new Promise((resolve) => client.once('data', resolve));
    client.write(bytes);
    await acked;
    times.push(performance.now() - t0);
  }
  client.destroy();
  await new Promise((resolve) => server.close(resolve));
  return times.sort((a, b) => a - b);
}

async function printerJobMs(bytes: Uint8Array, jobs: number): Promise<number[]> {
  const sim = await startPrinterSimulator();
  const printer = new ReceiptPrinter(new TcpTransport(sim.address()));
  await printer.connect();
  const times: number[] = [];
  for (let i = 0; i < jobs; i++) {
    const t0 = performance.now();
    const received = new Promise<void>((resolve) => {
      const off = sim.onReceipt(() => {
        off();
        resolve();
      });
    });
    await printer.print(bytes); // status check (DLE EOT 4/2/1) then the job
    await received; // the simulator decoded the whole receipt
    await printer.queryStatus(); // the queue's confirmation
    times.push(performance.now() - t0);
  }
  await printer.close();
  await sim.close();
  return times.sort((a, b) => a - b);
}

export async function devicesBench(): Promise<BenchResult> {
  const receiptBytes = paymentReceipt(RECEIPT);
  const decoded = decodeEscPos(receiptBytes);
  if (!decoded.ok) throw new Error('bench receipt does not decode');
  const text = decoded.value.lines.join('\n');
  const encode = nsPerOp(2000, 15, () => paymentReceipt(RECEIPT).length);
  const iconvText = nsPerOp(2000, 15, () => iconv.encode(text, 'gb18030').length);

  const frame = encodeReply(0x90, encodeReadData(encodeCardText(DEMO_ID_CARD), new Uint8Array(1024)));
  const check = decodeIdCardFrame(frame, { today: '2026-01-01' });
  if (!check.ok) throw new Error('bench frame does not decode');
  const decode = nsPerOp(5000, 15, () => decodeIdCardFrame(frame, { today: '2026-01-01' }).ok);
  const copy = nsPerOp(5000, 15, () => frame.slice().length);

  const JOBS = 200;
  const raw = await rawTcpAckMs(receiptBytes, JOBS);
  const job = await printerJobMs(receiptBytes, JOBS);

  return {
    bench: 'devices',
    figures: [
      figure(`encode a payment receipt (${receiptBytes.length} bytes ESC/POS, QR, GB18030)`, encode / 1000, 'µs', {
        name: 'iconv GB18030 encode of its text',
        value: iconvText / 1000,
      }),
      figure(
        `decode an ID card read frame (${frame.length} bytes: frame, checksum, text, GB 11643 check)`,
        decode / 1000,
        'µs',
        { name: 'bare copy of the frame', value: copy / 1000 },
      ),
      figure(
        `printer job latency p50 via loopback simulator (${JOBS} jobs)`,
        percentile(job, 50),
        'ms',
        { name: 'raw TCP write + 1-byte ack, p50', value: percentile(raw, 50) },
        { note: 'status check, send, decoded receipt, confirming status' },
      ),
      figure(
        `printer job latency p99 via loopback simulator (${JOBS} jobs)`,
        percentile(job, 99),
        'ms',
        { name: 'raw TCP write + 1-byte ack, p99', value: percentile(raw, 99) },
        { note: 'tails on a shared 2-core machine are scheduling noise: read p50' },
      ),
    ],
  };
}
