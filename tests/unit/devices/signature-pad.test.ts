/**
 * The signature pad driver against the simulators through the memory transport: the real report
 * bytes in envelopes, fragmented, for a Wacom STU, a Hanvon ESP370U and a generic HID digitizer.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { SignatureStroke } from '@common/domain/signature';
import {
  SignaturePadSimulator,
  STU_430,
  type SimulatedPadKind,
} from '../../../devices/simulators/signature-pad-simulator';
import { TOUCH_SCREEN_DESCRIPTOR } from '../../../devices/simulators/hid-descriptors';
import { SignaturePad, padSourceFor, type SignaturePadEvent } from '../../../devices/signature/signature-pad';
import { TransportReportLink } from '../../../devices/signature/report-link';
import { monoGet, stuLayout } from '../../../devices/signature/stu-screen';
import { createTransportPair } from '../../../devices/transport/memory-transport';
import { DeviceError } from '../../../devices/transport/transport';
import { nextEvent } from './helpers';

/** A recorded-looking signature: a wave and a short underline. */
const RECORDED: SignatureStroke[] = [
  Array.from({ length: 30 }, (_, i) => ({
    x: 0.1 + i * 0.02,
    y: 0.4 + 0.1 * Math.sin(i / 3),
    pressure: 0.3 + 0.5 * Math.sin((i / 29) * Math.PI),
    t: i * 8,
  })),
  Array.from({ length: 10 }, (_, i) => ({ x: 0.2 + i * 0.04, y: 0.6, pressure: 0.6, t: 400 + i * 8 })),
];

const open: SignaturePad[] = [];
afterEach(async () => {
  for (const pad of open.splice(0)) await pad.close();
});

async function connect(
  kind: SimulatedPadKind,
  extra: Partial<ConstructorParameters<typeof SignaturePadSimulator>[1]> = {},
) {
  const [host, device] = createTransportPair({ chunkSize: 5 });
  const sim = new SignaturePadSimulator(device, { kind, ...extra });
  await sim.start();
  const pad = await SignaturePad.open(new TransportReportLink(host, 300), sim.identity);
  open.push(pad);
  const events: SignaturePadEvent[] = [];
  pad.on((e) => events.push(e));
  return { pad, sim, events, host };
}

const strokesDone = (pad: SignaturePad, n: number): Promise<unknown> => {
  let seen = 0;
  return nextEvent(pad.on.bind(pad), (e) => e.type === 'stroke' && ++seen === n);
};

/** Resolves once the simulator has handled `n` Hanvon commands. */
async function untilCommands(sim: SignaturePadSimulator, n: number): Promise<void> {
  if (sim.hanvonCommands.length >= n) return;
  await nextEvent(sim.onReceived.bind(sim), () => sim.hanvonCommands.length >= n);
}

function expectClose(actual: SignatureStroke[], expected: SignatureStroke[], tolerance: number): void {
  expect(actual.length).toBe(expected.length);
  actual.forEach((stroke, s) => {
    expect(stroke.length).toBe(expected[s].length);
    stroke.forEach((p, i) => {
      expect(Math.abs(p.x - expected[s][i].x)).toBeLessThan(tolerance);
      expect(Math.abs(p.y - expected[s][i].y)).toBeLessThan(tolerance);
      expect(Math.abs(p.pressure - expected[s][i].pressure)).toBeLessThan(0.01);
    });
  });
}

describe('signature pad identification', () => {
  it('056A → Wacom, 0B57:8420 → Hanvon, a digitizer descriptor → generic, anything else → unsupported_device', () => {
    expect(padSourceFor({ vendorId: 0x056a, productId: 0x00a8 })).toBe('wacom-stu');
    expect(padSourceFor({ vendorId: 0x0b57, productId: 0x8420 })).toBe('hanvon');
    expect(padSourceFor({ vendorId: 0x1234, productId: 1, reportDescriptor: TOUCH_SCREEN_DESCRIPTOR })).toBe(
      'hid-digitizer',
    );
    const other = padSourceFor({ vendorId: 0x0b57, productId: 0x1111 });
    expect(other).toBeInstanceOf(DeviceError);
    expect((other as DeviceError).code).toBe('unsupported_device');
    expect(
      (padSourceFor({ vendorId: 1, productId: 2, reportDescriptor: Uint8Array.of(0xc0) }) as DeviceError).code,
    ).toBe('unsupported_device');
  });
});

