import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import type { Reconciliation } from '@common/api/payment-schemas';
import { acceptanceSlipLines } from '@common/forms/printout';
import { formSchema } from '@common/forms/schemas';
import { decodeEscPos } from '../../../devices/printer/escpos-decoder';
import { acceptanceSlip, paymentReceipt } from '../../../devices/printer/templates';
import { sampleSlip } from '../../../main/devices/station-printer';
import { reconciliationWorkbook } from '../../../main/payments/reconciliation-workbook';

const lines = (bytes: Uint8Array): string[] => {
  const r = decodeEscPos(bytes);
  if (!r.ok) throw new Error(r.error.message);
  return r.value.lines;
};

/** Slips and exports show hall time: 23:30 UTC is the next morning in the hall. */
describe('printed and exported times are hall time', () => {
  const lateUtc = '2025-03-01T23:30:00Z';

  it('an acceptance slip printed at 23:30 UTC shows the next local day', () => {
    const slip = lines(
      acceptanceSlip({
        hallName: '城东营业厅',
        applicationNo: 'SQ202503020001',
        businessName: '低压居民新装',
        applicantName: '张小三',
        acceptedAt: lateUtc,
        qrUrl: 'https://hall.example/a/1',
      }),
    );
    expect(slip).toContain('受理时间：2025-03-02 07:30:00');
  });

  it("the counter's acceptance lines and a receipt in another hall zone follow that zone", () => {
    const schema = formSchema('NEW')!;
    const text = acceptanceSlipLines({
      schema,
      values: {},
      applicationNo: 'SQ1',
      hallName: '厅',
      windowNo: 3,
      agentName: '王',
      acceptedAt: lateUtc,
    });
    expect(text).toContain('受理时间：2025-03-02 07:30');
    const berlin = acceptanceSlipLines({
      schema,
      values: {},
      applicationNo: 'SQ1',
      hallName: '厅',
      windowNo: 3,
      agentName: '王',
      acceptedAt: lateUtc,
      timeZone: 'Europe/Berlin',
    });
    expect(berlin).toContain('受理时间：2025-03-02 00:30');
    const receipt = lines(
      paymentReceipt(
        {
          hallName: '厅',
          receiptNo: 'R1',
          accountNo: '01',
          amountFen: 100,
          channel: 'cash',
          paidAt: lateUtc,
          qrUrl: 'x',
        },
        { timeZone: 'UTC' },
      ),
    );
    expect(receipt).toContain('时间：2025-03-01 23:30:00');
  });

  it("the devices page's sample slips stamp the hall's day", () => {
    const page = lines(sampleSlip('test_page', '厅', new Date(lateUtc)));
    expect(page).toContain('2025-03-02 07:30:00');
    const acceptance = lines(sampleSlip('acceptance_slip', '厅', new Date(lateUtc)));
    expect(acceptance).toContain('SQ202503020001');
  });

  it('an Excel 明细 row paid at 16:05 UTC shows 00:05 of the next day', async () => {
    const r: Reconciliation = {
      day: '2025-03-02',
      staff: null,
      byChannel: [{ channel: 'cash', count: 1, netFen: 5000 }],
      systemCashFen: 5000,
      declaredCashFen: 5000,
      systemGatewayFen: 0,
      statementFen: null,
      statementError: null,
      declarations: [],
      lines: [
        {
          paymentId: 'pay-1',
          kind: 'bill',
          channel: 'cash',
          accountNo: '0101234567',
          amountFen: 5000,
          status: 'succeeded',
          createdAt: '2025-03-01T16:05:09Z',
          staffNo: '1007',
          systemNetFen: 5000,
          gatewayNetFen: null,
        },
      ],
      differences: [],
    };
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await reconciliationWorkbook(r, '城东营业厅')) as unknown as ExcelJS.Buffer);
    const row = wb.getWorksheet('明细')!.getRow(2);
    expect(row.getCell(1).value).toBe('2025-03-02 00:05:09');
    expect(row.getCell(5).value).toBe('现金');
  });
});
