import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { startCentral } from '../../central/server';
import type { CallerContext } from '../../main/services/caller';
import { startStationHost, type StationHost } from '../../main/host';
import { DEMO_APPOINTMENT_PHONES } from '../../hall/seed/queue';
import { PersonalDataCipher } from '../../main/security/personal-data-cipher';
import { makeTempDir, seededDataDir, TEMPLATE_PERSONAL_DATA_KEY, withTemplateKey } from '../support/hall-fixture';

/**
 * Appointment check-in by phone (预约签到) on a real station: the full 11-digit number matches only
 * its own booking (by the hall's keyed hash, not by the last 4 digits), the last 4 digits still work
 * when one customer booked with them today, and a tail shared by two customers is refused without
 * checking anybody in, so nobody is ever checked in on someone else's appointment.
 */
const clock = {
  t: Date.now(),
  now() {
    return new Date(this.t);
  },
};
const kiosk: CallerContext = {
  connectionId: 'kiosk',
  source: 'local:test',
  role: 'kiosk',
  windowNo: null,
  session: null,
};
type Reply = {
  ok: boolean;
  value?: { ticket: { businessType: string; priority: string }; appointment: { code: string } };
  error?: { code: string; message: string; field?: string };
};

let host: StationHost | null = null;
afterEach(async () => {
  await host?.close();
  host = null;
});

/** A station whose seeded bookings are today's, plus one more booking today under `extra` (another customer). */
async function stationWith(extra?: { phone: string; code: string; type: string }) {
  clock.t = Date.now(); // the seed books the seven days from seeding
  // The hall's key, as a seeded data directory holds it: the bookings' phone hashes were made with it.
  const dataDir = withTemplateKey(seededDataDir('station.db', makeTempDir('appointment-phone-')));
  const day = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date(clock.t));
  if (extra) {
    const cipher = new PersonalDataCipher(TEMPLATE_PERSONAL_DATA_KEY);
    const db = new Database(path.join(dataDir, 'station.db'));
    db.prepare(
      'INSERT INTO appointments (id, hall_id, code, phone_tail, phone_hash, business_type, slot_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
    ).run(
      `ap-extra-${extra.code}`,
      'H001',
      extra.code,
      extra.phone.slice(-4),
      cipher.hash(extra.phone).toString('hex'),
      extra.type,
      new Date(`${day}T16:00:00+08:00`).toISOString(),
    );
    db.close();
  }
  host = await startStationHost({ dataDir, clock });
  return { host };
}

const checkIn = (h: StationHost, input: Record<string, string>) =>
  h.router.call(kiosk, 'queue.checkIn', input) as Promise<Reply>;
/** Tickets waiting today: a refused check-in must not have issued one. */
const waitingCount = async (h: StationHost) => (await h.queue.snapshot()).waiting.length;

describe('appointment check-in by phone', () => {
  it('matches the full number to its own booking only, and still accepts the last 4 digits of a single booking', async () => {
    const { host: h } = await stationWith();
    const [, second, third] = DEMO_APPOINTMENT_PHONES;
    // Same last 4 digits as the CAP booking (13912345678), different number: not that customer's booking.
    const stranger = `1300000${second!.slice(-4)}`;
    expect(await checkIn(h, { phone: stranger })).toMatchObject({
      ok: false,
      error: { code: 'not_found', field: 'phone' },
    });
    expect(await waitingCount(h)).toBe(0);

    expect(await checkIn(h, { phone: second! })).toMatchObject({
      ok: true,
      value: { ticket: { businessType: 'CAP', priority: 'appointment' } },
    });
    expect(await checkIn(h, { phone: second! })).toMatchObject({
      ok: false,
      error: { code: 'conflict', message: expect.stringContaining('已签到') },
    });

    // The tail alone: one customer booked with it today, so it is theirs.
    expect(await checkIn(h, { phone: third!.slice(-4) })).toMatchObject({
      ok: true,
      value: { ticket: { businessType: 'XFER' } },
    });
    expect(await waitingCount(h)).toBe(2);
  });

  it('refuses a tail two customers booked with today, checks nobody in, and lets each check in by full number or code', async () => {
    const [first] = DEMO_APPOINTMENT_PHONES; // 13800138000 booked NEW today
    const other = `1590000${first!.slice(-4)}`;
    const { host: h } = await stationWith({ phone: other, code: 'ZX0001', type: 'INV' });

    const ambiguous = await checkIn(h, { phone: first!.slice(-4) });
    expect(ambiguous).toMatchObject({
      ok: false,
      error: { code: 'conflict', field: 'phone', message: expect.stringContaining('完整手机号') },
    });
    expect(await waitingCount(h)).toBe(0);

    expect(await checkIn(h, { phone: other })).toMatchObject({
      ok: true,
      value: { ticket: { businessType: 'INV' }, appointment: { code: 'ZX0001' } },
    });
    // The other customer's booking is still there, and the tail still does not hand it out: one of
    // the two with that tail has checked in, but the tail cannot say which one is at the kiosk.
    expect(await checkIn(h, { phone: first!.slice(-4) })).toMatchObject({
      ok: false,
      error: { code: 'conflict', field: 'phone' },
    });
    expect(await waitingCount(h)).toBe(1);
    expect(await checkIn(h, { phone: first! })).toMatchObject({ ok: true, value: { ticket: { businessType: 'NEW' } } });
    expect(await waitingCount(h)).toBe(2);
  });

  it('refuses malformed phone input with a validation error and changes nothing', async () => {
    const { host: h } = await stationWith();
    for (const phone of ['12345', '1380013800', '23800138000', '138001380001', '８０００', 'abcd', '']) {
      expect(await checkIn(h, { phone })).toMatchObject({ ok: false, error: { code: 'validation' } });
    }
    expect(
      await h.router.call(kiosk, 'queue.checkIn', { phone: DEMO_APPOINTMENT_PHONES[0]!, code: 'AP0101' }),
    ).toMatchObject({ ok: false, error: { code: 'validation' } });
    expect(await waitingCount(h)).toBe(0);
  });
});

describe('appointment check-in across stations', () => {
  it('a booking checked in on one kiosk is refused as already used on another, after the sync through the central', async () => {
    clock.t = Date.now();
    const root = makeTempDir('appointment-sync-');
    const central = await startCentral({
      dbFile: path.join(seededDataDir('central.db', path.join(root, 'central')), 'central.db'),
    });
    const station = (name: string) =>
      startStationHost({
        dataDir: withTemplateKey(seededDataDir('station.db', path.join(root, name))),
        centralUrl: central.url,
        enrollCode: central.issueEnrollmentCode('H001', 'hall'),
        clock,
      });
    const a = await station('a');
    const b = await station('b');
    try {
      const phone = DEMO_APPOINTMENT_PHONES[0]!;
      expect(await checkIn(a, { phone })).toMatchObject({ ok: true, value: { ticket: { businessType: 'NEW' } } });
      for (const h of [a, b]) {
        await h.sync!.trigger();
        await h.sync!.idle();
      }
      // The appointment row came through the change log as JSON: its phone hash still matches, so the
      // answer is "already checked in", not "no booking"; and the pull itself went through.
      expect(await checkIn(b, { phone })).toMatchObject({
        ok: false,
        error: { code: 'conflict', message: expect.stringContaining('已签到') },
      });
      expect(await b.sync!.status()).toMatchObject({ online: true, lastError: null });
      expect((await b.queue.snapshot()).waiting.map((t) => t.businessType)).toEqual(['NEW']);
    } finally {
      await a.close();
      await b.close();
      await central.close();
    }
  });
});