describe('Wacom STU over the simulator', () => {
  it('reads capability and information, uploads the screen with three buttons, turns inking on', async () => {
    const { pad, sim } = await connect('wacom-stu');
    expect(pad.info).toMatchObject({
      source: 'wacom-stu',
      model: 'Wacom STU-430 (fw 1.7)',
      aspect: 1.6,
      hasButtons: true,
      range: { maxX: 9600, maxY: 6000 },
    });
    expect(sim.received.filter((r) => r.kind === 'getFeature').map((r) => r.report[0])).toEqual([0x09, 0x08, 0x03]);
    expect(sim.images).toHaveLength(1);
    expect(sim.images[0].length).toBe((320 / 8) * 200);
    expect(sim.inking).toBe(true);
    // The uploaded bitmap has the button frames where the hit-test areas are.
    const img = { width: 320, height: 200, bits: sim.images[0] };
    const layout = stuLayout({ width: 320, height: 200 });
    for (const r of Object.values(layout.buttons)) {
      expect(monoGet(img, r.x + 5, r.y)).toBe(true);
      expect(monoGet(img, r.x + 5, r.y + 5)).toBe(false);
    }
  });

  it('recorded strokes come back as the same normalised strokes', async () => {
    const { pad, sim, events } = await connect('wacom-stu');
    const done = strokesDone(pad, 2);
    await sim.play(RECORDED);
    await done;
    expectClose(pad.strokes(), RECORDED, 1 / 4000);
    expect(events.filter((e) => e.type === 'pen-down')).toHaveLength(2);
    expect(events.some((e) => e.type === 'pen' && e.pen.tip === false && e.pen.inRange)).toBe(true);
  });

  it('timed pen data (0x34) uses the device clock for t', async () => {
    const { pad, sim } = await connect('wacom-stu', { timed: true, sampleIntervalMs: 7 });
    const done = strokesDone(pad, 1);
    await sim.play([RECORDED[1]]);
    await done;
    expect(pad.strokes()[0].map((p) => p.t)).toEqual(Array.from({ length: 10 }, (_, i) => i * 7));
  });

  it('pen-ups on the on-screen buttons are confirm / clear (re-sign) / cancel, not ink', async () => {
    const { pad, sim } = await connect('wacom-stu');
    const drawn = strokesDone(pad, 1);
    await sim.play([RECORDED[0]]);
    await drawn;
    const cleared = nextEvent(pad.on.bind(pad), (e) => e.type === 'clear');
    const imagesBefore = sim.images.length;
    await sim.press('clear');
    await cleared;
    expect(pad.strokes()).toEqual([]);
    const drawnAgain = strokesDone(pad, 1);
    await sim.play([RECORDED[1]]);
    await drawnAgain;
    const confirmed = nextEvent(pad.on.bind(pad), (e) => e.type === 'confirm');
    await sim.press('confirm');
    await confirmed;
    expect(pad.strokes()).toHaveLength(1);
    expect(sim.images.length).toBe(imagesBefore + 1); // the screen was redrawn on re-sign
    const cancelled = nextEvent(pad.on.bind(pad), (e) => e.type === 'cancel');
    await sim.press('cancel');
    await cancelled;
  });

  it('disconnect mid-signature: a typed pad_disconnected error that carries every stroke so far', async () => {
    const { pad, sim } = await connect('wacom-stu');
    const failed = nextEvent(pad.on.bind(pad), (e) => e.type === 'error');
    // First stroke: 1 hover + 30 contact + 1 lift = 32 reports; drop 5 points into the second.
    await sim.play(RECORDED, { disconnectAfterReports: 32 + 6 });
    const event = (await failed) as Extract<SignaturePadEvent, { type: 'error' }>;
    expect(event.error.code).toBe('pad_disconnected');
    expect(event.strokes).toHaveLength(2);
    expect(event.strokes[0]).toHaveLength(30);
    expect(event.strokes[1]).toHaveLength(5);
    expect(pad.strokes()).toEqual(event.strokes);
    expect(pad.connected).toBe(false);
    await expect(pad.clear()).resolves.toBeUndefined();
  });

  it('a pad that never answers its feature reports fails open with a timeout and closes the link', async () => {
    const [host, device] = createTransportPair();
    await device.open();
    const link = new TransportReportLink(host, 50);
    await expect(SignaturePad.open(link, { vendorId: 0x056a, productId: 0xa5 })).rejects.toMatchObject({
      code: 'timeout',
    });
    expect(host.isOpen).toBe(false);
  });
});

