import { describe, expect, it } from 'vitest';
import {
  decodeCommand,
  decodeFrame,
  decodeReply,
  encodeCommand,
  encodeFrame,
  encodeReply,
  MAX_LEN,
  SAM_STATUS,
  SamFrameReader,
  samStatus,
  type SamCommandName,
} from '../../../devices/idcard/sam-frame';
import { hex, toHex } from './helpers';

describe('GA 467 host commands: golden bytes', () => {
  const golden: [SamCommandName, string][] = [
    ['samStatus', 'AA AA AA 96 69 00 03 11 FF ED'],
    ['samId', 'AA AA AA 96 69 00 03 12 FF EE'],
    ['findCard', 'AA AA AA 96 69 00 03 20 01 22'],
    ['selectCard', 'AA AA AA 96 69 00 03 20 02 21'],
    ['readText', 'AA AA AA 96 69 00 03 30 01 32'],
    ['readAppendedAddress', 'AA AA AA 96 69 00 03 30 03 30'],
    ['readWithFingerprint', 'AA AA AA 96 69 00 03 30 10 23'],
  ];
  it.each(golden)('%s → %s', (name, bytes) => {
    expect(toHex(encodeCommand(name))).toBe(bytes);
    const frame = decodeFrame(hex(bytes));
    expect(frame.ok).toBe(true);
    if (!frame.ok) return;
    const command = decodeCommand(frame.value.payload);
    expect(command).toMatchObject({ ok: true, value: { name } });
  });
});

describe('replies', () => {
  const golden: [number, string, string][] = [
    // Every SW3 of the GA 467 table as a whole reply frame (CHK = 00^04^00^00^SW3).
    [0x90, 'AA AA AA 96 69 00 04 00 00 90 94', 'ok'],
    [0x9f, 'AA AA AA 96 69 00 04 00 00 9F 9B', 'card_found'],
    [0x91, 'AA AA AA 96 69 00 04 00 00 91 95', 'no_content'],
    [0x80, 'AA AA AA 96 69 00 04 00 00 80 84', 'no_card'],
    [0x81, 'AA AA AA 96 69 00 04 00 00 81 85', 'select_failed'],
    [0x10, 'AA AA AA 96 69 00 04 00 00 10 14', 'checksum_error'],
    [0x11, 'AA AA AA 96 69 00 04 00 00 11 15', 'length_error'],
    [0x21, 'AA AA AA 96 69 00 04 00 00 21 25', 'command_error'],
    [0x23, 'AA AA AA 96 69 00 04 00 00 23 27', 'unauthorised'],
    [0x31, 'AA AA AA 96 69 00 04 00 00 31 35', 'auth_failed'],
    [0x32, 'AA AA AA 96 69 00 04 00 00 32 36', 'auth_failed'],
    [0x33, 'AA AA AA 96 69 00 04 00 00 33 37', 'verification_error'],
    [0x40, 'AA AA AA 96 69 00 04 00 00 40 44', 'unknown_card_type'],
    [0x41, 'AA AA AA 96 69 00 04 00 00 41 45', 'read_failed'],
    [0x60, 'AA AA AA 96 69 00 04 00 00 60 64', 'sam_self_test_failed'],
    [0x66, 'AA AA AA 96 69 00 04 00 00 66 62', 'sam_not_authorised'],
  ];
  it.each(golden)('SW3 %i → %s', (sw3, bytes, code) => {
    expect(toHex(encodeReply(sw3))).toBe(bytes);
    const frame = decodeFrame(hex(bytes));
    if (!frame.ok) throw new Error(frame.error.message);
    const reply = decodeReply(frame.value.payload);
    expect(reply).toMatchObject({ ok: true, value: { sw1: 0, sw2: 0, status: { sw3, code } } });
  });

  it('maps every SW3 code in the GA 467 table', () => {
    const expected: Record<number, string> = {
      0x90: 'ok',
      0x9f: 'card_found',
      0x91: 'no_content',
      0x80: 'no_card',
      0x81: 'select_failed',
      0x10: 'checksum_error',
      0x11: 'length_error',
      0x21: 'command_error',
      0x23: 'unauthorised',
      0x31: 'auth_failed',
      0x32: 'auth_failed',
      0x33: 'verification_error',
      0x40: 'unknown_card_type',
      0x41: 'read_failed',
      0x60: 'sam_self_test_failed',
      0x66: 'sam_not_authorised',
    };
    expect(Object.keys(SAM_STATUS).map(Number).sort()).toEqual(Object.keys(expected).map(Number).sort());
    for (const [sw3, code] of Object.entries(expected)) expect(samStatus(Number(sw3)).code).toBe(code);
    expect(samStatus(0x55)).toMatchObject({ code: 'unknown_status', message: 'unknown SW3 0x55' });
  });

  it('carries data after SW3 and sizes the frame from LEN', () => {
    const frame = encodeReply(0x90, hex('01 02 03'));
    expect(toHex(frame.subarray(5, 7))).toBe('00 07');
    const decodedFrame = decodeFrame(frame);
    if (!decodedFrame.ok) throw new Error('decode failed');
    expect(decodedFrame.value.size).toBe(frame.length);
    const reply = decodeReply(decodedFrame.value.payload);
    expect(reply.ok && toHex(reply.value.data)).toBe('01 02 03');
  });
});

