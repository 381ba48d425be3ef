/**
 * GA 467 readers on their two other links: USB HID (SAM frames in length-prefixed reports) and a
 * serial-to-TCP server (a real loopback socket). The simulator speaks the same bytes on each; the
 * driver is the one the serial reader uses.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { IdCardReader } from '../../../devices/idcard/id-card-reader';
import {
  decodeSamHidReport,
  encodeSamHidReports,
  SAM_HID_MAX_CHUNK,
  samHidReports,
} from '../../../devices/idcard/sam-hid-reports';
import { encodeCommand } from '../../../devices/idcard/sam-frame';
import { startIdCardTcpServer, startSimulatedHidReader } from '../../../devices/simulators/idcard-links';
import { HidTransport } from '../../../devices/transport/hid-transport';
import { TcpTransport } from '../../../devices/transport/tcp-transport';
import { FOREIGN_2023, RESIDENT, TODAY } from './idcard-fixtures';
import { hex, toHex } from './helpers';
import { main } from '../../../scripts/devices';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

describe('SAM over HID reports: framing', () => {
  it('golden: the SAM status command in one report — id 02, LEN, the frame, zero padding to 64', () => {
    const [report, ...rest] = encodeSamHidReports(encodeCommand('samStatus'));
    expect(rest).toEqual([]);
    expect(report).toHaveLength(64);
    expect(toHex(report!.subarray(0, 12))).toBe('02 0A AA AA AA 96 69 00 03 11 FF ED');
    expect(report!.subarray(12).every((b) => b === 0)).toBe(true);
  });

  it('a long reply is split into 62-byte chunks and reassembles byte for byte', () => {
    const stream = Uint8Array.from({ length: 1295 }, (_, i) => (i * 7 + 3) & 0xff);
    const reports = encodeSamHidReports(stream);
    expect(reports).toHaveLength(Math.ceil(1295 / SAM_HID_MAX_CHUNK));
    expect(reports.at(-1)![1]).toBe(1295 % SAM_HID_MAX_CHUNK);
    const joined = reports.flatMap((r) => {
      const chunk = decodeSamHidReport(r);
      return chunk.ok ? [...chunk.value] : [];
    });
    expect(Uint8Array.from(joined)).toEqual(stream);
  });

  it.each([
    ['empty report', '', /needs report id/],
    ['wrong report id', '01 02 AA AA', /report id 0x1/],
    ['LEN 0', '02 00', /LEN 0/],
    ['LEN beyond the report size', '02 3F AA', /LEN 63/],
    ['LEN beyond the bytes received', '02 05 AA AA', /only 2 bytes/],
  ])('%s is a typed error', (_label, bytes, message) => {
    const result = decodeSamHidReport(bytes ? hex(bytes) : new Uint8Array(0));
    expect(result).toMatchObject({ ok: false, error: { code: 'malformed', message: expect.stringMatching(message) } });
    expect(() => samHidReports.fromReport(bytes ? hex(bytes) : new Uint8Array(0))).toThrow(
      expect.objectContaining({ code: 'protocol' }),
    );
  });
});

describe('GA 467 reader over HID (simulated HID link)', () => {
  it('reads the card, sees it removed and read again, and reports an unplug as disconnected', async () => {
    const sim = await startSimulatedHidReader({ card: { fields: RESIDENT } });
    cleanups.push(() => sim.close());
    const transport = new HidTransport({ path: sim.path, backend: sim.backend, codec: samHidReports });
    const reader = new IdCardReader(transport, { replyTimeoutMs: 1000, decode: { today: TODAY } });
    await reader.open();
    cleanups.push(() => reader.close());

    expect(await reader.probe()).toMatchObject({ code: 'ok' });
    const reading = await reader.readCard();
    expect(reading.card).toMatchObject({ name: '张三', idNumber: '11010519491231002X', idNumberValid: true });
    expect(reading.photo.wlt).toHaveLength(1024);
    sim.simulator.insertCard({ fields: FOREIGN_2023 });
    expect((await reader.readCard()).card.englishName).toBe(FOREIGN_2023.englishName);
    expect(sim.badOutputReports).toBe(0);

    const closed = new Promise((resolve) => transport.onClose(resolve));
    sim.unplug();
    expect(await closed).toMatchObject({ code: 'disconnected' });
    await expect(reader.readCard()).rejects.toMatchObject({ code: 'disconnected' });
  });

  it('a corrupt input report is dropped and the read ends in a typed error, not a hang', async () => {
    const sim = await startSimulatedHidReader({ card: { fields: RESIDENT } });
    cleanups.push(() => sim.close());
    const transport = new HidTransport({ path: sim.path, backend: sim.backend, codec: samHidReports });
    const reader = new IdCardReader(transport, { replyTimeoutMs: 300 });
    await reader.open();
    cleanups.push(() => reader.close());
    sim.corruptNextReport();
    await expect(reader.probe()).rejects.toMatchObject({ code: 'timeout' });
    expect(transport.droppedReports).toBe(1);
    expect(await reader.probe()).toMatchObject({ code: 'ok' });
  });
});

describe('GA 467 reader behind a serial-to-TCP server (real loopback socket)', () => {
  it('reads a card over TCP; the server going away is a typed disconnect', async () => {
    const server = await startIdCardTcpServer({ card: { fields: RESIDENT } });
    cleanups.push(() => server.close());
    const transport = new TcpTransport(server.address());
    const reader = new IdCardReader(transport, { replyTimeoutMs: 1000, decode: { today: TODAY } });
    await reader.open();
    cleanups.push(() => reader.close());
    expect(await reader.probe()).toMatchObject({ code: 'ok' });
    expect((await reader.readCard()).card).toMatchObject({ name: '张三', nation: '汉' });
    server.simulator!.removeCard();
    await expect(reader.readCard()).rejects.toMatchObject({ code: 'no_card' });

    const closed = new Promise((resolve) => transport.onClose(resolve));
    await server.close();
    expect(await closed).toMatchObject({ code: 'disconnected' });
  });

  it('nothing listening is open_failed', async () => {
    const server = await startIdCardTcpServer();
    const address = server.address();
    await server.close();
    await expect(new IdCardReader(new TcpTransport(address)).open()).rejects.toMatchObject({ code: 'open_failed' });
  });
});

describe('devices CLI: read-idcard --tcp and --hid', () => {
  const run = async (argv: string[], deps = {}) => {
    let out = '';
    const code = await main(argv, { out: (t) => (out += t), err: () => undefined }, deps);
    return {
      code,
      json: JSON.parse(out) as { card?: { name: string; idNumber: string; nation: string }; error?: { code: string } },
    };
  };

  it('reads (masked) from a serial-to-TCP server and from a HID reader found by VID:PID', async () => {
    const server = await startIdCardTcpServer({ card: { fields: RESIDENT } });
    cleanups.push(() => server.close());
    const { host, port } = server.address();
    const tcp = await run(['read-idcard', '--tcp', `${host}:${port}`]);
    expect(tcp.code).toBe(0);
    expect(tcp.json.card).toMatchObject({ name: '张*', nation: '汉' });
    expect(tcp.json.card!.idNumber).not.toBe(RESIDENT.idNumber);

    const sim = await startSimulatedHidReader({ card: { fields: RESIDENT } });
    cleanups.push(() => sim.close());
    const hid = await run(['read-idcard', '--hid', '0400:c35a'], { hidBackend: sim.backend });
    expect(hid.code).toBe(0);
    expect(hid.json.card).toMatchObject({ name: '张*', nation: '汉' });
    expect(await run(['read-idcard', '--hid', '0400:0001'], { hidBackend: sim.backend })).toMatchObject({
      code: 1,
      json: { error: { code: 'not_found' } },
    });
  });

  it.each([
    [['read-idcard']],
    [['read-idcard', '--tcp', 'nohostport']],
    [['read-idcard', '--hid', 'zz:1']],
    [['read-idcard', '--port', '/dev/x', '--tcp', 'a:1']],
  ])('%j is a usage error', async (argv) => {
    expect(await run(argv)).toMatchObject({ code: 2, json: { error: { code: 'usage' } } });
  });
});
