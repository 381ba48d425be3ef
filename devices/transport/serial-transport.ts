/**
 * Serial ports (RS-232, USB-serial adapters, virtual ports) via `serialport`, 8N1 at 115200 by
 * default — what SAM card readers speak. Open failures are mapped to a typed
 * DeviceError with a hint a technician can act on.
 */
import { SerialPort } from 'serialport';
import { DeviceError } from './transport';
import { StreamTransport } from './stream-transport';

export interface SerialTransportOptions {
  path: string;
  baudRate?: number;
  dataBits?: 5 | 6 | 7 | 8;
  parity?: 'none' | 'even' | 'odd';
  stopBits?: 1 | 2;
  /** Hardware flow control (receipt printers on serial use it; card readers don't). */
  rtscts?: boolean;
  /** A wedged USB-serial driver can leave open() pending forever. */
  openTimeoutMs?: number;
}

/** Why a port would not open, in words for the devices page (the OS message is kept as cause). */
export function serialOpenError(path: string, error: unknown): DeviceError {
  const message = error instanceof Error ? error.message : String(error);
  const hint = /ENOENT|No such file/i.test(message)
    ? 'no such port (unplugged?)'
    : /EACCES|Permission denied/i.test(message)
      ? 'permission denied (is the user in the dialout group?)'
      : /EBUSY|Cannot lock port|Resource temporarily unavailable/i.test(message)
        ? 'port is in use by another program'
        : message;
  return new DeviceError('open_failed', `${path}: ${hint}`, { cause: error });
}

export class SerialTransport extends StreamTransport {
  constructor(readonly options: SerialTransportOptions) {
    super(`serial:${options.path}`, {
      open: () => openPort(options),
      close: (stream) =>
        new Promise<void>((resolve) => {
          const port = stream as SerialPort;
          if (!port.isOpen) return resolve();
          port.close(() => resolve());
        }),
    });
  }
}

function openPort(options: SerialTransportOptions): Promise<SerialPort> {
  const timeoutMs = options.openTimeoutMs ?? 3000;
  return new Promise<SerialPort>((resolve, reject) => {
    let port: SerialPort;
    try {
      port = new SerialPort({
        path: options.path,
        baudRate: options.baudRate ?? 115200,
        dataBits: options.dataBits ?? 8,
        parity: options.parity ?? 'none',
        stopBits: options.stopBits ?? 1,
        rtscts: options.rtscts ?? false,
        autoOpen: false,
      });
    } catch (error) {
      // Invalid options throw synchronously.
      reject(serialOpenError(options.path, error));
      return;
    }
    const timer = setTimeout(
      () => reject(new DeviceError('timeout', `${options.path}: not open within ${timeoutMs} ms`)),
      timeoutMs,
    );
    port.open((error) => {
      clearTimeout(timer);
      if (error) reject(serialOpenError(options.path, error));
      else resolve(port);
    });
  });
}

export interface SerialPortInfo {
  path: string;
  manufacturer?: string;
  serialNumber?: string;
  vendorId?: string;
  productId?: string;
}

export async function listSerialPorts(): Promise<SerialPortInfo[]> {
  const ports = await SerialPort.list();
  return ports.map(({ path, manufacturer, serialNumber, vendorId, productId }) => ({
    path,
    manufacturer,
    serialNumber,
    vendorId,
    productId,
  }));
}
