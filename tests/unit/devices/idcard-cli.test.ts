/** scripts/devices.ts, driven in-process (no hardware): decode, print-test against the printer simulator, usage errors. */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { encodeCardText } from '../../../devices/idcard/card-text';
import { encodeReadData } from '../../../devices/idcard/read-data';
import { bytesToHex, encodeReply } from '../../../devices/idcard/sam-frame';
import { escpos } from '../../../devices/printer/escpos-encoder';
import { startPrinterSimulator, type DecodedReceipt } from '../../../devices/simulators/printer-simulator';
import { main } from '../../../scripts/devices';
import { HMT_PERMIT, RESIDENT } from './idcard-fixtures';
import { nextEvent } from './helpers';

async function run(...argv: string[]): Promise<{ code: number; json: unknown; stderr: string }> {
  let out = '';
  let err = '';
  const code = await main(argv, { out: (t) => (out += t), err: (t) => (err += t) });
  return { code, json: JSON.parse(out || 'null'), stderr: err };
}

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

describe('devices CLI', () => {
  it('decode idcard prints exactly the card fields', async () => {
    const frame = bytesToHex(encodeReply(0x90, encodeReadData(encodeCardText(RESIDENT), new Uint8Array(1024))));
    const { code, json } = await run('decode', 'idcard', frame);
    expect(code).toBe(0);
    expect(json).toEqual({
      cardType: 'resident',
      name: '张三',
      gender: '男',
      nation: '汉',
      birthDate: '1949-12-31',
      address: '北京市朝阳区建国路88号院3号楼2单元101室',
      idNumber: '11010519491231002X',
      authority: '北京市公安局朝阳分局',
      validFrom: '2015-01-01',
      validTo: '长期',
      idNumberValid: true,
    });
    const permit = await run(
      'decode',
      'idcard',
      bytesToHex(encodeReply(0x90, encodeReadData(encodeCardText(HMT_PERMIT), new Uint8Array(1024)))).replaceAll(
        ' ',
        '',
      ),
    );
    expect(permit.json).toMatchObject({ cardType: 'hk_macau_taiwan_permit', nation: null });
  });

  it('a bad frame prints a JSON error and exits non-zero', async () => {
    const frame = encodeReply(0x90, encodeReadData(encodeCardText(RESIDENT), new Uint8Array(1024)));
    frame[frame.length - 1] ^= 1;
    expect(await run('decode', 'idcard', bytesToHex(frame))).toMatchObject({
      code: 1,
      json: { error: { code: 'bad_checksum' } },
    });
    expect(await run('decode', 'idcard', 'zz')).toMatchObject({ code: 1, json: { error: { code: 'bad_hex' } } });
    expect(await run('decode', 'idcard', 'AA AA AA 96 69 00 04 00 00 80 84')).toMatchObject({
      code: 1,
      json: { error: { code: 'sam_status' } },
    });
  });

  it('decode escpos reads a capture file', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'hall-devices-'));
    cleanups.push(() => rm(dir, { recursive: true, force: true }));
    const file = join(dir, 'receipt.bin');
    await writeFile(file, escpos().init().line('Hello').feedAndCut(2, 'full').encode());
    const { code, json } = await run('decode', 'escpos', file);
    expect(code).toBe(0);
    expect(json).toMatchObject({ lines: ['Hello'], cuts: 1 });
  });

  it('print-test prints a slip on a (simulated) network printer', async () => {
    const sim = await startPrinterSimulator({ host: '127.0.0.1', port: 0 });
    cleanups.push(() => sim.close());
    const receipt = nextEvent<DecodedReceipt>((l) => sim.onReceipt(l));
    const { code, json } = await run('print-test', '--host', '127.0.0.1', '--port', String(sim.address().port));
    expect(code).toBe(0);
    expect(json).toMatchObject({ printed: true });
    expect((await receipt).text).toContain('打印测试');
  });

  it('usage errors are JSON errors too', async () => {
    expect(await run('read-idcard')).toMatchObject({ code: 2, json: { error: { code: 'usage' } } });
    expect(await run('frobnicate')).toMatchObject({ code: 2, json: { error: { code: 'usage' } } });
    const bogus = await run('--bogus');
    expect(bogus).toMatchObject({ code: 2, json: null });
    expect(bogus.stderr.trim().split('\n')).toEqual([
      "npm run devices --: Unknown option '--bogus' (npm run devices -- --help lists the options)",
    ]);
  });
});
