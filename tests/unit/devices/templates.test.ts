import { describe, expect, it } from 'vitest';
import { decodeEscPos, type DecodedEscPos } from '../../../devices/printer/escpos-decoder';
import { EscPosEncodeError } from '../../../devices/printer/escpos-encoder';
import { formatLocalTime, formatYuan, paymentReceipt, ticketSlip } from '../../../devices/printer/templates';
import { toHex } from './helpers';

const decode = (bytes: Uint8Array): DecodedEscPos => {
  const result = decodeEscPos(bytes);
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
};

describe('ticket slip', () => {
  const input = {
    hallName: '国网城东供电营业厅',
    ticketNo: 'A001',
    businessName: '电费缴纳',
    waitingAhead: 12,
    issuedAt: '2025-03-01T16:30:00Z',
    qrUrl: 'https://hall.example/q/A001',
    notice: '过号请重新取号',
  };

  it('renders hall, big ticket number, business, people ahead, local time, QR, notice', () => {
    const slip = decode(ticketSlip(input));
    expect(slip.lines).toEqual([
      '国网城东供电营业厅',
      '',
      'A001',
      '电费缴纳',
      '',
      '您前面还有 12 人等候',
      '2025-03-02 00:30:00', // UTC+8 crosses midnight
      '',
      '扫码查看实时排队进度',
      '',
      '过号请重新取号',
    ]);
    expect(slip.qr).toEqual(['https://hall.example/q/A001']);
    expect(slip.cuts).toBe(1);
  });

  it('starts with init, centre, Chinese mode and ends with feed + partial cut', () => {
    const bytes = ticketSlip(input);
    expect(toHex(bytes.subarray(0, 7))).toBe('1B 40 1B 61 01 1C 26');
    expect(toHex(bytes.subarray(bytes.length - 8))).toBe('1C 2E 1B 64 03 1D 56 01');
  });

  it('prints the ticket number double size and bold, then returns to normal', () => {
    const ops = decode(ticketSlip(input)).ops;
    const at = ops.findIndex((op) => op.kind === 'text' && op.text === 'A001');
    expect(ops.slice(at - 2, at)).toEqual([
      { kind: 'characterSize', width: 2, height: 2 },
      { kind: 'bold', on: true },
    ]);
    expect(ops.slice(at + 1, at + 4)).toEqual([
      { kind: 'lineFeed' },
      { kind: 'bold', on: false },
      { kind: 'characterSize', width: 1, height: 1 },
    ]);
  });

  it('QR and notice are optional', () => {
    const slip = decode(ticketSlip({ ...input, qrUrl: undefined, notice: undefined, waitingAhead: 0 }));
    expect(slip.qr).toEqual([]);
    expect(slip.lines.at(-1)).toBe('2025-03-02 00:30:00');
    expect(slip.lines).toContain('您前面还有 0 人等候');
  });

  it('rejects impossible input', () => {
    expect(() => ticketSlip({ ...input, waitingAhead: -1 })).toThrow(EscPosEncodeError);
    expect(() => ticketSlip({ ...input, issuedAt: 'yesterday' })).toThrow(EscPosEncodeError);
  });
});

describe('payment receipt', () => {
  it('shows account, amount in yuan from fen, channel, time, receipt number and a QR', () => {
    const receipt = decode(
      paymentReceipt({
        hallName: '国网城东供电营业厅',
        receiptNo: 'R20250301-0007',
        accountNo: '3301234567',
        amountFen: 20005,
        channel: 'bank_card',
        paidAt: '2025-03-01T02:00:00+00:00',
        qrUrl: 'https://hall.example/r/R20250301-0007',
        operator: '柜员 03',
      }),
    );
    expect(receipt.lines).toEqual(
      expect.arrayContaining([
        '户号：3301234567',
        '金额：200.05 元',
        '支付方式：银行卡',
        '时间：2025-03-01 10:00:00',
        '票据号：R20250301-0007',
        '操作员：柜员 03',
      ]),
    );
    expect(receipt.qr).toEqual(['https://hall.example/r/R20250301-0007']);
    expect(receipt.cuts).toBe(1);
  });

  it('formats fen as yuan exactly, with no floating point', () => {
    expect(formatYuan(0)).toBe('0.00');
    expect(formatYuan(5)).toBe('0.05');
    expect(formatYuan(100)).toBe('1.00');
    expect(formatYuan(12345)).toBe('123.45');
    expect(formatYuan(-250)).toBe('-2.50');
    expect(formatYuan(9007199254740991)).toBe('90071992547409.91');
    expect(() => formatYuan(1.5)).toThrow(EscPosEncodeError);
  });

  it('formats times in hall local time regardless of the input offset', () => {
    expect(formatLocalTime('2025-12-31T16:00:00Z')).toBe('2026-01-01 00:00:00');
    expect(formatLocalTime('2025-06-01T08:00:00+08:00')).toBe('2025-06-01 08:00:00');
    expect(formatLocalTime('2025-06-01T08:00:00Z', 'UTC')).toBe('2025-06-01 08:00:00');
  });
});
