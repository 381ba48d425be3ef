import type { KpiResponse, KpiSetWire } from '@common/api/insight-schemas';

/**
 * ECharts options for the KPI tab, built from a KPI report. Pure (no DOM, no echarts import), so the
 * numbers each chart shows are unit-tested against the report. Durations are shown in minutes.
 */
export interface Names {
  type(code: string): string;
  agent(id: string): string;
  labels: {
    waitMin: string;
    issued: string;
    serviceLevel: string;
    target: string;
    aht: string;
    noShow: string;
    walkAway: string;
    hour: string;
  };
}

const PALETTE = {
  wait: '#3a6ea5',
  issued: '#9fb3c8',
  good: '#1d7a3a',
  warn: '#c77700',
  bad: '#b3261e',
  aht: '#2a9d8f',
  noShow: '#c77700',
  walkAway: '#b3261e',
};
const minutes = (sec: number | null | undefined): number | null =>
  sec === null || sec === undefined ? null : Math.round((sec / 60) * 10) / 10;
const percent = (r: number | null): number | null => (r === null ? null : Math.round(r * 1000) / 10);
const grid = { left: 48, right: 48, top: 40, bottom: 32, containLabel: true };
const axisPercent = { type: 'value' as const, min: 0, max: 100, axisLabel: { formatter: '{value}%' } };

/** Hours of the hall day that have tickets, plus every hour between the first and the last. */
export function hourAxis(byHour: Record<string, KpiSetWire>): string[] {
  const hours = Object.keys(byHour)
    .map(Number)
    .sort((a, b) => a - b);
  if (hours.length === 0) return [];
  const out: string[] = [];
  for (let h = hours[0]!; h <= hours[hours.length - 1]!; h++) out.push(String(h).padStart(2, '0'));
  return out;
}

export function waitByHourOption(r: KpiResponse['report'], n: Names) {
  const hours = hourAxis(r.byHour);
  return {
    color: [PALETTE.wait, PALETTE.issued],
    tooltip: { trigger: 'axis' },
    legend: { top: 0, data: [n.labels.waitMin, n.labels.issued] },
    grid,
    xAxis: { type: 'category', data: hours.map((h) => `${h}:00`) },
    yAxis: [
      { type: 'value', name: n.labels.waitMin },
      { type: 'value', name: n.labels.issued, splitLine: { show: false } },
    ],
    series: [
      { name: n.labels.waitMin, type: 'bar', barMaxWidth: 28, data: hours.map((h) => minutes(r.byHour[h]?.wait.mean)) },
      {
        name: n.labels.issued,
        type: 'line',
        yAxisIndex: 1,
        smooth: true,
        symbolSize: 6,
        data: hours.map((h) => r.byHour[h]?.issued ?? 0),
      },
    ],
  };
}

/** Green at or above the goal (80%), amber above 60%, red below. */
export const SERVICE_LEVEL_GOAL = 0.8;
const levelColour = (v: number | null) =>
  v === null ? PALETTE.issued : v >= SERVICE_LEVEL_GOAL ? PALETTE.good : v >= 0.6 ? PALETTE.warn : PALETTE.bad;

/**
 * Horizontal bars, worst at the top: fifteen business names read in full on the category axis
 * (rotated column labels collided), and each value sits at the end of its bar.
 */
export function serviceLevelByTypeOption(r: KpiResponse['report'], targets: Record<string, number>, n: Names) {
  const level = (c: string) => r.byType[c]!.serviceLevel ?? -1;
  // ECharts draws the first category at the bottom: best first puts the worst on top.
  const codes = Object.keys(r.byType)
    .filter((c) => r.byType[c]!.called > 0)
    .sort((a, b) => level(b) - level(a));
  return {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    grid: { ...grid, left: 8, right: 56, top: 24, bottom: 8 },
    xAxis: axisPercent,
    yAxis: {
      type: 'category',
      data: codes.map((c) => `${n.type(c)} · ${targets[c] ?? 20}′`),
      axisLabel: { interval: 0, fontSize: 11 },
    },
    series: [
      {
        name: n.labels.serviceLevel,
        type: 'bar',
        barMaxWidth: 14,
        data: codes.map((c) => ({
          value: percent(r.byType[c]!.serviceLevel),
          itemStyle: { color: levelColour(r.byType[c]!.serviceLevel) },
        })),
        label: { show: true, position: 'right', fontSize: 11, formatter: '{c}%' },
        markLine: {
          symbol: 'none',
          lineStyle: { type: 'dashed', color: PALETTE.good },
          label: { position: 'end', formatter: `${n.labels.target} ${SERVICE_LEVEL_GOAL * 100}%` },
          data: [{ xAxis: SERVICE_LEVEL_GOAL * 100 }],
        },
      },
    ],
  };
}

export function ahtByAgentOption(r: KpiResponse['report'], n: Names) {
  const ids = Object.keys(r.byAgent)
    .filter((id) => id !== 'none' && r.byAgent[id]!.aht.n > 0)
    .sort((a, b) => (r.byAgent[a]!.aht.mean ?? 0) - (r.byAgent[b]!.aht.mean ?? 0));
  return {
    color: [PALETTE.aht],
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    grid: { ...grid, left: 16, bottom: 40 },
    xAxis: { type: 'value', name: n.labels.aht, nameLocation: 'middle', nameGap: 26 },
    yAxis: { type: 'category', data: ids.map((id) => n.agent(id)) },
    series: [
      {
        name: n.labels.aht,
        type: 'bar',
        barMaxWidth: 18,
        data: ids.map((id) => minutes(r.byAgent[id]!.aht.mean)),
        label: { show: true, position: 'right' },
      },
    ],
  };
}

export function lossRatesOption(r: KpiResponse['report'], n: Names) {
  const hours = hourAxis(r.byHour);
  return {
    color: [PALETTE.noShow, PALETTE.walkAway],
    tooltip: { trigger: 'axis', valueFormatter: (v: number | null) => (v === null ? '—' : `${v}%`) },
    legend: { top: 0, data: [n.labels.noShow, n.labels.walkAway] },
    grid,
    xAxis: { type: 'category', data: hours.map((h) => `${h}:00`) },
    yAxis: { type: 'value', min: 0, axisLabel: { formatter: '{value}%' } },
    series: [
      {
        name: n.labels.noShow,
        type: 'line',
        smooth: true,
        connectNulls: true,
        data: hours.map((h) => percent(r.byHour[h]?.noShowRate ?? null)),
      },
      {
        name: n.labels.walkAway,
        type: 'line',
        smooth: true,
        connectNulls: true,
        areaStyle: { opacity: 0.12 },
        data: hours.map((h) => percent(r.byHour[h]?.walkAwayRate ?? null)),
      },
    ],
  };
}

/** One row per window for the table under the charts. */
export function windowRows(r: KpiResponse['report']) {
  return Object.entries(r.byWindow)
    .filter(([w]) => w !== 'none')
    .sort(([a], [b]) => Number(a) - Number(b))
    .map(([windowNo, k]) => ({
      windowNo: Number(windowNo),
      called: k.called,
      finished: k.finished,
      waitMin: minutes(k.wait.mean),
      ahtMin: minutes(k.aht.mean),
      serviceLevel: percent(k.serviceLevel),
      noShowRate: percent(k.noShowRate),
    }));
}
