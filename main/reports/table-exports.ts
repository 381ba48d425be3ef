import type { AgentEvaluation } from '@common/api/schemas';
import type { KpiResponse, KpiSetWire } from '@common/api/insight-schemas';
import type { RefundView } from '@common/api/payment-schemas';
import { BUSINESS_TYPES } from '@common/domain/business-types';
import { RATING_LEVELS, RATING_LABELS } from '@common/domain/ratings';
import { CHANNEL_NAMES } from '@common/payments/states';
import { hallDateTime } from '@common/time/hall-time';
import { sheet, yuan, type AnySheet, type ExportColumn } from './xlsx-export';

const TYPE_NAMES: Record<string, string> = Object.fromEntries(BUSINESS_TYPES.map((t) => [t.code, t.name]));
const minutes = (sec: number | null): number | null => (sec === null ? null : sec / 60);
const period = (from: string, to: string) => (from === to ? from : `${from} 至 ${to}`);

/** 员工评价: one row per agent, the figures of the evaluation table. */
export function evaluationSheets(rows: AgentEvaluation[], hallName: string, from: string, to: string): AnySheet[] {
  return [
    sheet<AgentEvaluation>({
      name: '员工评价',
      preface: [[`${hallName} 员工评价`], ['统计期间', period(from, to)]],
      columns: [
        { header: '工号', width: 10, value: (e) => e.staff.staffNo },
        { header: '姓名', width: 12, value: (e) => e.staff.name },
        { header: '服务笔数', width: 10, format: 'integer', value: (e) => e.served },
        { header: '口头咨询', width: 10, format: 'integer', value: (e) => e.consultations ?? 0 },
        { header: '评价数', width: 10, format: 'integer', value: (e) => e.ratings },
        ...[...RATING_LEVELS, 'none' as const].map((level): ExportColumn<AgentEvaluation> => ({
          header: level === 'none' ? '未评价' : RATING_LABELS[level].zh,
          width: 10,
          format: 'integer',
          value: (e) => e.byLevel[level] ?? 0,
        })),
        { header: '满意率', width: 10, format: 'percent', value: (e) => e.satisfaction },
        { header: '覆盖率', width: 10, format: 'percent', value: (e) => e.coverage },
      ],
      rows,
    }),
  ];
}

/** The KPI columns every group of the queue KPIs shares (times in minutes, rates as percentages). */
function kpiColumns<R>(label: string, name: (r: R) => string, set: (r: R) => KpiSetWire): ExportColumn<R>[] {
  return [
    { header: label, width: 16, value: name },
    { header: '取号', width: 8, format: 'integer', value: (r) => set(r).issued },
    { header: '办结', width: 8, format: 'integer', value: (r) => set(r).finished },
    { header: '过号', width: 8, format: 'integer', value: (r) => set(r).noShows },
    { header: '离开未办', width: 10, format: 'integer', value: (r) => set(r).walkAways },
    { header: '平均等候 (分钟)', width: 14, format: 'decimal', value: (r) => minutes(set(r).wait.mean) },
    { header: '最长等候 (分钟)', width: 14, format: 'decimal', value: (r) => minutes(set(r).wait.max) },
    { header: '平均办理 (分钟)', width: 14, format: 'decimal', value: (r) => minutes(set(r).aht.mean) },
    { header: '服务水平', width: 10, format: 'percent', value: (r) => set(r).serviceLevel },
    { header: '过号率', width: 10, format: 'percent', value: (r) => set(r).noShowRate },
    { header: '离开率', width: 10, format: 'percent', value: (r) => set(r).walkAwayRate },
  ];
}

/** 排队指标: the whole hall, then by business type, window, agent and hour of the day. */
export function kpiSheets(k: KpiResponse, hallName: string): AnySheet[] {
  const names = new Map(k.agents.map((a) => [a.id, `${a.name}（${a.staffNo}）`]));
  const group = (title: string, label: string, groups: Record<string, KpiSetWire>, name: (key: string) => string) =>
    sheet<[string, KpiSetWire]>({
      name: title,
      columns: kpiColumns(
        label,
        ([key]) => name(key),
        ([, set]) => set,
      ),
      rows: Object.entries(groups).sort(([a], [b]) => a.localeCompare(b, 'zh-CN', { numeric: true })),
    });
  return [
    sheet<[string, KpiSetWire]>({
      name: '全厅',
      preface: [[`${hallName} 排队指标`], ['统计期间', period(k.from, k.to)]],
      columns: kpiColumns(
        '范围',
        ([key]) => key,
        ([, set]) => set,
      ),
      rows: [['全厅', k.report.overall]],
    }),
    group('按业务', '业务类型', k.report.byType, (code) => TYPE_NAMES[code] ?? code),
    group('按窗口', '窗口', k.report.byWindow, (w) => (w === 'none' ? '未叫号' : `${w} 号窗口`)),
    group('按人员', '人员', k.report.byAgent, (id) => names.get(id) ?? '—'),
    group('按小时', '时段', k.report.byHour, (h) => `${h}:00–${h}:59`),
  ];
}

const DECISIONS = { approved: '已批准', rejected: '已驳回' } as const;

/** 退款审批: every request with its decision. */
export function refundSheets(rows: RefundView[], hallName: string, timeZone: string): AnySheet[] {
  const at = (iso: string | null) => (iso ? hallDateTime(iso, timeZone, { seconds: true }) : null);
  return [
    sheet<RefundView>({
      name: '退款申请',
      preface: [[`${hallName} 退款申请`]],
      columns: [
        { header: '申请时间', width: 20, value: (r) => at(r.requestedAt) },
        { header: '户号', width: 14, value: (r) => r.accountNo },
        { header: '原支付编号', width: 40, value: (r) => r.paymentId },
        { header: '方式', width: 10, value: (r) => CHANNEL_NAMES[r.channel] },
        { header: '原金额 (元)', width: 12, format: 'money', value: (r) => yuan(r.originalFen) },
        { header: '退款金额 (元)', width: 12, format: 'money', value: (r) => yuan(r.amountFen) },
        { header: '原因', width: 30, value: (r) => r.reason },
        { header: '申请人', width: 12, value: (r) => `${r.requestedByName}（${r.requestedBy}）` },
        { header: '审批结果', width: 10, value: (r) => (r.decision ? DECISIONS[r.decision] : '待审批') },
        { header: '审批人', width: 10, value: (r) => r.decidedByName },
        { header: '审批时间', width: 20, value: (r) => at(r.decidedAt) },
        { header: '审批意见', width: 30, value: (r) => r.note },
      ],
      rows,
    }),
  ];
}
