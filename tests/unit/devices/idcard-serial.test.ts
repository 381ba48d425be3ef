/**
 * End to end over a real pseudo-terminal pair (socat): the ID card simulator on one end through the
 * stream adapter, the reader driver on the other through SerialTransport — real termios, real
 * chunking by the kernel. Skipped, saying why, where socat is not installed.
 */
import { SerialPort } from 'serialport';
import { afterEach, describe, expect, it } from 'vitest';
import { IdCardReader } from '../../../devices/idcard/id-card-reader';
import { IdCardSimulator } from '../../../devices/simulators/idcard-simulator';
import { SerialTransport, serialOpenError } from '../../../devices/transport/serial-transport';
import { StreamTransport } from '../../../devices/transport/stream-transport';
import { DeviceError } from '../../../devices/transport/transport';
import { main } from '../../../scripts/devices';
import { FOREIGN_2023, RESIDENT, TODAY } from './idcard-fixtures';
import { ptyPair, socatAvailable } from './pty-pair';

const socat = socatAvailable;
const SKIP_REASON =
  'socat is not installed (apt-get install -y socat): no pseudo-terminal pair for the serial end-to-end test';
if (!socat) console.warn(`idcard-serial: skipped — ${SKIP_REASON}`);

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

describe.skipIf(!socat)('SerialTransport over a socat pty pair', () => {
  it('the driver reads a card from the simulator through SerialTransport', async () => {
    const pair = await ptyPair();
    cleanups.push(() => {
      pair.process.kill();
    });
    // Device end: the simulator on a plain node stream (a SerialPort used only as a Duplex).
    const deviceEnd = new StreamTransport(`pty:${pair.a}`, {
      open: () =>
        new Promise((resolve, reject) => {
          const port = new SerialPort({ path: pair.a, baudRate: 115200, autoOpen: false });
          port.open((error) => (error ? reject(error) : resolve(port)));
        }),
      close: (stream) => new Promise((resolve) => (stream as SerialPort).close(() => resolve())),
    });
    const simulator = await IdCardSimulator.start(deviceEnd, { card: { fields: RESIDENT } });
    cleanups.push(() => simulator.close());

    const host = new SerialTransport({ path: pair.b });
    const reader = new IdCardReader(host, { replyTimeoutMs: 2000, readTimeoutMs: 5000, decode: { today: TODAY } });
    await reader.open();
    cleanups.push(() => reader.close());
    expect(host.isOpen).toBe(true);

    expect(await reader.probe()).toMatchObject({ code: 'ok' });
    const reading = await reader.readCard();
    expect(reading.card).toMatchObject({
      name: '张三',
      idNumber: '11010519491231002X',
      idNumberValid: true,
      nation: '汉',
    });
    expect(reading.photo.wlt).toHaveLength(1024);

    simulator.insertCard({ fields: FOREIGN_2023 });
    expect((await reader.readCard()).card.englishName).toBe(FOREIGN_2023.englishName);
    simulator.removeCard();
    await expect(reader.readCard()).rejects.toMatchObject({ code: 'no_card' });
  });
});

describe.skipIf(!socat)('devices CLI over a socat pty pair', () => {
  it('probe and read-idcard (masked) against the simulator', async () => {
    const pair = await ptyPair();
    cleanups.push(() => {
      pair.process.kill();
    });
    const simulator = await IdCardSimulator.start(new SerialTransport({ path: pair.a }), {
      card: { fields: RESIDENT },
    });
    cleanups.push(() => simulator.close());
    let out = '';
    const io = { out: (t: string) => (out += t), err: () => undefined };
    expect(await main(['probe', '--port', pair.b], io)).toBe(0);
    expect(JSON.parse(out)).toEqual([
      { path: pair.b, samReader: true, status: 'ok', samId: '05.01-20164746-0012345678-1234567890' },
    ]);
    out = '';
    expect(await main(['read-idcard', '--port', pair.b], io)).toBe(0);
    const { card } = JSON.parse(out) as { card: { name: string; idNumber: string; nation: string } };
    expect(card.nation).toBe('汉');
    expect(card.idNumber).not.toBe(RESIDENT.idNumber);
    expect(card.name).not.toBe(RESIDENT.name);
  });
});

describe('SerialTransport without hardware', () => {
  it('a missing port is a typed open_failed error', async () => {
    const transport = new SerialTransport({ path: '/dev/does-not-exist-hall-console' });
    const error = await transport.open().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DeviceError);
    expect(error).toMatchObject({ code: 'open_failed' });
    expect(transport.isOpen).toBe(false);
    await transport.close();
    await expect(transport.write(Uint8Array.of(1))).rejects.toMatchObject({ code: 'disconnected' });
  });

  it('maps OS errors to hints', () => {
    expect(
      serialOpenError('/dev/ttyUSB0', new Error('Error: Permission denied, cannot open /dev/ttyUSB0')).message,
    ).toMatch(/dialout/);
    expect(
      serialOpenError('/dev/ttyUSB0', new Error('Error Resource temporarily unavailable Cannot lock port')).message,
    ).toMatch(/in use/);
    expect(serialOpenError('/dev/ttyUSB0', new Error('Error: No such file or directory')).message).toMatch(
      /no such port/,
    );
  });
});
