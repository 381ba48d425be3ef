/**
 * A USB printer-class device file (/dev/usb/lp0) as the printer's transport. No usblp device
 * exists here, so a pseudo-terminal stands in for it: socat links a pty to the printer simulator's
 * loopback TCP port, and the driver opens the pty path as a plain device file — real open/read/
 * write on a character device, real ESC/POS and DLE EOT status bytes both ways.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ReceiptPrinter } from '../../../devices/printer/receipt-printer';
import { paymentReceipt } from '../../../devices/printer/templates';
import { startPrinterSimulator } from '../../../devices/simulators/printer-simulator';
import { DeviceFileTransport } from '../../../devices/transport/device-file-transport';
import { socatAvailable } from './pty-pair';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** socat: a pty at `link` bridged to tcp host:port; resolves once it is up. */
function ptyToTcp(link: string, port: number): Promise<ChildProcess> {
  return new Promise((resolve, reject) => {
    const child = spawn('socat', ['-d', '-d', `pty,raw,echo=0,link=${link}`, `tcp:127.0.0.1:${port}`], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let log = '';
    child.stderr!.on('data', (chunk: Buffer) => {
      log += chunk.toString();
      if (/starting data transfer loop/.test(log)) resolve(child);
    });
    child.once('exit', (code) => reject(new Error(`socat exited (${code}): ${log}`)));
  });
}

describe.skipIf(!socatAvailable)('printer over a device file (pty standing in for /dev/usb/lp0)', () => {
  it('prints a receipt and reads DLE EOT status replies back through the file', async () => {
    const sim = await startPrinterSimulator();
    cleanups.push(() => sim.close());
    const link = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'usblp-')), 'lp0');
    const socat = await ptyToTcp(link, sim.address().port);
    cleanups.push(() => void socat.kill());

    const transport = new DeviceFileTransport({ path: link, pollMs: 5 });
    const printer = new ReceiptPrinter(transport);
    expect(await printer.connect()).toMatchObject({ paperOut: false, coverOpen: false, offline: false });
    cleanups.push(() => printer.close());

    const received = new Promise<string>((resolve) => sim.onReceipt((r) => resolve(r.text)));
    await printer.print(
      paymentReceipt({
        hallName: '文三路营业厅',
        receiptNo: 'SF1',
        accountNo: '0101234567',
        amountFen: 12_850,
        channel: 'qr',
        paidAt: '2026-11-23T02:00:00Z',
        qrUrl: 'https://hall.example/r/SF1',
      }),
    );
    expect(await received).toContain('128.50');

    sim.setPaperOut(true);
    expect(await printer.queryStatus()).toMatchObject({ paperOut: true });
  });

  it('a missing device file is open_failed with a hint', async () => {
    const transport = new DeviceFileTransport({ path: '/dev/usb/lp9-not-here' });
    await expect(transport.open()).rejects.toMatchObject({
      code: 'open_failed',
      message: expect.stringMatching(/unplugged/),
    });
  });
});
