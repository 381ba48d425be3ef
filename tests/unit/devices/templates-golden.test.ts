import { afterEach, describe, expect, it } from 'vitest';
import { ReceiptPrinter } from '../../../devices/printer/receipt-printer';
import { acceptanceSlip, paymentReceipt, ticketSlip } from '../../../devices/printer/templates';
import { EscPosEncodeError } from '../../../devices/printer/escpos-encoder';
import {
  startPrinterSimulator,
  type DecodedReceipt,
  type PrinterSimulator,
} from '../../../devices/simulators/printer-simulator';
import { TcpTransport } from '../../../devices/transport/tcp-transport';
import { nextEvent } from './helpers';

/** Golden text: each template printed over real TCP into the simulator and decoded back. */
let simulator: PrinterSimulator | null = null;
let printer: ReceiptPrinter | null = null;
afterEach(async () => {
  await printer?.close();
  await simulator?.close();
  printer = simulator = null;
});

async function printThroughSimulator(bytes: Uint8Array): Promise<DecodedReceipt> {
  simulator = await startPrinterSimulator();
  printer = new ReceiptPrinter(new TcpTransport(simulator.address()));
  await printer.connect();
  const received = nextEvent<DecodedReceipt>((l) => simulator!.onReceipt(l));
  await printer.print(bytes);
  return received;
}

/** GS ( k pL pH 31 50 30 — the QR "store data" header; its pL/pH count the payload in bytes. */
function qrStoredLengths(bytes: Uint8Array): number[] {
  const out: number[] = [];
  for (let i = 0; i + 7 < bytes.length; i++) {
    if (
      bytes[i] === 0x1d &&
      bytes[i + 1] === 0x28 &&
      bytes[i + 2] === 0x6b &&
      bytes[i + 5] === 0x31 &&
      bytes[i + 6] === 0x50
    ) {
      out.push(bytes[i + 3]! + bytes[i + 4]! * 256 - 3);
    }
  }
  return out;
}

describe('payment receipt through the printer simulator', () => {
  it('prints the golden text and QR', async () => {
    const receipt = await printThroughSimulator(
      paymentReceipt({
        hallName: '国网城东供电营业厅',
        receiptNo: 'SF20250301000123',
        accountNo: '0101234567',
        amountFen: 12345,
        channel: 'qr',
        paidAt: '2025-03-01T02:05:07Z',
        qrUrl: 'https://hall.example/r/SF20250301000123',
        operator: '王芳 (1002)',
        customerName: '张*三',
        periods: ['2025-01', '2025-02'],
      }),
    );
    expect(receipt.lines).toEqual([
      '国网城东供电营业厅',
      '电费缴费凭证',
      '',
      '户号：0101234567',
      '户名：张*三',
      '电费年月：2025-01、2025-02',
      '金额：123.45 元',
      '支付方式：扫码支付',
      '时间：2025-03-01 10:05:07',
      '票据号：SF20250301000123',
      '操作员：王芳 (1002)',
      '',
      '扫码查看电子凭证',
      '',
      '请妥善保管此凭证',
    ]);
    expect(receipt.qr).toEqual(['https://hall.example/r/SF20250301000123']);
  });
});

describe('queue ticket slip', () => {
  it('prints number, type, people ahead, estimated wait and a QR to the live position', async () => {
    const url = 'http://192.168.1.20:8080/#/ticket/tk-0001';
    const bytes = ticketSlip({
      hallName: '国网城东供电营业厅',
      ticketNo: 'A012',
      businessName: '电费缴纳',
      waitingAhead: 4,
      estimatedWaitMin: 9,
      issuedAt: '2025-03-01T01:30:00Z',
      qrUrl: url,
    });
    const slip = await printThroughSimulator(bytes);
    expect(slip.lines.filter((l) => l !== '')).toEqual([
      '国网城东供电营业厅',
      'A012',
      '电费缴纳',
      '您前面还有 4 人等候',
      '预计等候约 9 分钟',
      '2025-03-01 09:30:00',
      '扫码查看实时排队进度',
    ]);
    expect(slip.qr).toEqual([url]);
  });

  it('leaves out the estimate and the QR when they are unknown', async () => {
    const slip = await printThroughSimulator(
      ticketSlip({
        hallName: '营业厅',
        ticketNo: 'B001',
        businessName: '更名过户',
        waitingAhead: 0,
        issuedAt: '2025-03-01T01:30:00Z',
      }),
    );
    expect(slip.lines.join('\n')).not.toMatch(/预计等候|扫码/);
    expect(slip.qr).toEqual([]);
  });
});

describe('business acceptance slip (受理回执)', () => {
  const input = {
    hallName: '国网城东供电营业厅',
    applicationNo: 'SQ202503010007',
    businessName: '低压居民新装',
    applicantName: '欧阳娜娜',
    accountNo: '0101234567',
    acceptedAt: '2025-03-01T01:30:00Z',
    promisedWorkingDays: 3,
    qrUrl: 'https://hall.example/a/SQ202503010007?业务=新装',
    operator: '1002',
    hotline: '95598',
  };

  it('prints application number, masked applicant, promise and a Chinese QR that scans back whole', async () => {
    const receipt = await printThroughSimulator(acceptanceSlip(input));
    expect(receipt.lines).toEqual([
      '国网城东供电营业厅',
      '业务受理回执',
      '',
      'SQ202503010007',
      '申请编号',
      '',
      '业务：低压居民新装',
      '申请人：欧**娜',
      '户号：0101234567',
      '受理时间：2025-03-01 09:30:00',
      '承诺时限：3 个工作日',
      '受理人：1002',
      '',
      '',
      '扫码查询办理进度',
      '服务热线：95598',
    ]);
    expect(receipt.qr).toEqual([input.qrUrl]);
    expect(receipt.text).not.toContain('欧阳娜娜');
  });

  it('stores the QR length in bytes (UTF-8), not characters', () => {
    const [stored] = qrStoredLengths(acceptanceSlip(input));
    expect(stored).toBe(Buffer.byteLength(input.qrUrl, 'utf8'));
    expect(stored).toBeGreaterThan(input.qrUrl.length);
  });

  it('rejects an empty application number and a non-positive promise with a typed error', () => {
    expect(() => acceptanceSlip({ ...input, applicationNo: ' ' })).toThrow(EscPosEncodeError);
    expect(() => acceptanceSlip({ ...input, promisedWorkingDays: 0 })).toThrow(EscPosEncodeError);
  });
});
