import { WAIT_BUCKETS_MIN, type KpiCharts } from '@common/api/features/queue-charts';

/**
 * ECharts options for the KPI tab's distribution section (wait histogram, weekday × hour load,
 * service level by type, no-show and walk-away trend), from the station's SQL aggregates. Pure, so
 * each chart's numbers are unit-tested.
 */
export interface DistributionLabels {
  tickets: string;
  /** Weekday names, Sunday first. */
  weekdays: readonly string[];
  perDay: string;
  serviceLevel: string;
  target: string;
  noShow: string;
  walkAway: string;
  issued: string;
  minutesOver: string;
  type(code: string): string;
}

const percent = (num: number, den: number): number | null => (den === 0 ? null : Math.round((num / den) * 1000) / 10);
const grid = { left: 48, right: 48, top: 40, bottom: 32, containLabel: true };
const GOAL = 80;

/** "0–5", "5–10", … "60+" (minutes). */
export function bucketLabels(overLabel: string): string[] {
  const edges = [0, ...WAIT_BUCKETS_MIN];
  return [
    ...WAIT_BUCKETS_MIN.map((m, i) => `${edges[i]}–${m}`),
    `${WAIT_BUCKETS_MIN[WAIT_BUCKETS_MIN.length - 1]}${overLabel}`,
  ];
}

export function waitDistributionOption(c: KpiCharts, l: DistributionLabels) {
  const called = c.waitBuckets.reduce((n, x) => n + x, 0);
  return {
    color: ['#3a6ea5'],
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    grid: { ...grid, top: 24 },
    xAxis: { type: 'category', data: bucketLabels(l.minutesOver) },
    yAxis: { type: 'value', name: l.tickets },
    series: [
      {
        name: l.tickets,
        type: 'bar',
        barMaxWidth: 40,
        data: c.waitBuckets,
        label: {
          show: called > 0,
          position: 'top',
          fontSize: 11,
          formatter: (p: { value: number }) => `${percent(p.value, called) ?? 0}%`,
        },
      },
    ],
  };
}

/** Hours with any arrivals on any weekday, and every hour between. */
export function heatmapHours(c: KpiCharts): number[] {
  if (c.heatmap.length === 0) return [];
  const hours = c.heatmap.map((h) => h.hour);
  const out: number[] = [];
  for (let h = Math.min(...hours); h <= Math.max(...hours); h++) out.push(h);
  return out;
}

/** Rows Monday (top) … Sunday (bottom): ECharts draws the first category at the bottom. */
const WEEK_ROWS = [0, 6, 5, 4, 3, 2, 1];

export function loadHeatmapOption(c: KpiCharts, l: DistributionLabels) {
  const hours = heatmapHours(c);
  const cell = new Map(c.heatmap.map((h) => [`${h.weekday}/${h.hour}`, Math.round(h.perDay * 10) / 10]));
  const data = WEEK_ROWS.flatMap((weekday, y) => hours.map((hour, x) => [x, y, cell.get(`${weekday}/${hour}`) ?? 0]));
  const max = Math.max(1, ...data.map((d) => d[2]!));
  return {
    tooltip: { position: 'top', formatter: (p: { value: number[] }) => `${p.value[2]} ${l.perDay}` },
    grid: { left: 8, right: 16, top: 8, bottom: 56, containLabel: true },
    xAxis: { type: 'category', data: hours.map((h) => `${String(h).padStart(2, '0')}:00`), splitArea: { show: true } },
    yAxis: { type: 'category', data: WEEK_ROWS.map((d) => l.weekdays[d]), splitArea: { show: true } },
    visualMap: {
      min: 0,
      max,
      calculable: true,
      orient: 'horizontal',
      left: 'center',
      bottom: 0,
      itemHeight: 160,
      inRange: { color: ['#f4f8fb', '#9fc5e8', '#3a6ea5', '#1c3d63'] },
    },
    series: [{ name: l.perDay, type: 'heatmap', data, label: { show: hours.length <= 14, fontSize: 10 } }],
  };
}

export function serviceLevelRows(c: KpiCharts) {
  return c.byType
    .map((t) => ({ code: t.code, target: t.target, called: t.called, level: percent(t.within, t.called) }))
    .sort((a, b) => (b.level ?? -1) - (a.level ?? -1));
}

export function typeServiceLevelOption(c: KpiCharts, l: DistributionLabels) {
  const rows = serviceLevelRows(c);
  const colour = (v: number | null) =>
    v === null ? '#9fb3c8' : v >= GOAL ? '#1d7a3a' : v >= 60 ? '#c77700' : '#b3261e';
  return {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    grid: { ...grid, left: 8, right: 56, top: 24, bottom: 8 },
    xAxis: { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%' } },
    yAxis: {
      type: 'category',
      data: rows.map((r) => `${l.type(r.code)} · ${r.target}′`),
      axisLabel: { interval: 0, fontSize: 11 },
    },
    series: [
      {
        name: l.serviceLevel,
        type: 'bar',
        barMaxWidth: 14,
        data: rows.map((r) => ({ value: r.level, itemStyle: { color: colour(r.level) } })),
        label: { show: true, position: 'right', fontSize: 11, formatter: '{c}%' },
        markLine: {
          symbol: 'none',
          lineStyle: { type: 'dashed', color: '#1d7a3a' },
          label: { position: 'end', formatter: `${l.target} ${GOAL}%` },
          data: [{ xAxis: GOAL }],
        },
      },
    ],
  };
}

export function lossTrendOption(c: KpiCharts, l: DistributionLabels) {
  const pts = c.trend.points;
  return {
    color: ['#c77700', '#b3261e', '#9fb3c8'],
    tooltip: { trigger: 'axis' },
    legend: { top: 0, data: [l.noShow, l.walkAway, l.issued] },
    grid,
    xAxis: { type: 'category', data: pts.map((p) => (c.trend.unit === 'day' ? p.key.slice(5) : p.key)) },
    yAxis: [
      { type: 'value', min: 0, axisLabel: { formatter: '{value}%' } },
      { type: 'value', name: l.issued, splitLine: { show: false } },
    ],
    series: [
      { name: l.noShow, type: 'line', smooth: true, data: pts.map((p) => percent(p.noShows, p.called)) },
      {
        name: l.walkAway,
        type: 'line',
        smooth: true,
        areaStyle: { opacity: 0.12 },
        data: pts.map((p) => percent(p.walkAways, p.issued)),
      },
      { name: l.issued, type: 'bar', yAxisIndex: 1, barMaxWidth: 16, data: pts.map((p) => p.issued), z: 0 },
    ],
  };
}
