import { describe, expect, it } from 'vitest';
import { DEFAULT_AUTHORITY_TIMEOUT_MS, TicketIssueRequest, TicketIssued } from '@common/sync/ticket-issue';

/** The online ticket issue's request and answer, as the authority and the kiosk check them. */
const request = {
  id: 'tk-00000001',
  businessType: 'PAY',
  priority: 'normal',
  issuedBy: 'kiosk-1',
};
const ok = (v: unknown) => TicketIssueRequest.safeParse(v).success;

describe('ticket issue request', () => {
  it('accepts a request with or without an appointment, in each priority class', () => {
    expect(ok(request)).toBe(true);
    expect(ok({ ...request, appointmentId: 'a' })).toBe(true);
    for (const priority of ['normal', 'green', 'vip', 'appointment']) expect(ok({ ...request, priority })).toBe(true);
  });

  it('accepts the limits of every field', () => {
    expect(ok({ ...request, id: 'i'.repeat(8), businessType: 'T', issuedBy: 'k', appointmentId: 'a'.repeat(64) })).toBe(
      true,
    );
    expect(ok({ ...request, id: 'i'.repeat(64), businessType: 'T'.repeat(16), issuedBy: 'k'.repeat(64) })).toBe(true);
  });

  it.each([
    ['an id shorter than 8', { id: 'i'.repeat(7) }],
    ['an id over 64', { id: 'i'.repeat(65) }],
    ['a day chosen by the station (the authority files the ticket under its own)', { day: '2026-11-23' }],
    ['no type', { businessType: '' }],
    ['a type over 16', { businessType: 'T'.repeat(17) }],
    ['an unknown priority', { priority: 'gold' }],
    ['no issuer', { issuedBy: '' }],
    ['an issuer over 64', { issuedBy: 'k'.repeat(65) }],
    ['an empty appointment', { appointmentId: '' }],
    ['an appointment over 64', { appointmentId: 'a'.repeat(65) }],
    ['a number chosen by the station', { number: 'A001' }],
    ['an issue time chosen by the station', { issuedAt: '2026-11-23T02:00:00.000Z' }],
  ])('refuses %s', (_what, over) => {
    expect(ok({ ...request, ...over })).toBe(false);
  });
});

describe('ticket issued', () => {
  it('carries a number of one capital and three digits, nothing else', () => {
    const issued = { id: 'tk-00000001', number: 'A001', issuedAt: '2026-11-23T02:00:00.000Z', day: '2026-11-23' };
    expect(TicketIssued.safeParse(issued).success).toBe(true);
    for (const number of ['a001', 'A01', 'A0001', 'AA01', 'xA001', 'A001x'])
      expect(TicketIssued.safeParse({ ...issued, number }).success).toBe(false);
    for (const day of ['2026-11-3', 'x2026-11-23', '2026-11-23x'])
      expect(TicketIssued.safeParse({ ...issued, day }).success).toBe(false);
  });

  it('lets a kiosk wait a moment for the authority before issuing from its lease', () => {
    expect(DEFAULT_AUTHORITY_TIMEOUT_MS).toBeGreaterThan(0);
    expect(DEFAULT_AUTHORITY_TIMEOUT_MS).toBeLessThanOrEqual(1000);
  });
});
