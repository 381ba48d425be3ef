import type { StationErrorLine, StationReport } from '@common/sync/protocol';
import { redactText } from '../node/log/redact';
import type { StationCaller } from './store/station-auth';

/**
 * The latest warnings and errors each station reports of itself, for the manager's station list.
 * Kept in memory only: it describes the last minutes of a station, which reports again on its next
 * sync cycle, so a restarted central loses nothing a manager needs. Redacted once more here, so a
 * station with a careless logger still cannot put personal data on another screen.
 */
export class StationReports {
  private readonly byStation = new Map<string, StationErrorLine[]>();

  record(caller: StationCaller, report: StationReport): void {
    this.byStation.set(
      key(caller.hallId, caller.clientId),
      report.recentErrors.map((line) => ({ ...line, message: redactText(line.message) })),
    );
  }

  recentErrors(hallId: string, clientId: string): StationErrorLine[] {
    return this.byStation.get(key(hallId, clientId)) ?? [];
  }
}

const key = (hallId: string, clientId: string) => `${hallId}\u0000${clientId}`;
