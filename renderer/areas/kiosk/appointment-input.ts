/**
 * The kiosk's 预约取号 entry, as pure rules (unit-tested in Node): what a key press does to the
 * typed value, and when the value is complete enough to check in. Phone: 11 digits starting with 1;
 * appointment code: 6 letters or digits (as printed on the booking SMS, e.g. AP2301).
 */
export type AppointmentMode = 'phone' | 'code';

export const PHONE_LENGTH = 11;
export const CODE_LENGTH = 6;
export const maxLength = (mode: AppointmentMode): number => (mode === 'phone' ? PHONE_LENGTH : CODE_LENGTH);

export type KeypadKey = { kind: 'char'; value: string } | { kind: 'back' } | { kind: 'clear' };

export function pressKey(mode: AppointmentMode, value: string, key: KeypadKey): string {
  if (key.kind === 'clear') return '';
  if (key.kind === 'back') return value.slice(0, -1);
  const ch = key.value.toUpperCase();
  const allowed = mode === 'phone' ? /^\d$/ : /^[A-Z0-9]$/;
  if (!allowed.test(ch) || value.length >= maxLength(mode)) return value;
  // A phone number always starts with 1: any other first digit is not taken.
  if (mode === 'phone' && value.length === 0 && ch !== '1') return value;
  return value + ch;
}

export function isComplete(mode: AppointmentMode, value: string): boolean {
  return mode === 'phone' ? /^1\d{10}$/.test(value) : /^[A-Z0-9]{6}$/.test(value);
}

/** Grouped for reading aloud and at a glance: 138 0013 8000 / AP23 01. */
export function grouped(mode: AppointmentMode, value: string): string {
  if (mode === 'phone') return [value.slice(0, 3), value.slice(3, 7), value.slice(7)].filter(Boolean).join(' ');
  return [value.slice(0, 4), value.slice(4)].filter(Boolean).join(' ');
}

export const checkInInput = (mode: AppointmentMode, value: string): { phone: string } | { code: string } =>
  mode === 'phone' ? { phone: value } : { code: value };
