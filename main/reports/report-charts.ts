import * as echarts from 'echarts';
import type { KpiResponse, KpiSetWire } from '@common/api/insight-schemas';
import { BUSINESS_TYPES } from '@common/domain/business-types';

/** The report's charts as inline SVG, drawn by ECharts' server-side renderer (no browser needed). */
const FONT = '"Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", "PingFang SC", sans-serif';
const TYPE_NAMES: Record<string, string> = Object.fromEntries(BUSINESS_TYPES.map((t) => [t.code, t.name]));
const WEEKDAYS = ['周日', '周一', '周二', '周三', '周四', '周五', '周六'];

function svg(option: echarts.EChartsOption, width = 700, height = 260): string {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height });
  chart.setOption({ animation: false, textStyle: { fontFamily: FONT }, ...option });
  const out = chart.renderToSVGString();
  chart.dispose();
  return out;
}

const pct = (x: number | null) => (x === null ? null : Math.round(x * 1000) / 10);
const min = (sec: number | null) => (sec === null ? null : Math.round(sec / 6) / 10);

/** Tickets issued per hour of the day, with the service level of each hour. */
export function hourlyChart(k: KpiResponse): string {
  const hours = Object.keys(k.report.byHour).sort();
  return svg({
    title: { text: '分时段取号量与服务水平', left: 'center', textStyle: { fontSize: 14, fontFamily: FONT } },
    legend: { top: 30, data: ['取号量', '服务水平 (%)'], textStyle: { fontFamily: FONT } },
    grid: { left: 50, right: 50, top: 70, bottom: 30 },
    xAxis: { type: 'category', data: hours.map((h) => `${h}时`) },
    yAxis: [
      { type: 'value', name: '张', minInterval: 1 },
      { type: 'value', name: '%', max: 100, min: 0 },
    ],
    series: [
      {
        name: '取号量',
        type: 'bar',
        data: hours.map((h) => k.report.byHour[h]!.issued),
        itemStyle: { color: '#409eff' },
      },
      {
        name: '服务水平 (%)',
        type: 'line',
        yAxisIndex: 1,
        data: hours.map((h) => pct(k.report.byHour[h]!.serviceLevel)),
        itemStyle: { color: '#67c23a' },
      },
    ],
  });
}

/** Average wait per business type against its target. */
export function waitByTypeChart(k: KpiResponse): string {
  const codes = Object.keys(k.report.byType).sort();
  return svg(
    {
      title: { text: '各业务平均等候与目标 (分钟)', left: 'center', textStyle: { fontSize: 14, fontFamily: FONT } },
      legend: { top: 30, data: ['平均等候', '目标等候'], textStyle: { fontFamily: FONT } },
      // Every type's name shown, slanted: a dozen names do not fit side by side.
      grid: { left: 50, right: 20, top: 70, bottom: 90 },
      xAxis: {
        type: 'category',
        data: codes.map((c) => TYPE_NAMES[c] ?? c),
        axisLabel: { interval: 0, fontSize: 10, rotate: 35 },
      },
      yAxis: { type: 'value', name: '分钟' },
      series: [
        {
          name: '平均等候',
          type: 'bar',
          data: codes.map((c) => min(k.report.byType[c]!.wait.mean)),
          itemStyle: { color: '#e6a23c' },
        },
        {
          name: '目标等候',
          type: 'bar',
          data: codes.map((c) => k.targets[c] ?? null),
          itemStyle: { color: '#c0c4cc' },
        },
      ],
    },
    700,
    320,
  );
}

/** The week day by day: tickets issued and the service level. */
export function weekTrendChart(days: { day: string; overall: KpiSetWire }[]): string {
  return svg({
    title: { text: '本周每日取号量与服务水平', left: 'center', textStyle: { fontSize: 14, fontFamily: FONT } },
    legend: { top: 30, data: ['取号量', '服务水平 (%)'], textStyle: { fontFamily: FONT } },
    grid: { left: 50, right: 50, top: 70, bottom: 30 },
    xAxis: {
      type: 'category',
      data: days.map((d) => `${d.day.slice(5)} ${WEEKDAYS[new Date(`${d.day}T00:00:00Z`).getUTCDay()]}`),
    },
    yAxis: [
      { type: 'value', name: '张', minInterval: 1 },
      { type: 'value', name: '%', max: 100, min: 0 },
    ],
    series: [
      { name: '取号量', type: 'bar', data: days.map((d) => d.overall.issued), itemStyle: { color: '#409eff' } },
      {
        name: '服务水平 (%)',
        type: 'line',
        yAxisIndex: 1,
        data: days.map((d) => pct(d.overall.serviceLevel)),
        itemStyle: { color: '#67c23a' },
      },
    ],
  });
}
