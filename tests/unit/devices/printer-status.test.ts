import { describe, expect, it } from 'vitest';
import {
  applyRealtimeStatus,
  DISABLE_AUTOMATIC_STATUS_BACK,
  ENABLE_AUTOMATIC_STATUS_BACK,
  encodeAutomaticStatus,
  encodeRealtimeStatus,
  notReadyReason,
  parseAutomaticStatus,
  parseRealtimeStatus,
  READY_STATUS,
  StatusStreamReader,
  statusRequest,
  type PrinterStatus,
  type RealtimeStatus,
} from '../../../devices/printer/printer-status';
import { hex } from './helpers';

const rt = (n: number, byte: number): RealtimeStatus => {
  const result = parseRealtimeStatus(n, byte);
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
};

describe('real-time status DLE EOT n', () => {
  it('requests are 10 04 n for n = 1..4', () => {
    expect(Array.from(statusRequest(1))).toEqual([0x10, 0x04, 0x01]);
    expect(Array.from(statusRequest(2))).toEqual([0x10, 0x04, 0x02]);
    expect(Array.from(statusRequest(3))).toEqual([0x10, 0x04, 0x03]);
    expect(Array.from(statusRequest(4))).toEqual([0x10, 0x04, 0x04]);
  });

  it('Automatic Status Back is switched on with 1D 61 FF and off with 1D 61 00', () => {
    expect(Array.from(ENABLE_AUTOMATIC_STATUS_BACK)).toEqual([0x1d, 0x61, 0xff]);
    expect(Array.from(DISABLE_AUTOMATIC_STATUS_BACK)).toEqual([0x1d, 0x61, 0x00]);
  });

  it('0x12 is "all clear" for every n', () => {
    expect(rt(1, 0x12)).toEqual({
      request: 1,
      drawerPin3High: false,
      offline: false,
      waitingForOnlineRecovery: false,
      feedButtonPressed: false,
    });
    expect(rt(2, 0x12)).toEqual({
      request: 2,
      coverOpen: false,
      feedingByButton: false,
      stoppedAtPaperEnd: false,
      error: false,
    });
    expect(rt(3, 0x12)).toEqual({
      request: 3,
      autocutterError: false,
      unrecoverableError: false,
      autoRecoverableError: false,
    });
    expect(rt(4, 0x12)).toEqual({ request: 4, paperNearEnd: false, paperOut: false });
  });

  it('n=1: bit 3 offline (and bits 2, 5, 6)', () => {
    expect(rt(1, 0x12 | 0x08)).toMatchObject({ offline: true, drawerPin3High: false });
    expect(rt(1, 0x12 | 0x04)).toMatchObject({ offline: false, drawerPin3High: true });
    expect(rt(1, 0x12 | 0x20)).toMatchObject({ offline: false, waitingForOnlineRecovery: true });
    expect(rt(1, 0x12 | 0x40)).toMatchObject({ offline: false, feedButtonPressed: true });
  });

  it('n=2: bit 2 cover open, bit 5 stopped at paper end, bit 6 error', () => {
    expect(rt(2, 0x12 | 0x04)).toMatchObject({ coverOpen: true, stoppedAtPaperEnd: false, error: false });
    expect(rt(2, 0x12 | 0x20)).toMatchObject({ coverOpen: false, stoppedAtPaperEnd: true, error: false });
    expect(rt(2, 0x12 | 0x40)).toMatchObject({ coverOpen: false, stoppedAtPaperEnd: false, error: true });
    expect(rt(2, 0x12 | 0x08)).toMatchObject({ coverOpen: false, feedingByButton: true });
  });

  it('n=3: bit 3 autocutter, bit 5 unrecoverable, bit 6 auto-recoverable', () => {
    expect(rt(3, 0x12 | 0x08)).toEqual({
      request: 3,
      autocutterError: true,
      unrecoverableError: false,
      autoRecoverableError: false,
    });
    expect(rt(3, 0x12 | 0x20)).toEqual({
      request: 3,
      autocutterError: false,
      unrecoverableError: true,
      autoRecoverableError: false,
    });
    expect(rt(3, 0x12 | 0x40)).toEqual({
      request: 3,
      autocutterError: false,
      unrecoverableError: false,
      autoRecoverableError: true,
    });
  });

  it('n=4: bits 2-3 paper near end, bits 5-6 paper end (either bit of the pair counts)', () => {
    expect(rt(4, 0x12 | 0x0c)).toEqual({ request: 4, paperNearEnd: true, paperOut: false });
    expect(rt(4, 0x12 | 0x04)).toEqual({ request: 4, paperNearEnd: true, paperOut: false });
    expect(rt(4, 0x12 | 0x08)).toEqual({ request: 4, paperNearEnd: true, paperOut: false });
    expect(rt(4, 0x12 | 0x60)).toEqual({ request: 4, paperNearEnd: false, paperOut: true });
    expect(rt(4, 0x12 | 0x20)).toEqual({ request: 4, paperNearEnd: false, paperOut: true });
    expect(rt(4, 0x12 | 0x40)).toEqual({ request: 4, paperNearEnd: false, paperOut: true });
    expect(rt(4, 0x7e)).toEqual({ request: 4, paperNearEnd: true, paperOut: true });
  });

  it('bytes without the (b & 0x93) == 0x12 signature are typed errors', () => {
    for (const byte of [0x00, 0x02, 0x10, 0x13, 0x92, 0xff]) {
      const result = parseRealtimeStatus(1, byte);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.error.code).toBe('malformed');
    }
    expect(parseRealtimeStatus(1, 0x7e).ok).toBe(true); // bits 2, 3, 5, 6 are data
    expect(parseRealtimeStatus(5, 0x12).ok).toBe(false);
    expect(parseRealtimeStatus(1, 256).ok).toBe(false);
  });

  it('encode/parse round trip for every combination of the combined status', () => {
    const keys = Object.keys(READY_STATUS) as (keyof PrinterStatus)[];
    for (let mask = 0; mask < 1 << keys.length; mask += 1) {
      const status = Object.fromEntries(
        keys.map((key, i) => [key, (mask & (1 << i)) !== 0]),
      ) as unknown as PrinterStatus;
      let folded: PrinterStatus = { ...READY_STATUS };
      for (const n of [4, 2, 1, 3] as const)
        folded = applyRealtimeStatus(folded, rt(n, encodeRealtimeStatus(n, status)));
      expect(folded).toEqual(status);
      const asb = parseAutomaticStatus(encodeAutomaticStatus(status));
      expect(asb.ok && { ...asb.value, drawerPin3High: undefined, feedButtonPressed: undefined }).toEqual({
        ...status,
        drawerPin3High: undefined,
        feedButtonPressed: undefined,
      });
    }
  });

  it('the reason a printer cannot print names the flap to open first', () => {
    expect(notReadyReason(READY_STATUS)).toBeNull();
    expect(notReadyReason({ ...READY_STATUS, paperNearEnd: true })).toBeNull();
    expect(notReadyReason({ ...READY_STATUS, offline: true, paperOut: true, coverOpen: true })).toBe('paper_out');
    expect(notReadyReason({ ...READY_STATUS, offline: true, coverOpen: true })).toBe('cover_open');
    expect(notReadyReason({ ...READY_STATUS, offline: true })).toBe('offline');
    expect(notReadyReason({ ...READY_STATUS, autocutterError: true })).toBe('offline');
  });

  it('n=2 reporting an error before n=3 is asked counts as an error', () => {
    expect(notReadyReason(applyRealtimeStatus(READY_STATUS, rt(2, 0x52)))).toBe('offline');
  });
});

