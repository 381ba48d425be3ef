import type { LiveHall } from '@common/api/features/live';
import type { KpiCharts, KpiChartsInput } from '@common/api/features/queue-charts';
import type { StaffingForecast } from '@common/api/features/staffing';
import { staffingForecast } from '@common/queue/staffing-forecast';
import type { KpiResponse, TypeWaitEstimateWire } from '@common/api/insight-schemas';
import { BUSINESS_TYPES } from '@common/domain/business-types';
import { guidanceFunction } from '@common/guidance/functions';
import { computeKpis, DEFAULT_TARGET_WAIT_MIN } from '@common/queue/kpi';
import { liveHall } from '@common/queue/live-hall';
import { estimateWaits } from '@common/queue/wait-estimate';
import { AppFailure } from '@common/result';
import { MAX_KPI_DAYS } from '../storage/ops/kpi-queries';
import type { ServiceContext } from './context';
import type { ChannelSlipPrinter } from './ports/printers';

export interface InsightServiceDeps {
  ctx: ServiceContext;
  /** The guide's channel slips; none: the guide cannot print them. */
  printer: ChannelSlipPrinter | null;
}

const DAY_MS = 86_400_000;
const TARGETS: Record<string, number> = Object.fromEntries(
  BUSINESS_TYPES.map((t) => [t.code, t.targetWaitMin || DEFAULT_TARGET_WAIT_MIN]),
);

/** A day range the KPI reads accept: in order, and at most MAX_KPI_DAYS long. */
function checkRange(from: string, to: string): void {
  if (from > to) throw new AppFailure('validation', 'form.endBeforeStart', {}, 'from');
  if ((Date.parse(to) - Date.parse(from)) / DAY_MS >= MAX_KPI_DAYS)
    throw new AppFailure('validation', 'input.dateRangeTooLong', { max: MAX_KPI_DAYS }, 'from');
}

/** Queue KPIs for the manager, wait estimates for the guide, and the guide's channel slip. */
export class InsightService {
  private readonly ctx: ServiceContext;
  private readonly printer: ChannelSlipPrinter | null;

  constructor(deps: InsightServiceDeps) {
    this.ctx = deps.ctx;
    this.printer = deps.printer;
  }

  async kpis(input: { from?: string; to?: string }): Promise<KpiResponse> {
    const to = input.to ?? this.ctx.today();
    const from = input.from ?? to;
    if (from > to) throw new AppFailure('validation', 'form.endBeforeStart', {}, 'from');
    if ((Date.parse(to) - Date.parse(from)) / DAY_MS >= MAX_KPI_DAYS)
      throw new AppFailure('validation', 'input.dateRangeTooLong', { max: MAX_KPI_DAYS }, 'from');
    const [report, agents] = await Promise.all([
      this.ctx.storage.run('kpiReport', { from, to, targetWaitMin: TARGETS }),
      this.ctx.storage.run('staffNames'),
    ]);
    const used = new Set(Object.keys(report.byAgent));
    return { from, to, report, agents: agents.filter((a) => used.has(a.id)), targets: TARGETS };
  }

  async waitEstimates(): Promise<TypeWaitEstimateWire[]> {
    const day = this.ctx.today();
    const [snapshot, timelines] = await Promise.all([
      this.ctx.storage.run('snapshot', { day }),
      this.ctx.storage.run('kpiTimelines', { from: day, to: day }),
    ]);
    const today = computeKpis(timelines, { targetWaitMin: TARGETS });
    const ahtSec = Object.fromEntries(Object.entries(today.byType).map(([code, k]) => [code, k.aht.mean]));
    return estimateWaits({
      types: snapshot.types.map((t) => t.code),
      waiting: snapshot.waiting,
      windows: snapshot.windows,
      ahtSec,
      targetWaitMin: TARGETS,
      now: this.ctx.nowIso(),
    });
  }

  /** The hall now for the manager's live screen; alerts and service level use the configured targets. */
  async live(): Promise<LiveHall> {
    const day = this.ctx.today();
    const [hall, timelines] = await Promise.all([
      this.ctx.storage.run('liveHall', { day }),
      this.ctx.storage.run('kpiTimelines', { from: day, to: day }),
    ]);
    const today = computeKpis(timelines, { targetWaitMin: { ...TARGETS, ...hall.targets } }).overall;
    return liveHall({ ...hall, today, now: this.ctx.nowIso() });
  }

  /** The KPI charts for a range, optionally one window's or one agent's; service level against the configured targets. */
  async kpiCharts(input: KpiChartsInput): Promise<KpiCharts> {
    checkRange(input.from, input.to);
    const cfg = await this.ctx.storage.run('queueConfig');
    const targets = { ...TARGETS, ...Object.fromEntries(cfg.types.map((t) => [t.code, t.targetWaitMin])) };
    return this.ctx.storage.run('kpiCharts', { ...input, targets });
  }

  /** The coming week's windows needed per hour (Erlang C) beside the windows the same weeks had open. */
  async staffingForecast(input: { weeks: number; goal: number }): Promise<StaffingForecast> {
    const today = Date.parse(`${this.ctx.today()}T00:00:00Z`);
    const day = (offset: number) => new Date(today + offset * DAY_MS).toISOString().slice(0, 10);
    const from = day(-7 * input.weeks);
    const to = day(-1);
    const [history, cfg] = await Promise.all([
      this.ctx.storage.run('staffingHistory', { from, to }),
      this.ctx.storage.run('queueConfig'),
    ]);
    const targets = { ...TARGETS, ...Object.fromEntries(cfg.types.map((t) => [t.code, t.targetWaitMin])) };
    return staffingForecast(history, { start: day(1), from, to, weeks: input.weeks, goal: input.goal, targets });
  }

  async printChannelSlip(input: { functionCode: string }): Promise<{ printed: boolean }> {
    const fn = guidanceFunction(input.functionCode);
    if (!fn) throw new AppFailure('validation', 'station.guidanceNotFound', {}, 'functionCode');
    if (!this.printer) throw new AppFailure('device_error', 'device.noPrinter');
    const printed = await this.printer.printChannelSlip({
      title: fn.name,
      channel: fn.channel.label,
      howTo: fn.howTo,
      qrUrl: fn.channel.url,
      printedAt: this.ctx.nowIso(),
    });
    return { printed };
  }
}
