/**
 * Application numbers (申请编号): SQ-<hall>-<YYYYMMDD>-<type>-<seq>-<station tag>, e.g.
 * SQ-H001-20261123-NEW-0007-3F9A. The 4-digit sequence counts per station, hall day and type inside
 * the station's storage transaction; the station tag (4 hex digits of the station id) keeps two
 * stations of one hall apart without asking the central, so a number is given even offline.
 */
export const APPLICATION_NO = /^SQ-([A-Z0-9]{1,8})-(\d{8})-([A-Z]{2,6})-(\d{4})-([A-Z0-9]{4})$/;

export function applicationNumber(hallId: string, day: string, type: string, seq: number, stationTag: string): string {
  if (!Number.isInteger(seq) || seq < 1 || seq > 9999) throw new RangeError('application sequence must be 1–9999');
  return `SQ-${hallId}-${day.replaceAll('-', '')}-${type}-${String(seq).padStart(4, '0')}-${stationTag.toUpperCase()}`;
}

export function parseApplicationNumber(no: string): { hallId: string; day: string; type: string; seq: number } | null {
  const m = APPLICATION_NO.exec(no);
  if (!m) return null;
  return {
    hallId: m[1]!,
    day: `${m[2]!.slice(0, 4)}-${m[2]!.slice(4, 6)}-${m[2]!.slice(6)}`,
    type: m[3]!,
    seq: Number(m[4]),
  };
}
