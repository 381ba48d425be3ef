/** The two operations reports: 营业厅运营日报 (one hall day) and 周报 (Monday to Sunday). */
export type ReportKind = 'daily' | 'weekly';

export interface ReportPeriod {
  kind: ReportKind;
  from: string;
  to: string;
}

const DAY_MS = 86_400_000;
const dayMs = (day: string) => Date.parse(`${day}T00:00:00Z`);
const dayOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** The hall day `n` days after `day` (negative: before); calendar arithmetic on 'YYYY-MM-DD'. */
export const addDays = (day: string, n: number): string => dayOf(dayMs(day) + n * DAY_MS);

/** Monday of the week `day` falls in (weeks run Monday to Sunday, as the hall reports them). */
export function mondayOf(day: string): string {
  const weekday = new Date(dayMs(day)).getUTCDay(); // 0 = Sunday
  return addDays(day, -((weekday + 6) % 7));
}

/** Every day from…to, inclusive. */
export function daysOf(from: string, to: string): string[] {
  const out: string[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) out.push(d);
  return out;
}

/** The period a report covers: the day itself, or the Monday-to-Sunday week holding it. */
export function reportPeriod(kind: ReportKind, day: string): ReportPeriod {
  if (kind === 'daily') return { kind, from: day, to: day };
  const from = mondayOf(day);
  return { kind, from, to: addDays(from, 6) };
}

/** The report's file in the reports directory, and back: only names of this exact shape are served. */
export const reportFileName = (p: ReportPeriod): string => `${p.kind}-${p.from}.pdf`;
const FILE = /^(daily|weekly)-(\d{4}-\d{2}-\d{2})\.pdf$/;
export function periodOfFile(name: string): ReportPeriod | null {
  const m = FILE.exec(name);
  if (!m || Number.isNaN(dayMs(m[2]!)) || dayOf(dayMs(m[2]!)) !== m[2]) return null;
  return reportPeriod(m[1] as ReportKind, m[2]!);
}

export const REPORT_TITLES: Record<ReportKind, string> = { daily: '营业厅运营日报', weekly: '营业厅运营周报' };
