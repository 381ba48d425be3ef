import { AppFailure } from '@common/result';
import type { EXPORT_TABLES } from '@common/api/features/reports';
import { MAX_KPI_DAYS } from '../storage/ops/kpi-queries';
import type { ServiceContext } from '../services/context';
import type { InsightService } from '../services/insight-service';
import type { RefundReversalService } from '../services/refund-reversal-service';
import { evaluationSheets, kpiSheets, refundSheets } from './table-exports';
import { workbookBuffer, type AnySheet } from './xlsx-export';

export interface TableExportDeps {
  ctx: ServiceContext;
  insights: InsightService;
  /** Absent where the station takes no money: the refunds table cannot be exported. */
  refunds?: RefundReversalService;
  hallName(): string;
  timeZone(): string;
}

const DAY_MS = 86_400_000;
const FILE_TITLES: Record<(typeof EXPORT_TABLES)[number], string> = {
  evaluations: '员工评价',
  kpis: '排队指标',
  refunds: '退款申请',
};

/** A period of hall days, checked: from ≤ to and at most MAX_KPI_DAYS long. */
export function checkedPeriod(input: { from?: string; to?: string }, today: string): { from: string; to: string } {
  const to = input.to ?? today;
  const from = input.from ?? to;
  if (from > to) throw new AppFailure('validation', 'form.endBeforeStart', {}, 'from');
  if ((Date.parse(to) - Date.parse(from)) / DAY_MS >= MAX_KPI_DAYS)
    throw new AppFailure('validation', 'input.dateRangeTooLong', { max: MAX_KPI_DAYS }, 'from');
  return { from, to };
}

/** Each manager table as an Excel workbook, from the same figures the console shows. */
export class TableExportService {
  constructor(private readonly deps: TableExportDeps) {}

  async export(input: {
    table: (typeof EXPORT_TABLES)[number];
    from?: string;
    to?: string;
  }): Promise<{ fileName: string; base64: string }> {
    const { ctx } = this.deps;
    const { from, to } = checkedPeriod(input, ctx.today());
    const sheets = await this.sheets(input.table, from, to);
    const file = await workbookBuffer(sheets);
    const span = input.table === 'refunds' ? ctx.today() : from === to ? from : `${from}_${to}`;
    return { fileName: `${FILE_TITLES[input.table]}-${span}.xlsx`, base64: file.toString('base64') };
  }

  private async sheets(table: (typeof EXPORT_TABLES)[number], from: string, to: string): Promise<AnySheet[]> {
    const { ctx, hallName, timeZone } = this.deps;
    switch (table) {
      case 'evaluations':
        return evaluationSheets(await ctx.storage.run('evaluations', { from, to }), hallName(), from, to);
      case 'kpis':
        return kpiSheets(await this.deps.insights.kpis({ from, to }), hallName());
      case 'refunds':
        if (!this.deps.refunds) throw new AppFailure('unavailable', 'payment.notEnabled');
        return refundSheets(await this.deps.refunds.refunds(false), hallName(), timeZone());
    }
  }
}
