/**
 * A character device used as a plain byte pipe (Linux), or a Windows printer share opened as a
 * file (`\\localhost\POS58`: the spooler passes the bytes RAW to the USB printer; write-only,
 * no status back — see docs/devices.md for why this is the Windows USB path). On Linux: the USB printer class (/dev/usb/lp0 on Linux)
 * takes ESC/POS on write() and returns the printer's status bytes on read(). There are no line
 * settings, so SerialPort (which insists on termios) cannot open it, and libuv treats a char device
 * as a file, so it cannot be a socket either. The file is opened non-blocking and read by polling:
 * a blocking read() would pin a libuv pool thread until the printer next spoke, and close() could
 * not interrupt it. Status replies are a few bytes, so a short poll interval costs nothing.
 */
import fs from 'node:fs';
import { Duplex } from 'node:stream';
import { DeviceError } from './transport';
import { StreamTransport } from './stream-transport';
import { isPrinterShare } from './printer-share';

export interface DeviceFileTransportOptions {
  path: string;
  /** How often to look for bytes from the device. */
  pollMs?: number;
}

const isAgain = (error: unknown): boolean =>
  (error as NodeJS.ErrnoException)?.code === 'EAGAIN' || (error as NodeJS.ErrnoException)?.code === 'EWOULDBLOCK';

/** Why the device file would not open, in words a technician can act on. */
export function deviceFileOpenError(path: string, error: unknown): DeviceError {
  const code = (error as NodeJS.ErrnoException)?.code;
  const hint =
    code === 'ENOENT' || code === 'ENODEV' || code === 'ENXIO'
      ? isPrinterShare(path)
        ? 'no such printer share (is the printer shared under that name, and the spooler running?)'
        : 'no such device (printer unplugged or switched off?)'
      : code === 'EACCES' || code === 'EPERM'
        ? 'permission denied (is the user in the lp group?)'
        : code === 'EBUSY'
          ? 'in use by another program (a CUPS queue?)'
          : error instanceof Error
            ? error.message
            : String(error);
  return new DeviceError('open_failed', `${path}: ${hint}`, { cause: error });
}

function openDeviceFile(path: string, pollMs: number): Promise<Duplex> {
  let fd: number;
  // A share opens like `copy /b receipt.bin \\localhost\POS58`: existing, write-only (reading a share is refused).
  const writeOnly = isPrinterShare(path);
  try {
    fd = writeOnly
      ? fs.openSync(path, fs.constants.O_WRONLY)
      : fs.openSync(path, fs.constants.O_RDWR | fs.constants.O_NONBLOCK | fs.constants.O_NOCTTY);
  } catch (error) {
    return Promise.reject(deviceFileOpenError(path, error));
  }
  const buffer = Buffer.alloc(512);
  let timer: ReturnType<typeof setTimeout> | undefined;
  let closed = false;
  const stream: Duplex = new Duplex({
    read() {
      // Pulled by the stream machinery; polling below pushes whatever arrives.
    },
    write(chunk: Buffer, _encoding, callback) {
      const writeAll = (at: number): void => {
        if (closed) return callback(new Error('closed'));
        fs.write(fd, chunk, at, chunk.length - at, null, (error, written) => {
          if (error && isAgain(error)) return void setTimeout(() => writeAll(at), pollMs);
          if (error) return callback(error);
          if (at + written < chunk.length) writeAll(at + written);
          else callback();
        });
      };
      writeAll(0);
    },
    destroy(error, callback) {
      closed = true;
      clearTimeout(timer);
      fs.close(fd, () => callback(error));
    },
  });
  const poll = (): void => {
    if (closed) return;
    fs.read(fd, buffer, 0, buffer.length, null, (error, bytesRead) => {
      if (closed) return;
      if (error && !isAgain(error)) return void stream.destroy(error);
      if (!error && bytesRead > 0) {
        stream.push(Buffer.from(buffer.subarray(0, bytesRead)));
        return void setImmediate(poll);
      }
      timer = setTimeout(poll, pollMs);
    });
  };
  if (!writeOnly) poll();
  return Promise.resolve(stream);
}

export class DeviceFileTransport extends StreamTransport {
  constructor(readonly options: DeviceFileTransportOptions) {
    super(`file:${options.path}`, { open: () => openDeviceFile(options.path, options.pollMs ?? 20) });
  }
}
