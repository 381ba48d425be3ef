import { describe, expect, it } from 'vitest';
import {
  checkInInput,
  grouped,
  isComplete,
  pressKey,
  type AppointmentMode,
  type KeypadKey,
} from '../../../renderer/areas/kiosk/appointment-input';

const type = (mode: AppointmentMode, keys: string) =>
  [...keys].reduce((v, ch) => pressKey(mode, v, ch === '<' ? { kind: 'back' } : { kind: 'char', value: ch }), '');

describe('kiosk appointment entry', () => {
  it('takes a phone number digit by digit, starting with 1, at most 11 digits', () => {
    expect(type('phone', '813800138000')).toBe('13800138000'); // the leading 8 is refused
    expect(type('phone', '1380013800099')).toBe('13800138000');
    expect(type('phone', '138a')).toBe('138');
    expect(isComplete('phone', type('phone', '1380013800'))).toBe(false);
    expect(isComplete('phone', type('phone', '13800138000'))).toBe(true);
    expect(grouped('phone', '13800138000')).toBe('138 0013 8000');
    expect(checkInInput('phone', '13800138000')).toEqual({ phone: '13800138000' });
  });

  it('takes a six-character code in letters and digits, upper-cased; back and clear edit it', () => {
    expect(type('code', 'ap2301')).toBe('AP2301');
    expect(type('code', 'AP23019')).toBe('AP2301');
    expect(type('code', 'AP2-3')).toBe('AP23');
    expect(type('code', 'AP23<<')).toBe('AP');
    const clear: KeypadKey = { kind: 'clear' };
    expect(pressKey('code', 'AP23', clear)).toBe('');
    expect(isComplete('code', 'AP2301')).toBe(true);
    expect(isComplete('code', 'AP230')).toBe(false);
    expect(grouped('code', 'AP2301')).toBe('AP23 01');
    expect(checkInInput('code', 'AP2301')).toEqual({ code: 'AP2301' });
  });
});
