import type { KpiSetWire } from '@common/api/insight-schemas';
import { BUSINESS_TYPES } from '@common/domain/business-types';
import { hallDateTime } from '@common/time/hall-time';
import { hourlyChart, waitByTypeChart, weekTrendChart } from './report-charts';
import type { ReportData } from './report-data';
import { REPORT_TITLES } from './report-period';

const TYPE_NAMES: Record<string, string> = Object.fromEntries(BUSINESS_TYPES.map((t) => [t.code, t.name]));
const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const esc = (s: string) => s.replace(/[&<>"']/g, (c) => ESCAPES[c]!);
const pct = (x: number | null) => (x === null ? '—' : `${(x * 100).toFixed(1)}%`);
const minutes = (sec: number | null) => (sec === null ? '—' : `${(sec / 60).toFixed(1)} 分钟`);

function tile(label: string, value: string | number): string {
  return `<div class="tile"><div class="label">${esc(label)}</div><div class="value">${esc(String(value))}</div></div>`;
}

function table(head: string[], rows: (string | number)[][], empty: string): string {
  if (!rows.length) return `<p class="empty">${esc(empty)}</p>`;
  return `<table><thead><tr>${head.map((h) => `<th>${esc(h)}</th>`).join('')}</tr></thead><tbody>${rows
    .map((r) => `<tr>${r.map((c) => `<td>${esc(String(c))}</td>`).join('')}</tr>`)
    .join('')}</tbody></table>`;
}

const kpiRow = (name: string, k: KpiSetWire) => [
  name,
  k.issued,
  k.finished,
  minutes(k.wait.mean),
  minutes(k.aht.mean),
  pct(k.serviceLevel),
  pct(k.noShowRate),
];

/**
 * The operations report as one self-contained HTML page (inline SVG charts, no scripts, no network):
 * the same page prints to PDF in Electron and in headless Chromium. Text is Chinese; the font stack
 * names the CJK fonts a hall PC has (Noto on Debian, YaHei on Windows).
 */
export function reportHtml(d: ReportData, timeZone: string): string {
  const { period, kpis } = d;
  const o = kpis.report.overall;
  const title = REPORT_TITLES[period.kind];
  const span = period.from === period.to ? period.from : `${period.from} 至 ${period.to}`;
  const empty = o.issued === 0;
  const satisfaction = d.ratings.total ? d.ratings.satisfied / d.ratings.total : null;
  const rated = d.ratings.total + d.ratings.none;
  const coverage = rated ? d.ratings.total / rated : null;
  const types = Object.entries(kpis.report.byType)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([code, k]) => kpiRow(TYPE_NAMES[code] ?? code, k));
  const agents = d.agents.map((e) => {
    const bad = (e.byLevel.unsatisfied ?? 0) + (e.byLevel.very_unsatisfied ?? 0);
    return [
      `${e.staff.name}（${e.staff.staffNo}）`,
      e.served,
      e.consultations ?? 0,
      e.ratings,
      pct(e.satisfaction),
      pct(e.coverage),
      bad,
    ];
  });
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>${esc(`${d.hallName} ${title} ${span}`)}</title>
<style>
  @page { size: A4; margin: 14mm 12mm; }
  body { font-family: "Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", "PingFang SC", sans-serif; color: #303133; font-size: 12px; margin: 0; }
  h1 { font-size: 22px; margin: 0 0 4px; }
  h2 { font-size: 15px; margin: 18px 0 8px; border-left: 4px solid #409eff; padding-left: 8px; page-break-after: avoid; }
  .sub { color: #606266; margin-bottom: 12px; }
  .tiles { display: grid; grid-template-columns: repeat(4, 1fr); gap: 8px; }
  .tile { border: 1px solid #dcdfe6; border-radius: 6px; padding: 8px 10px; }
  .tile .label { color: #909399; font-size: 11px; }
  .tile .value { font-size: 18px; font-weight: 600; margin-top: 2px; }
  .chart { page-break-inside: avoid; margin-top: 8px; }
  table { width: 100%; border-collapse: collapse; page-break-inside: auto; }
  th, td { border: 1px solid #ebeef5; padding: 4px 6px; text-align: right; }
  th:first-child, td:first-child { text-align: left; }
  th { background: #f5f7fa; font-weight: 600; }
  tr { page-break-inside: avoid; }
  .empty { color: #909399; border: 1px dashed #dcdfe6; padding: 16px; text-align: center; }
  footer { margin-top: 16px; color: #909399; font-size: 10px; }
</style></head>
<body>
  <h1>${esc(d.hallName)} ${esc(title)}</h1>
  <div class="sub">统计期间：${esc(span)}&emsp;生成时间：${esc(hallDateTime(d.generatedAt, timeZone))}</div>
  ${empty ? `<p class="empty">本期间没有取号记录，无排队与服务数据。</p>` : ''}
  <h2>总体指标</h2>
  <div class="tiles">
    ${tile('取号', o.issued)}${tile('办结', o.finished)}${tile('平均等候', minutes(o.wait.mean))}${tile('平均办理', minutes(o.aht.mean))}
    ${tile('服务水平', pct(o.serviceLevel))}${tile('过号率', pct(o.noShowRate))}${tile('离开未办率', pct(o.walkAwayRate))}${tile('最长等候', minutes(o.wait.max))}
    ${tile('评价数', d.ratings.total)}${tile('满意率', pct(satisfaction))}${tile('评价覆盖率', pct(coverage))}${tile('差评', d.ratings.bad)}
  </div>
  ${period.kind === 'weekly' ? `<h2>每日走势</h2><div class="chart">${weekTrendChart(d.days)}</div>` : ''}
  ${empty ? '' : `<h2>分时段负荷</h2><div class="chart">${hourlyChart(kpis)}</div>`}
  ${empty ? '' : `<h2>各业务等候</h2><div class="chart">${waitByTypeChart(kpis)}</div>`}
  <h2>各业务指标</h2>
  ${table(['业务类型', '取号', '办结', '平均等候', '平均办理', '服务水平', '过号率'], types, '本期间没有业务数据')}
  <h2>员工服务</h2>
  ${table(['员工', '服务笔数', '口头咨询', '评价数', '满意率', '覆盖率', '差评'], agents, '本期间没有员工服务记录')}
  <footer>服务水平：等候时间在该业务目标以内的已叫号比例。本报表由营业厅运营终端自动生成。</footer>
</body></html>`;
}
