import fs from 'node:fs';
import path from 'node:path';
import { periodOfFile, type ReportPeriod } from './report-period';

export interface StoredReport {
  file: string;
  period: ReportPeriod;
  bytes: number;
  createdAt: string;
}

/**
 * The operations reports kept in the station's data directory (`reports/`): one PDF per report,
 * written whole (to a temporary name, then renamed) so a listing never shows half a file.
 */
export class ReportStore {
  readonly dir: string;

  constructor(dataDir: string) {
    this.dir = path.join(dataDir, 'reports');
  }

  list(): StoredReport[] {
    let names: string[];
    try {
      names = fs.readdirSync(this.dir);
    } catch {
      return [];
    }
    const out: StoredReport[] = [];
    for (const file of names) {
      const period = periodOfFile(file);
      if (!period) continue;
      const st = fs.statSync(path.join(this.dir, file));
      out.push({ file, period, bytes: st.size, createdAt: st.mtime.toISOString() });
    }
    // Newest period first; a day's daily report before the weekly one starting that day.
    return out.sort((a, b) => b.period.from.localeCompare(a.period.from) || a.period.kind.localeCompare(b.period.kind));
  }

  has(file: string): boolean {
    return periodOfFile(file) !== null && fs.existsSync(path.join(this.dir, file));
  }

  /** The bytes of a stored report; null for a name that is not a report's or a report not there. */
  read(file: string): Buffer | null {
    if (!periodOfFile(file)) return null;
    try {
      return fs.readFileSync(path.join(this.dir, file));
    } catch {
      return null;
    }
  }

  write(file: string, pdf: Buffer): void {
    if (!periodOfFile(file)) throw new Error(`not a report file name: ${file}`);
    fs.mkdirSync(this.dir, { recursive: true, mode: 0o700 });
    const tmp = path.join(this.dir, `.${file}.${process.pid}.tmp`);
    fs.writeFileSync(tmp, pdf, { mode: 0o600 });
    fs.renameSync(tmp, path.join(this.dir, file));
  }
}