describe('Hanvon ESP370U over the simulator', () => {
  it('sends init and open, decodes pen reports, re-signs with 33 70 and closes with 22 70', async () => {
    const { pad, sim, host } = await connect('hanvon');
    await untilCommands(sim, 2);
    expect(sim.hanvonCommands).toEqual(['init', 'open']);
    const done = strokesDone(pad, 2);
    await sim.play(RECORDED);
    await done;
    expectClose(pad.strokes(), RECORDED, 1 / 0x1800);
    await pad.clear();
    expect(pad.strokes()).toEqual([]);
    await untilCommands(sim, 3);
    // close() hangs the link up right after 22 70, so read it from what the host wrote.
    const written: Uint8Array[] = [];
    const write = host.write.bind(host);
    host.write = (bytes) => {
      written.push(bytes.slice());
      return write(bytes);
    };
    await pad.close();
    expect(sim.hanvonCommands).toEqual(['init', 'open', 'resign']);
    expect(written.map((w) => Array.from(w))).toEqual([[0x01, 0x03, 0x00, 0x05, 0x22, 0x70]]);
  });

  it('keeps strokes when unplugged mid-stroke', async () => {
    const { pad, sim } = await connect('hanvon');
    const failed = nextEvent(pad.on.bind(pad), (e) => e.type === 'error');
    await sim.play(RECORDED, { disconnectAfterReports: 12 });
    const event = (await failed) as Extract<SignaturePadEvent, { type: 'error' }>;
    expect(event.error.code).toBe('pad_disconnected');
    expect(event.strokes).toEqual([expect.any(Array)]);
    expect(event.strokes[0]).toHaveLength(11);
  });
});

describe('generic HID digitizer over the simulator', () => {
  it('decodes the pen tablet descriptor and its reports; aspect from the physical extents', async () => {
    const { pad, sim } = await connect('hid-digitizer');
    expect(pad.info).toMatchObject({ source: 'hid-digitizer', aspect: 1.6, hasButtons: false });
    const done = strokesDone(pad, 2);
    await sim.play(RECORDED);
    await done;
    expectClose(pad.strokes(), RECORDED, 1 / 4000);
    expect(pad.signature()).toMatchObject({ source: 'hid-digitizer', aspect: 1.6 });
  });

  it('a touch screen without pressure still yields strokes (pressure 0.5, the model value for no pressure)', async () => {
    const { pad, sim } = await connect('hid-digitizer', { descriptor: TOUCH_SCREEN_DESCRIPTOR });
    const done = strokesDone(pad, 1);
    await sim.play([RECORDED[0]]);
    await done;
    expect(pad.strokes()[0]).toHaveLength(30);
    expect(pad.strokes()[0].every((p) => p.pressure === 0.5)).toBe(true);
  });
});

it('the STU capability used by the simulator is an STU-430', () => {
  expect(STU_430.screenWidth / STU_430.screenHeight).toBe(1.6);
});
