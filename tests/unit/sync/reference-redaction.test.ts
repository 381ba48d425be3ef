import { describe, expect, it } from 'vitest';
import { batchChecksum, snapshotPageChecksum } from '../../../node/sync/checksum';
import { LOGIN_STATION_ROLES } from '@common/sync/reference-data';
import { redactPullForRole, redactSnapshotLineForRole } from '../../../central/reference-redaction';
import { SNAPSHOT_CHANGES_KEY } from '@common/sync/protocol';
import { STATION_ROLES } from '@common/sync/station-roles';

/** PIN hashes withheld from stations without a login window, with the batch or page still checkable. */
const staff = {
  id: 'S1002',
  hall_id: 'H001',
  staff_no: '1002',
  name: '王丽娟',
  role: 'agent',
  title: '高级营业员',
  photo: 'data:x',
  star_level: 5,
  skills: '["PAY"]',
  pin_hash: 'scrypt$abc$def',
};
const ticket = { id: 'tk-1', hall_id: 'H001', number: 'A001' };
const changes = [
  { version: 7, entity: 'staff' as const, id: 'S1002', row: staff },
  { version: 8, entity: 'ticket' as const, id: 'tk-1', row: ticket },
];

function page(after: number, cursor: number, list: unknown[]): string {
  const text = JSON.stringify(list);
  return `{"type":"page","after":${after},"cursor":${cursor},"checksum":"${snapshotPageChecksum(after, cursor, text)}","changes":${text}}`;
}

describe('reference-data redaction', () => {
  it('blanks the PIN hash for kiosk and display stations, keeps every other field, and recomputes the checksum', () => {
    for (const role of STATION_ROLES.filter((r) => !LOGIN_STATION_ROLES.includes(r))) {
      const r = redactPullForRole(role, {
        cursor: 8,
        lastMutationId: 0,
        changes,
        more: false,
        checksum: batchChecksum(8, changes),
      });
      expect(r.changes[0]!.row).toEqual({ ...staff, pin_hash: '' });
      expect(r.changes[1]!.row).toBe(ticket);
      expect(r.checksum).toBe(batchChecksum(8, r.changes));
      expect(r.checksum).not.toBe(batchChecksum(8, changes));
    }
  });

  it('leaves a login station’s batch exactly as the central read it', () => {
    const original = { cursor: 8, lastMutationId: 0, changes, more: false, checksum: batchChecksum(8, changes) };
    for (const role of LOGIN_STATION_ROLES) expect(redactPullForRole(role, original)).toBe(original);
    expect(LOGIN_STATION_ROLES).toEqual(['counter', 'guide', 'manager', 'hall']);
  });

  it('rebuilds a snapshot page with staff rows in the page format, its checksum over the new changes text', () => {
    const line = Buffer.from(page(0, 8, changes));
    const out = redactSnapshotLineForRole('kiosk', line).toString('utf8');
    const parsed = JSON.parse(out) as {
      after: number;
      cursor: number;
      checksum: string;
      changes: { row: { pin_hash?: string } }[];
    };
    expect(out.startsWith('{"type":"page",')).toBe(true);
    expect(parsed.changes.map((c) => c.row.pin_hash)).toEqual(['', undefined]);
    const at = out.indexOf(SNAPSHOT_CHANGES_KEY);
    expect(parsed.checksum).toBe(snapshotPageChecksum(0, 8, out.slice(at + SNAPSHOT_CHANGES_KEY.length, -1)));
    // Pages without staff rows, and every page for a login station, pass untouched.
    const noStaff = Buffer.from(page(8, 9, [changes[1]]));
    expect(redactSnapshotLineForRole('display', noStaff)).toBe(noStaff);
    expect(redactSnapshotLineForRole('counter', line)).toBe(line);
  });
});
