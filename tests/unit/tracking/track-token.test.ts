import { createHmac } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkTrackToken, expiryDay, issueTrackToken, TRACK_VALID_DAYS } from '../../../main/tracking/track-token';

const macWith = (key: string) => (m: string) => createHmac('sha256', key).update(m).digest();
const hall = macWith('hall-key');
const otherHall = macWith('other-hall-key');
const ID = 'ap-5b0c1f2e-9d7a-4c3b-8e21-0f6a9b3c7d11';
const AT = '2026-11-23T02:00:00.000Z';

describe('application track token', () => {
  it('round-trips to the application id, the same token every time, valid until its day', () => {
    const token = issueTrackToken(hall, ID, AT);
    expect(issueTrackToken(hall, ID, AT)).toBe(token);
    expect(expiryDay(AT)).toBe('2027-05-22');
    expect(checkTrackToken(hall, token, '2026-11-23')).toEqual({ ok: true, applicationId: ID, expires: '2027-05-22' });
    expect(checkTrackToken(hall, token, '2027-05-22')).toMatchObject({ ok: true });
    expect(checkTrackToken(hall, token, '2027-05-23')).toEqual({ ok: false, reason: 'expired' });
    expect(TRACK_VALID_DAYS).toBe(180);
  });

  it('refuses a token of another hall, another application, a moved expiry, or a changed MAC', () => {
    const token = issueTrackToken(hall, ID, AT);
    const [idPart, expires, mac] = token.split('.') as [string, string, string];
    expect(checkTrackToken(otherHall, token, '2026-11-23')).toEqual({ ok: false, reason: 'forged' });
    const otherId = Buffer.from('ap-00000000-0000-4000-8000-000000000000').toString('base64url');
    expect(checkTrackToken(hall, `${otherId}.${expires}.${mac}`, '2026-11-23')).toEqual({
      ok: false,
      reason: 'forged',
    });
    expect(checkTrackToken(hall, `${idPart}.20991231.${mac}`, '2026-11-23')).toEqual({ ok: false, reason: 'forged' });
    // Past its day, a forged token still says forged: expiry is only told to holders of a real token.
    expect(checkTrackToken(hall, `${idPart}.20200101.${mac}`, '2026-11-23')).toEqual({ ok: false, reason: 'forged' });
  });

  it('never accepts a random string, and says malformed for anything not shaped like a token', () => {
    for (const t of ['', 'x', 'SQ-H001-20261123-NEW-0001-AB12', 'a.b.c', `${'A'.repeat(8)}.2026112.${'A'.repeat(22)}`])
      expect(checkTrackToken(hall, t, '2026-11-23')).toEqual({ ok: false, reason: 'malformed' });
    fc.assert(
      fc.property(
        fc.string({ minLength: 8, maxLength: 40 }),
        fc.uint8Array({ minLength: 16, maxLength: 16 }),
        (id, macBytes) => {
          const t = `${Buffer.from(id).toString('base64url')}.20270101.${Buffer.from(macBytes).toString('base64url')}`;
          expect(checkTrackToken(hall, t, '2026-11-23').ok).toBe(false);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('changing any one character of a real token to any other makes it fail (even in unused base64 bits)', () => {
    const token = issueTrackToken(hall, ID, AT);
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.';
    for (let i = 0; i < token.length; i++) {
      for (const c of alphabet) {
        if (c === token[i]) continue;
        expect(checkTrackToken(hall, token.slice(0, i) + c + token.slice(i + 1), '2026-11-23').ok).toBe(false);
      }
    }
  });
});