describe('Automatic Status Back', () => {
  it('decodes each bit of the 4-byte message', () => {
    const parse = (bytes: string) => {
      const result = parseAutomaticStatus(hex(bytes));
      if (!result.ok) throw new Error(result.error.message);
      return result.value;
    };
    expect(parse('10 00 00 00')).toEqual({ ...READY_STATUS, drawerPin3High: false, feedButtonPressed: false });
    expect(parse('14 00 00 00')).toMatchObject({ drawerPin3High: true });
    expect(parse('18 00 00 00')).toMatchObject({ offline: true, coverOpen: false });
    expect(parse('30 00 00 00')).toMatchObject({ coverOpen: true, offline: false });
    expect(parse('50 00 00 00')).toMatchObject({ feedButtonPressed: true });
    expect(parse('10 08 00 00')).toMatchObject({ autocutterError: true, unrecoverableError: false });
    expect(parse('10 20 00 00')).toMatchObject({ unrecoverableError: true, autoRecoverableError: false });
    expect(parse('10 40 00 00')).toMatchObject({ autoRecoverableError: true });
    expect(parse('10 00 03 00')).toMatchObject({ paperNearEnd: true, paperOut: false });
    expect(parse('10 00 0C 00')).toMatchObject({ paperNearEnd: false, paperOut: true });
  });

  it('rejects messages of the wrong length or shape', () => {
    expect(parseAutomaticStatus(hex('10 00 00')).ok).toBe(false);
    expect(parseAutomaticStatus(hex('12 00 00 00')).ok).toBe(false);
    const tail = parseAutomaticStatus(hex('10 00 10 00'));
    expect(tail.ok).toBe(false);
    if (!tail.ok) expect(tail.error.offset).toBe(2);
  });

  it('the stream reader separates ASB messages from real-time replies across chunk splits', () => {
    const reader = new StatusStreamReader();
    expect(reader.push(hex('12 10 00'))).toEqual([{ type: 'realtime', byte: 0x12 }]);
    const rest = reader.push(hex('0C 00 7E'));
    expect(rest).toHaveLength(2);
    expect(rest[0]).toMatchObject({ type: 'automatic', status: { paperOut: true } });
    expect(rest[1]).toEqual({ type: 'realtime', byte: 0x7e });
  });

  it('the stream reader reports garbage and a broken ASB message instead of hiding it', () => {
    const reader = new StatusStreamReader();
    expect(reader.push(hex('00 10 00 12'))).toEqual([
      { type: 'unexpected', byte: 0x00 },
      { type: 'unexpected', byte: 0x10 },
      { type: 'unexpected', byte: 0x00 },
      { type: 'realtime', byte: 0x12 },
    ]);
  });
});
