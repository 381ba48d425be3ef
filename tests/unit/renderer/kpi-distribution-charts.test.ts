import { describe, expect, it } from 'vitest';
import type { KpiCharts } from '@common/api/features/queue-charts';
import {
  bucketLabels,
  heatmapHours,
  loadHeatmapOption,
  lossTrendOption,
  serviceLevelRows,
  waitDistributionOption,
  type DistributionLabels,
} from '../../../renderer/areas/manager/kpi-distribution-charts';

const labels: DistributionLabels = {
  tickets: 'Called',
  weekdays: ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'],
  perDay: 'a day',
  serviceLevel: 'SL',
  target: 'Goal',
  noShow: 'No-show',
  walkAway: 'Walk-away',
  issued: 'Issued',
  minutesOver: '+',
  type: (c) => c,
};
const charts: KpiCharts = {
  from: '2027-01-04',
  to: '2027-01-05',
  waitBuckets: [1, 0, 1, 0, 1, 0, 0, 1],
  heatmap: [
    { weekday: 1, hour: 9, perDay: 2 },
    { weekday: 2, hour: 11, perDay: 1.25 },
  ],
  byType: [
    { code: 'NEW', called: 1, within: 0, target: 30 },
    { code: 'PAY', called: 4, within: 3, target: 20 },
  ],
  trend: {
    unit: 'day',
    points: [
      { key: '2027-01-04', issued: 4, called: 3, noShows: 1, walkAways: 1 },
      { key: '2027-01-05', issued: 2, called: 0, noShows: 0, walkAways: 2 },
    ],
  },
  windows: [1],
  agents: [],
};

describe('the KPI distribution charts', () => {
  it('labels the wait buckets from their bounds and shows each bucket’s share', () => {
    expect(bucketLabels('+')).toEqual(['0–5', '5–10', '10–15', '15–20', '20–30', '30–45', '45–60', '60+']);
    const o = waitDistributionOption(charts, labels);
    expect(o.series[0]!.data).toEqual([1, 0, 1, 0, 1, 0, 0, 1]);
    expect(o.series[0]!.label.formatter({ value: 1 })).toBe('25%');
  });

  it('lays the heatmap out Monday on top, every hour between the first and last, empty cells as 0', () => {
    expect(heatmapHours(charts)).toEqual([9, 10, 11]);
    const o = loadHeatmapOption(charts, labels);
    expect(o.yAxis.data).toEqual(['Sun', 'Sat', 'Fri', 'Thu', 'Wed', 'Tue', 'Mon']);
    const data = o.series[0]!.data;
    expect(data).toHaveLength(7 * 3);
    // Monday is the last row (y = 6), 09:00 the first column; Tuesday 11:00 rounds to one decimal.
    expect(data).toContainEqual([0, 6, 2]);
    expect(data).toContainEqual([2, 5, 1.3]);
    expect(data).toContainEqual([1, 6, 0]);
    expect(o.visualMap.max).toBe(2);
  });

  it('ranks service level by type, best first, and leaves an empty range without a scale of 0', () => {
    expect(serviceLevelRows(charts)).toEqual([
      { code: 'PAY', target: 20, called: 4, level: 75 },
      { code: 'NEW', target: 30, called: 1, level: 0 },
    ]);
    const none = { ...charts, heatmap: [] };
    expect(loadHeatmapOption(none, labels).visualMap.max).toBe(1);
  });

  it('trends the no-show rate over called and the walk-away rate over issued, null where nothing was called', () => {
    const o = lossTrendOption(charts, labels);
    expect(o.xAxis.data).toEqual(['01-04', '01-05']);
    expect(o.series[0]!.data).toEqual([33.3, null]);
    expect(o.series[1]!.data).toEqual([25, 100]);
    expect(o.series[2]!.data).toEqual([4, 2]);
  });
});
