import ExcelJS from 'exceljs';
import type { Reconciliation } from '@common/api/payment-schemas';
import { CHANNEL_NAMES, STATUS_NAMES } from '@common/payments/states';
import { hallDateTime } from '@common/time/hall-time';

const yuan = (fen: number | null): number | null => (fen === null ? null : fen / 100);
const KIND_NAMES = { bill: '缴费', topup: '充值', refund: '退款' } as const;
const DIFF_NAMES = {
  cash_short: '现金短款',
  cash_over: '现金长款',
  cash_undeclared: '现金未申报',
  gateway_only: '网关有、系统无',
  system_only: '系统有、网关无',
  amount_mismatch: '金额不符',
  unresolved: '状态未确认',
} as const;

/**
 * The day's reconciliation as an Excel workbook: 汇总 (summary), 现金申报 (whole hall: each agent's
 * drawer), 差异 (differences), 明细 (every payment). Times are the hall's wall clock (`timeZone`,
 * default Asia/Shanghai), as the staff read them.
 */
export async function reconciliationWorkbook(
  r: Omit<Reconciliation, 'declarations'> & Partial<Pick<Reconciliation, 'declarations'>>,
  hallName: string,
  timeZone?: string,
): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Hall Console';
  const money = '#,##0.00';

  const summary = wb.addWorksheet('汇总');
  summary.columns = [{ width: 26 }, { width: 20 }];
  summary.addRow([`${hallName} 日结对账`]).font = { bold: true, size: 14 };
  summary.addRow(['日期', r.day]);
  summary.addRow(['人员', r.staff ? `${r.staff.name}（${r.staff.staffNo}）` : '全厅']);
  summary.addRow([]);
  for (const c of r.byChannel)
    summary.addRow([`${CHANNEL_NAMES[c.channel]}（${c.count} 笔）`, yuan(c.netFen)]).getCell(2).numFmt = money;
  summary.addRow(['系统现金 (元)', yuan(r.systemCashFen)]).getCell(2).numFmt = money;
  summary.addRow(['申报现金 (元)', r.declaredCashFen === null ? '未申报' : yuan(r.declaredCashFen)]).getCell(2).numFmt =
    money;
  summary.addRow(['系统网关收款 (元)', yuan(r.systemGatewayFen)]).getCell(2).numFmt = money;
  summary
    .addRow(['网关对账单 (元)', r.statementFen === null ? (r.statementError ?? '未取得') : yuan(r.statementFen)])
    .getCell(2).numFmt = money;
  summary.addRow(['差异条数', r.differences.length]);

  if (!r.staff) {
    const drawers = wb.addWorksheet('现金申报');
    drawers.columns = [
      { header: '工号', key: 'staffNo', width: 10 },
      { header: '姓名', key: 'name', width: 12 },
      { header: '系统现金 (元)', key: 'system', width: 14, style: { numFmt: money } },
      { header: '申报现金 (元)', key: 'declared', width: 14, style: { numFmt: money } },
      { header: '差额 (元)', key: 'diff', width: 12, style: { numFmt: money } },
    ];
    for (const d of r.declarations ?? [])
      drawers.addRow({
        staffNo: d.staffNo,
        name: d.name,
        system: yuan(d.systemCashFen),
        declared: d.declaredCashFen === null ? '未申报' : yuan(d.declaredCashFen),
        diff: d.declaredCashFen === null ? null : yuan(d.declaredCashFen - d.systemCashFen),
      });
    drawers.getRow(1).font = { bold: true };
  }

  const diffs = wb.addWorksheet('差异');
  diffs.columns = [
    { header: '类型', key: 'kind', width: 16 },
    { header: '支付编号', key: 'paymentId', width: 44 },
    { header: '差额 (元)', key: 'amount', width: 12, style: { numFmt: money } },
    { header: '原因', key: 'cause', width: 70 },
  ];
  for (const d of r.differences)
    diffs.addRow({ kind: DIFF_NAMES[d.kind], paymentId: d.paymentId ?? '', amount: yuan(d.amountFen), cause: d.cause });
  diffs.getRow(1).font = { bold: true };

  const lines = wb.addWorksheet('明细');
  lines.columns = [
    { header: '时间', key: 'at', width: 22 },
    { header: '工号', key: 'staff', width: 8 },
    { header: '支付编号', key: 'id', width: 44 },
    { header: '类型', key: 'kind', width: 8 },
    { header: '方式', key: 'channel', width: 10 },
    { header: '户号', key: 'account', width: 14 },
    { header: '金额 (元)', key: 'amount', width: 12, style: { numFmt: money } },
    { header: '状态', key: 'status', width: 16 },
    { header: '系统净额 (元)', key: 'sys', width: 14, style: { numFmt: money } },
    { header: '网关净额 (元)', key: 'gw', width: 14, style: { numFmt: money } },
  ];
  for (const l of r.lines) {
    lines.addRow({
      at: hallDateTime(l.createdAt, timeZone, { seconds: true }),
      staff: l.staffNo,
      id: l.paymentId,
      kind: KIND_NAMES[l.kind],
      channel: CHANNEL_NAMES[l.channel],
      account: l.accountNo,
      amount: yuan(l.amountFen),
      status: STATUS_NAMES[l.status],
      sys: yuan(l.systemNetFen),
      gw: yuan(l.gatewayNetFen),
    });
  }
  lines.getRow(1).font = { bold: true };
  return Buffer.from(await wb.xlsx.writeBuffer());
}
