import type { Reconciliation } from '@common/api/payment-schemas';
import { CHANNEL_NAMES, STATUS_NAMES } from '@common/payments/states';
import { hallDateTime } from '@common/time/hall-time';
import { sheet, workbookBuffer, yuan, type CellValue } from '../reports/xlsx-export';

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
 * default Asia/Shanghai), as the staff read them. Written by the shared streaming exporter.
 */
export function reconciliationWorkbook(
  r: Omit<Reconciliation, 'declarations'> & Partial<Pick<Reconciliation, 'declarations'>>,
  hallName: string,
  timeZone?: string,
): Promise<Buffer> {
  const declared = r.declaredCashFen === null ? '未申报' : yuan(r.declaredCashFen);
  const statement = r.statementFen === null ? (r.statementError ?? '未取得') : yuan(r.statementFen);
  const summary: [string, CellValue][] = [
    ...r.byChannel.map((c): [string, CellValue] => [`${CHANNEL_NAMES[c.channel]}（${c.count} 笔）`, yuan(c.netFen)]),
    ['系统现金 (元)', yuan(r.systemCashFen)],
    ['申报现金 (元)', declared],
    ['系统网关收款 (元)', yuan(r.systemGatewayFen)],
    ['网关对账单 (元)', statement],
    ['差异条数', r.differences.length],
  ];
  type Line = Reconciliation['lines'][number];
  type Declaration = Reconciliation['declarations'][number];
  type Difference = Reconciliation['differences'][number];
  return workbookBuffer([
    sheet<[string, CellValue]>({
      name: '汇总',
      preface: [
        [`${hallName} 日结对账`],
        ['日期', r.day],
        ['人员', r.staff ? `${r.staff.name}（${r.staff.staffNo}）` : '全厅'],
      ],
      columns: [
        { header: '项目', width: 26, value: (x) => x[0] },
        { header: '金额 (元) / 数值', width: 20, format: 'money', value: (x) => x[1] },
      ],
      rows: summary,
    }),
    // The whole hall's view adds each agent's drawer.
    ...(r.staff
      ? []
      : [
          sheet<Declaration>({
            name: '现金申报',
            columns: [
              { header: '工号', width: 10, value: (d) => d.staffNo },
              { header: '姓名', width: 12, value: (d) => d.name },
              { header: '系统现金 (元)', width: 14, format: 'money', value: (d) => yuan(d.systemCashFen) },
              {
                header: '申报现金 (元)',
                width: 14,
                format: 'money',
                value: (d) => (d.declaredCashFen === null ? '未申报' : yuan(d.declaredCashFen)),
              },
              {
                header: '差额 (元)',
                width: 12,
                format: 'money',
                value: (d) => (d.declaredCashFen === null ? null : yuan(d.declaredCashFen - d.systemCashFen)),
              },
            ],
            rows: r.declarations ?? [],
          }),
        ]),
    sheet<Difference>({
      name: '差异',
      columns: [
        { header: '类型', width: 16, value: (d) => DIFF_NAMES[d.kind] },
        { header: '支付编号', width: 44, value: (d) => d.paymentId ?? '' },
        { header: '差额 (元)', width: 12, format: 'money', value: (d) => yuan(d.amountFen) },
        { header: '原因', width: 70, value: (d) => d.cause },
      ],
      rows: r.differences,
    }),
    sheet<Line>({
      name: '明细',
      columns: [
        { header: '时间', width: 22, value: (l) => hallDateTime(l.createdAt, timeZone, { seconds: true }) },
        { header: '工号', width: 8, value: (l) => l.staffNo },
        { header: '支付编号', width: 44, value: (l) => l.paymentId },
        { header: '类型', width: 8, value: (l) => KIND_NAMES[l.kind] },
        { header: '方式', width: 10, value: (l) => CHANNEL_NAMES[l.channel] },
        { header: '户号', width: 14, value: (l) => l.accountNo },
        { header: '金额 (元)', width: 12, format: 'money', value: (l) => yuan(l.amountFen) },
        { header: '状态', width: 16, value: (l) => STATUS_NAMES[l.status] },
        { header: '系统净额 (元)', width: 14, format: 'money', value: (l) => yuan(l.systemNetFen) },
        { header: '网关净额 (元)', width: 14, format: 'money', value: (l) => yuan(l.gatewayNetFen) },
      ],
      rows: r.lines,
    }),
  ]);
}
