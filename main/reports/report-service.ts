import { AppFailure } from '@common/result';
import { hallMinuteOfDay } from '@common/time/hall-time';
import type { ServiceContext } from '../services/context';
import type { InsightService } from '../services/insight-service';
import { gatherReport } from './report-data';
import { reportHtml } from './report-html';
import { addDays, mondayOf, reportFileName, reportPeriod, REPORT_TITLES, type ReportKind } from './report-period';
import type { PdfRenderer } from './pdf-renderer';
import { ReportStore, type StoredReport } from './report-store';

export interface ReportServiceDeps {
  ctx: ServiceContext;
  insights: InsightService;
  store: ReportStore;
  pdf: PdfRenderer;
  hallName(): string;
  timeZone(): string;
  log(line: string): void;
  /** When the day's report is made, hall time 'HH:MM' (after closing; default 18:30). */
  dailyAt?: string;
}

/** One report in the console's list. */
export interface ReportEntry {
  file: string;
  kind: ReportKind;
  from: string;
  to: string;
  title: string;
  bytes: number;
  createdAt: string;
}

const entry = (r: StoredReport): ReportEntry => ({
  file: r.file,
  kind: r.period.kind,
  from: r.period.from,
  to: r.period.to,
  title: REPORT_TITLES[r.period.kind],
  bytes: r.bytes,
  createdAt: r.createdAt,
});

const minuteOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/**
 * 营业厅运营日报 and 周报: gathered from the KPIs and evaluations, laid out as one HTML page with inline
 * charts, printed to PDF and kept in the data directory. Made on demand and on a schedule (the day's
 * after closing; last week's from Monday), and listed for download.
 */
export class ReportService {
  private readonly inFlight = new Map<string, Promise<ReportEntry & { ms: number }>>();

  constructor(private readonly deps: ReportServiceDeps) {}

  list(): ReportEntry[] {
    return this.deps.store.list().map(entry);
  }

  file(name: string): { fileName: string; base64: string } {
    const bytes = this.deps.store.read(name);
    const stored = bytes && this.deps.store.list().find((r) => r.file === name);
    if (!bytes || !stored) throw new AppFailure('not_found', 'reports.notFound', {}, 'file');
    const { period } = stored;
    const span = period.from === period.to ? period.from : `${period.from}_${period.to}`;
    return { fileName: `${REPORT_TITLES[period.kind]}-${span}.pdf`, base64: bytes.toString('base64') };
  }

  /**
   * Makes (or remakes) the report of the period holding `day` (default today), and returns its entry
   * with the generation time. Two requests for the same report share one run.
   */
  generate(actor: string | null, input: { kind: ReportKind; day?: string }): Promise<ReportEntry & { ms: number }> {
    const today = this.deps.ctx.today();
    const day = input.day ?? today;
    if (day > today) throw new AppFailure('validation', 'reports.futureDay', {}, 'day');
    const period = reportPeriod(input.kind, day);
    const file = reportFileName(period);
    const running = this.inFlight.get(file);
    if (running) return running;
    const run = this.make(file, period)
      .then(async (made) => {
        await this.deps.ctx.audit(actor, 'report.generate', { kind: period.kind, from: period.from, ms: made.ms });
        return made;
      })
      .finally(() => this.inFlight.delete(file));
    this.inFlight.set(file, run);
    return run;
  }

  private async make(file: string, period: ReturnType<typeof reportPeriod>): Promise<ReportEntry & { ms: number }> {
    const t0 = performance.now();
    const data = await gatherReport(
      { ctx: this.deps.ctx, insights: this.deps.insights, hallName: this.deps.hallName() },
      period,
    );
    let pdf: Buffer;
    try {
      pdf = await this.deps.pdf.print(reportHtml(data, this.deps.timeZone()));
    } catch (e) {
      this.deps.log(
        `report ${file}: ${this.deps.pdf.name} could not print: ${e instanceof Error ? e.message : String(e)}`,
      );
      throw new AppFailure('unavailable', 'reports.printFailed');
    }
    this.deps.store.write(file, pdf);
    const ms = performance.now() - t0;
    const stored = this.deps.store.list().find((r) => r.file === file)!;
    return { ...entry(stored), ms };
  }

  /**
   * The schedule's check: yesterday's daily report, today's once closing time has passed, and the last
   * full week's from Monday on — each made only if missing, so a station that was off catches up.
   */
  async runSchedule(): Promise<string[]> {
    const { ctx, store } = this.deps;
    const today = ctx.today();
    const due: { kind: ReportKind; day: string }[] = [
      { kind: 'daily', day: addDays(today, -1) },
      { kind: 'weekly', day: addDays(mondayOf(today), -7) },
    ];
    if (hallMinuteOfDay(ctx.clock.now(), this.deps.timeZone()) >= minuteOf(this.deps.dailyAt ?? '18:30'))
      due.push({ kind: 'daily', day: today });
    const made: string[] = [];
    for (const d of due) {
      const file = reportFileName(reportPeriod(d.kind, d.day));
      if (store.has(file)) continue;
      try {
        await this.generate('schedule', d);
        made.push(file);
      } catch (e) {
        this.deps.log(`scheduled report ${file} not made: ${e instanceof Error ? e.message : String(e)}`);
      }
    }
    return made;
  }

  /** Checks the schedule every `intervalMs` (first after `firstDelayMs`); returns the stop function. */
  schedule(o: { firstDelayMs: number; intervalMs: number }): () => void {
    let timer: NodeJS.Timeout;
    let stopped = false;
    const tick = () => {
      void this.runSchedule().finally(() => {
        if (stopped) return;
        timer = setTimeout(tick, o.intervalMs);
        timer.unref();
      });
    };
    timer = setTimeout(tick, o.firstDelayMs);
    timer.unref();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }
}
