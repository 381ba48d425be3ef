import { describe, expect, it } from 'vitest';
import { isGuardedMode, keyAction, KioskExitGate, type KeyInput } from '../../../main/electron/kiosk-exit';

const key = (k: string, mods: Partial<KeyInput> = {}): KeyInput => ({
  type: 'keyDown',
  key: k,
  control: false,
  alt: false,
  shift: false,
  meta: false,
  ...mods,
});

const STAFF: Record<string, { pin: string; role: 'technician' | 'manager' | 'agent' }> = {
  '1025': { pin: '123456', role: 'technician' },
  '1005': { pin: '123456', role: 'manager' },
  '1002': { pin: '123456', role: 'agent' },
};
const verify = async (staffNo: string, pin: string) => (STAFF[staffNo]?.pin === pin ? STAFF[staffNo]!.role : null);

describe('kiosk exit policy', () => {
  it('guards the kiosk and the full-screen displays, not a normal window', () => {
    expect(['kiosk', 'fullscreen', 'frameless-fullscreen', 'normal'].map((m) => isGuardedMode(m as never))).toEqual([
      true,
      true,
      true,
      false,
    ]);
  });

  it('the exit gesture asks for a PIN; the keys that close, reload or leave full screen do nothing', () => {
    expect(keyAction(key('E', { control: true, shift: true, alt: true }))).toBe('ask-pin');
    for (const k of [
      key('F4', { alt: true }),
      key('F11'),
      key('Escape'),
      key('w', { control: true }),
      key('q', { meta: true }),
      key('r', { control: true }),
      key('I', { control: true, shift: true }),
    ])
      expect({ k, action: keyAction(k) }).toEqual({ k, action: 'block' });
    expect(keyAction(key('5'))).toBe('pass');
    expect(keyAction(key('Enter'))).toBe('pass');
    expect(keyAction({ ...key('F11'), type: 'keyUp' })).toBe('pass');
  });

  it('opens for a technician or the manager with the right PIN, never for an agent or a wrong PIN', async () => {
    const gate = new KioskExitGate({ verify });
    expect(await gate.attempt('1025', '123456')).toEqual({ ok: true, staffNo: '1025' });
    expect(await gate.attempt('1005', '123456')).toEqual({ ok: true, staffNo: '1005' });
    expect(await gate.attempt('1002', '123456')).toEqual({ ok: false, reason: 'notAllowed' });
    expect(await gate.attempt('1025', '000000')).toEqual({ ok: false, reason: 'wrongPin' });
    expect(await gate.attempt({ staffNo: '1025' }, null)).toEqual({ ok: false, reason: 'wrongPin' });
  });

  it('after five wrong PINs the screen refuses every attempt, the right one too, until the lockout ends', async () => {
    let now = 0;
    const gate = new KioskExitGate({ verify, now: () => now, lockoutMs: 60_000 });
    for (let i = 0; i < 4; i++) expect((await gate.attempt('1025', '111111')).ok).toBe(false);
    expect(await gate.attempt('1025', '111111')).toEqual({ ok: false, reason: 'locked', retryAfterMs: 60_000 });
    now = 30_000;
    expect(await gate.attempt('1025', '123456')).toEqual({ ok: false, reason: 'locked', retryAfterMs: 30_000 });
    now = 60_000;
    expect(await gate.attempt('1025', '123456')).toEqual({ ok: true, staffNo: '1025' });
  });
});
