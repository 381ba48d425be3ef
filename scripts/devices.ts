/**
 * Technician CLI for hall devices: `npx tsx scripts/devices.ts <cmd>` (or `npm run devices -- <cmd>`).
 *
 *   list                                  HID devices and serial ports, as JSON
 *   probe [--port PATH]                   send 11 FF to serial ports; which answer as SAM card readers
 *   read-idcard --port PATH [--full]      read one card (masked unless --full) [--fingerprint]
 *   read-idcard --tcp HOST:PORT           … from a reader behind a serial-to-TCP server
 *   read-idcard --hid VID:PID             … from a USB HID reader (SAM frames in HID reports)
 *   print-test --host H --port P          print a test slip on a network receipt printer
 *   print-test --path PATH                … on a serial port or a USB printer device file (/dev/usb/lp0)
 *   decode idcard <frame hex>             a 30 01 / 30 10 reply frame → card JSON
 *   decode escpos <file>                  an ESC/POS capture → decodeEscPos JSON
 *
 * Output is JSON on stdout; failures print {"error":{"code","message"}} and exit 1 (2 for a usage
 * error; an unknown flag prints one line on stderr instead).
 */
import { readFile } from 'node:fs/promises';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { maskAddress, maskIdNumber, maskName } from '@common/domain/mask';
import { cardSummary } from '../devices/idcard/card-text';
import { IdCardReader } from '../devices/idcard/id-card-reader';
import { decodeIdCardFrame } from '../devices/idcard/read-data';
import { parseHex } from '../devices/idcard/sam-frame';
import { decodeEscPos } from '../devices/printer/escpos-decoder';
import { ReceiptPrinter } from '../devices/printer/receipt-printer';
import { ticketSlip } from '../devices/printer/templates';
import { HidTransport, listHidDevices, type HidBackend } from '../devices/transport/hid-transport';
import { samHidReports } from '../devices/idcard/sam-hid-reports';
import { isUsbPrinterPath } from '../devices/config/device-config';
import { DeviceFileTransport } from '../devices/transport/device-file-transport';
import type { Transport } from '../devices/transport/transport';
import { listSerialPorts, SerialTransport } from '../devices/transport/serial-transport';
import { TcpTransport } from '../devices/transport/tcp-transport';
import { toDeviceError } from '../devices/transport/transport';
import { usageFailure, usageProblem } from '../node/cli/command-line';

const CLI_NAME = { name: 'npm run devices --' };

const USAGE = `usage: npm run devices -- <command>
  list
  probe [--port PATH] [--baud N]
  read-idcard (--port PATH [--baud N] | --tcp HOST:PORT | --hid VID:PID) [--fingerprint] [--full]
  print-test (--host HOST --port PORT | --path PATH [--baud N])
  decode idcard <frame hex>
  decode escpos <file>
  -h, --help    this text`;

export interface CliIo {
  out(text: string): void;
  err(text: string): void;
}

const consoleIo: CliIo = { out: (text) => console.log(text), err: (text) => console.error(text) };

class CliError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** Uint8Arrays (raster data, raw WLT) print as hex rather than {"0":…,"1":…}. */
const json = (value: unknown): string =>
  JSON.stringify(value, (_key, v: unknown) => (v instanceof Uint8Array ? Buffer.from(v).toString('hex') : v), 2);

