import { describe, expect, it } from 'vitest';
import { computeKpis } from '@common/queue/kpi';
import {
  ahtByAgentOption,
  hourAxis,
  lossRatesOption,
  serviceLevelByTypeOption,
  waitByHourOption,
  windowRows,
  type Names,
} from '../../../renderer/areas/manager/kpi-charts';

const L = (hms: string) => `2026-11-23T${hms}+08:00`;
const report = computeKpis([
  // 09h PAY: wait 10 min, AHT 6 min (agent a, window 1); within 20 min.
  {
    type: 'PAY',
    issuedAt: L('09:00:00'),
    calls: [{ at: L('09:10:00') }],
    startedAt: L('09:10:30'),
    finishedAt: L('09:16:30'),
    status: 'finished',
    windowNo: 1,
    agentId: 'a',
  },
  // 11h PAY: wait 30 min, no-show (window 1, agent a).
  {
    type: 'PAY',
    issuedAt: L('11:00:00'),
    calls: [{ at: L('11:30:00') }],
    status: 'no_show',
    windowNo: 1,
    agentId: 'a',
  },
  // 11h NEW: wait 5 min, AHT 20 min (agent b, window 5).
  {
    type: 'NEW',
    issuedAt: L('11:10:00'),
    calls: [{ at: L('11:15:00') }],
    startedAt: L('11:16:00'),
    finishedAt: L('11:36:00'),
    status: 'finished',
    windowNo: 5,
    agentId: 'b',
  },
  // 11h walk-away.
  { type: 'ASK', issuedAt: L('11:20:00'), status: 'cancelled' },
]);
const names: Names = {
  type: (c) => c,
  agent: (id) => `agent ${id}`,
  labels: {
    waitMin: 'wait',
    issued: 'issued',
    serviceLevel: 'sl',
    target: 'goal',
    aht: 'aht',
    noShow: 'ns',
    walkAway: 'wa',
    hour: 'h',
  },
};

describe('KPI chart options', () => {
  it('spans every hour between the first and the last, gaps included', () => {
    expect(hourAxis(report.byHour)).toEqual(['09', '10', '11']);
  });

  it('wait by hour: mean wait in minutes, issued count on the second axis', () => {
    const o = waitByHourOption(report, names);
    expect(o.xAxis.data).toEqual(['09:00', '10:00', '11:00']);
    expect(o.series[0]!.data).toEqual([10, null, 17.5]);
    expect(o.series[1]!.data).toEqual([1, 0, 3]);
  });

  it('service level by type, in percent, coloured against the 80% goal, best at the bottom and worst on top', () => {
    const o = serviceLevelByTypeOption(report, { PAY: 20, NEW: 30 }, names);
    expect(o.yAxis.data).toEqual(['NEW · 30′', 'PAY · 20′']);
    const bars = o.series[0]!.data as { value: number; itemStyle: { color: string } }[];
    expect(bars.map((b) => b.value)).toEqual([100, 50]);
    expect(bars[0]!.itemStyle.color).not.toBe(bars[1]!.itemStyle.color);
  });

  it('handling time by agent, shortest first, named', () => {
    const o = ahtByAgentOption(report, names);
    expect(o.yAxis.data).toEqual(['agent a', 'agent b']);
    expect(o.series[0]!.data).toEqual([6, 20]);
  });

  it('no-show and walk-away rates by hour', () => {
    const o = lossRatesOption(report, names);
    expect(o.series[0]!.data).toEqual([0, null, 50]);
    expect(o.series[1]!.data).toEqual([0, null, 33.3]);
  });

  it('window rows leave out tickets never at a window', () => {
    expect(windowRows(report)).toEqual([
      { windowNo: 1, called: 2, finished: 1, waitMin: 20, ahtMin: 6, serviceLevel: 50, noShowRate: 50 },
      { windowNo: 5, called: 1, finished: 1, waitMin: 5, ahtMin: 20, serviceLevel: 100, noShowRate: 0 },
    ]);
  });
});
