import type { MutationArgs } from '@common/mutators';

/**
 * Valid arguments for the mutations the sync fault suite drives (the same ones the services
 * write), so faults are tested on real domain writes rather than on placeholder rows.
 */
export const FAULT_DAY = '2030-01-07';

export const auditArgs = (id: string, stationId: string, at: string): MutationArgs<'audit.append'> => ({
  id,
  at,
  stationId,
  actor: 'fault-suite',
  action: 'fault.write',
  detail: { n: id.length },
});

/** The n-th day after FAULT_DAY: each burst of writes gets a day of its own, so numbers never repeat. */
export function faultDay(n: number): string {
  return new Date(Date.parse(`${FAULT_DAY}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
}

export const issueArgs = (
  id: string,
  serial: number,
  at: string,
  day = FAULT_DAY,
  prefix = 'A',
): MutationArgs<'ticket.issue'> => ({
  id,
  hallId: 'H001',
  day,
  businessType: 'PAY',
  priority: 'normal',
  number: `${prefix}${String(100 + (serial % 900)).padStart(3, '0')}`,
  issuedAt: at,
  issuedBy: 'fault-suite',
});