describe('decodeFrame errors are typed, never thrown', () => {
  it('bad checksum', () => {
    expect(decodeFrame(hex('AA AA AA 96 69 00 03 20 01 23'))).toMatchObject({
      ok: false,
      error: { code: 'bad_checksum', offset: 9 },
    });
  });
  it('bad length (too small, too large)', () => {
    expect(decodeFrame(hex('AA AA AA 96 69 00 01 20'))).toMatchObject({ ok: false, error: { code: 'bad_length' } });
    expect(decodeFrame(hex('AA AA AA 96 69 FF FF 20'))).toMatchObject({ ok: false, error: { code: 'bad_length' } });
    expect(decodeFrame(encodeFrame(new Uint8Array(MAX_LEN)))).toMatchObject({
      ok: false,
      error: { code: 'bad_length' },
    });
  });
  it('truncated and bad preamble', () => {
    expect(decodeFrame(hex('AA AA AA 96 69 00 03 20'))).toMatchObject({ ok: false, error: { code: 'truncated' } });
    expect(decodeFrame(hex('AA AA'))).toMatchObject({ ok: false, error: { code: 'truncated' } });
    expect(decodeFrame(hex('AA AB AA 96 69 00 03 20 01 22'))).toMatchObject({
      ok: false,
      error: { code: 'bad_preamble', offset: 1 },
    });
  });
  it('reply and command payloads that are too short', () => {
    expect(decodeReply(hex('00 00'))).toMatchObject({ ok: false, error: { code: 'bad_length' } });
    expect(decodeCommand(hex('20'))).toMatchObject({ ok: false, error: { code: 'bad_length' } });
    expect(decodeCommand(hex('77 77'))).toMatchObject({ ok: true, value: { name: null } });
  });
});

describe('SamFrameReader', () => {
  it('reassembles a frame split at every position', () => {
    const frame = encodeReply(
      0x90,
      Uint8Array.from({ length: 40 }, (_, i) => i),
    );
    for (let cut = 1; cut < frame.length; cut++) {
      const reader = new SamFrameReader();
      expect(reader.push(frame.subarray(0, cut)).filter((e) => e.type === 'frame')).toEqual([]);
      const events = reader.push(frame.subarray(cut));
      expect(events).toHaveLength(1);
      expect(events[0].type).toBe('frame');
      expect(reader.pending).toBe(0);
    }
  });

  it('feeds byte by byte and yields back-to-back frames', () => {
    const reader = new SamFrameReader();
    const stream = [...encodeReply(0x9f), ...encodeReply(0x90), ...encodeCommand('findCard')];
    const events = stream.flatMap((b) => reader.push(Uint8Array.of(b)));
    expect(events.map((e) => e.type)).toEqual(['frame', 'frame', 'frame']);
  });

  it('reports garbage before a preamble and resyncs after a bad checksum', () => {
    const reader = new SamFrameReader();
    const bad = encodeReply(0x90);
    bad[bad.length - 1] ^= 0xff;
    const events = reader.push(Uint8Array.from([0x01, 0xaa, 0x02, ...bad, ...encodeReply(0x9f)]));
    expect(events.map((e) => e.type)).toEqual(['garbage', 'error', 'garbage', 'frame']);
    expect(events[1]).toMatchObject({ type: 'error', code: 'bad_checksum' });
    const last = events[3];
    expect(last.type === 'frame' && decodeReply(last.payload)).toMatchObject({
      ok: true,
      value: { status: { code: 'card_found' } },
    });
  });

  it('a corrupt LEN does not make it wait for bytes that never come', () => {
    const reader = new SamFrameReader();
    const events = reader.push(Uint8Array.from([...hex('AA AA AA 96 69 7F FF'), ...encodeReply(0x90)]));
    expect(events[0]).toMatchObject({ type: 'error', code: 'bad_length' });
    expect(events.at(-1)?.type).toBe('frame');
  });

  it('keeps a partial preamble at the end of a chunk', () => {
    const reader = new SamFrameReader();
    const frame = encodeReply(0x90);
    expect(reader.push(Uint8Array.from([0x00, 0xaa, 0xaa]))).toEqual([{ type: 'garbage', bytes: Uint8Array.of(0) }]);
    expect(reader.push(frame.subarray(2)).map((e) => e.type)).toEqual(['frame']);
  });
});