function options(argv: string[]) {
  return parseArgs({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      path: { type: 'string' },
      tcp: { type: 'string' },
      hid: { type: 'string' },
      baud: { type: 'string' },
      fingerprint: { type: 'boolean', default: false },
      full: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
}

const baudOf = (value: string | undefined): number => {
  if (value === undefined) return 115200;
  if (!/^\d+$/.test(value)) throw new CliError('usage', `--baud must be a number, got ${value}`);
  return Number(value);
};

async function list(): Promise<unknown> {
  const [hid, serial] = await Promise.allSettled([listHidDevices(), listSerialPorts()]);
  const settled = <T>(result: PromiseSettledResult<T>) =>
    result.status === 'fulfilled'
      ? result.value
      : {
          error: {
            code: toDeviceError(result.reason, 'open_failed').code,
            message: toDeviceError(result.reason, 'open_failed').message,
          },
        };
  return { hid: settled(hid), serial: settled(serial) };
}

/** One human line on stderr, so an empty machine reads as "nothing attached", not as a failure. */
function listSummary(result: { hid: unknown; serial: unknown }): string {
  const count = (v: unknown, what: string): string =>
    Array.isArray(v) ? (v.length === 0 ? `no ${what} found` : `${v.length} ${what}`) : `${what}: enumeration failed`;
  return `devices: ${count(result.hid, 'HID devices')}, ${count(result.serial, 'serial ports')} (the station watches /dev for hot-plug and polls as a fallback)`;
}

type ProbeResult = { path: string; samReader: boolean };
const probeSummary = (results: ProbeResult[]): string =>
  results.length === 0
    ? 'probe: no serial ports to probe'
    : `probe: ${results.filter((r) => r.samReader).length} of ${results.length} serial port(s) answered the SAM status command (11 FF)`;

async function probePort(path: string, baudRate: number): Promise<unknown> {
  const reader = new IdCardReader(new SerialTransport({ path, baudRate }), { replyTimeoutMs: 500 });
  try {
    await reader.open();
    const status = await reader.probe();
    const samId = await reader.samId().catch(() => null);
    return { path, samReader: true, status: status.code, samId };
  } catch (error) {
    const e = toDeviceError(error, 'protocol');
    return { path, samReader: false, error: { code: e.code, message: e.message } };
  } finally {
    await reader.close();
  }
}

async function probe(port: string | undefined, baudRate: number): Promise<unknown> {
  const paths = port ? [port] : (await listSerialPorts()).map((p) => p.path);
  const results = [];
  // One port at a time: some USB-serial chips misbehave when several are opened at once.
  for (const path of paths) results.push(await probePort(path, baudRate));
  return results;
}

/** The reader's link from --port, --tcp HOST:PORT or --hid VID:PID (exactly one). */
async function readerTransport(
  v: { port?: string; tcp?: string; hid?: string },
  baudRate: number,
  hidBackend?: HidBackend,
): Promise<Transport> {
  const given = [v.port, v.tcp, v.hid].filter((x) => x !== undefined).length;
  if (given !== 1) throw new CliError('usage', 'read-idcard needs one of --port PATH, --tcp HOST:PORT, --hid VID:PID');
  if (v.port) return new SerialTransport({ path: v.port, baudRate });
  if (v.tcp) {
    const m = /^(.+):(\d{1,5})$/.exec(v.tcp);
    if (!m || Number(m[2]) < 1 || Number(m[2]) > 65535)
      throw new CliError('usage', `--tcp must be HOST:PORT, got ${v.tcp}`);
    return new TcpTransport({ host: m[1]!, port: Number(m[2]) });
  }
  const m = /^([0-9a-fA-F]{1,4}):([0-9a-fA-F]{1,4})$/.exec(v.hid!);
  if (!m) throw new CliError('usage', `--hid must be VID:PID in hex (e.g. 0400:C35A), got ${v.hid}`);
  const [vid, pid] = [Number.parseInt(m[1]!, 16), Number.parseInt(m[2]!, 16)];
  const found = (await listHidDevices(hidBackend)).find(
    (d) => Number.parseInt(d.vendorId, 16) === vid && Number.parseInt(d.productId, 16) === pid && d.path,
  );
  if (!found?.path) throw new CliError('not_found', `no HID device ${v.hid} attached`);
  return new HidTransport({ path: found.path, codec: samHidReports, backend: hidBackend });
}

async function readIdCard(transport: Transport, fingerprint: boolean, full: boolean): Promise<unknown> {
  const reader = new IdCardReader(transport, { fingerprint });
  try {
    await reader.open();
    const reading = await reader.readCard();
    const card = reading.card;
    // Personal data is masked on screen unless the technician asks for it (Personal data).
    const shown = full
      ? card
      : {
          ...card,
          name: maskName(card.name),
          idNumber: maskIdNumber(card.idNumber),
          address: card.address === null ? null : maskAddress(card.address),
        };
    return { card: shown, photoBytes: reading.photo.wlt.length, fingerprintBytes: reading.fingerprint?.length ?? 0 };
  } finally {
    await reader.close();
  }
}

function printerLink(
  host: string | undefined,
  portText: string | undefined,
  path: string | undefined,
  baudRate: number,
): Transport {
  if (path)
    return isUsbPrinterPath(path)
      ? new DeviceFileTransport({ path })
      : new SerialTransport({ path, baudRate, rtscts: true });
  if (!host || !portText || !/^\d+$/.test(portText))
    throw new CliError('usage', 'print-test needs --host HOST --port PORT or --path PATH');
  return new TcpTransport({ host, port: Number(portText) });
}

async function printTest(transport: Transport): Promise<unknown> {
  const printer = new ReceiptPrinter(transport, { automaticStatusBack: false });
  try {
    const status = await printer.connect();
    await printer.print(
      ticketSlip({
        hallName: '打印测试 Print test',
        ticketNo: 'T000',
        businessName: '设备检测',
        waitingAhead: 0,
        issuedAt: new Date().toISOString(),
        notice: 'Hall Console',
      }),
    );
    return { printed: true, status };
  } finally {
    await printer.close();
  }
}

async function decode(kind: string | undefined, arg: string | undefined): Promise<unknown> {
  if (kind === 'idcard') {
    if (!arg) throw new CliError('usage', 'decode idcard needs the reply frame as hex');
    const bytes = parseHex(arg);
    if (!bytes) throw new CliError('bad_hex', 'the frame is not hex');
    const result = decodeIdCardFrame(bytes);
    if (!result.ok) throw new CliError(result.error.code, result.error.message);
    return cardSummary(result.value.card);
  }
  if (kind === 'escpos') {
    if (!arg) throw new CliError('usage', 'decode escpos needs a file');
    const result = decodeEscPos(new Uint8Array(await readFile(arg)));
    if (!result.ok) throw new CliError(result.error.code, `${result.error.message} at byte ${result.error.offset}`);
    return result.value;
  }
  throw new CliError('usage', `decode what? (idcard | escpos), got ${kind ?? 'nothing'}`);
}

export async function main(
  argv: string[] = process.argv.slice(2),
  io: CliIo = consoleIo,
  deps: { hidBackend?: HidBackend } = {},
): Promise<number> {
  try {
    let parsed;
    try {
      parsed = options(argv);
    } catch (error) {
      // A flag that does not exist: one line, like every other CLI of the project (no JSON, no stack).
      return usageFailure(CLI_NAME, usageProblem(error), io);
    }
    const { values, positionals } = parsed;
    const [command, ...rest] = positionals;
    if (values.help || !command) {
      io.out(USAGE);
      return values.help ? 0 : 2;
    }
    const baud = baudOf(values.baud);
    let result: unknown;
    switch (command) {
      case 'list':
        result = await list();
        io.err(listSummary(result as { hid: unknown; serial: unknown }));
        break;
      case 'probe':
        result = await probe(values.port, baud);
        io.err(probeSummary(result as ProbeResult[]));
        break;
      case 'read-idcard':
        result = await readIdCard(
          await readerTransport(values, baud, deps.hidBackend),
          values.fingerprint,
          values.full,
        );
        break;
      case 'print-test':
        result = await printTest(
          printerLink(values.host, values.port, values.path, values.baud === undefined ? 9600 : baud),
        );
        break;
      case 'decode':
        result = await decode(rest[0], rest.slice(1).join(' ') || undefined);
        break;
      default:
        throw new CliError('usage', `unknown command ${command}`);
    }
    io.out(json(result));
    return 0;
  } catch (error) {
    const { code, message } = error instanceof CliError ? error : toDeviceError(error, 'protocol');
    io.out(json({ error: { code, message } }));
    if (error instanceof CliError && error.code === 'usage') {
      io.err(USAGE);
      return 2;
    }
    return 1;
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main().then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    },
  );
}
