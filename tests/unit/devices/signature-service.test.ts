/** The station's capture session over the simulated pads: outcomes, SVG/PNG, unplug, busy, no pad. */
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { PadSummarySchema, SignatureCaptureSchema } from '@common/domain/signature';
import { monoGet } from '../../../devices/signature/stu-screen';
import { AppFailure } from '@common/result';
import { simulatedSignaturePad } from '../../../main/devices/simulated-signature-pad';
import { SignatureService, type SignaturePadConnector } from '../../../main/devices/signature-service';
import { demoSignatureStrokes } from '../../../devices/simulators/demo-signature';
import { SignaturePadSimulator, type SimulatedPadKind } from '../../../devices/simulators/signature-pad-simulator';
import { SignaturePad } from '../../../devices/signature/signature-pad';
import { TransportReportLink } from '../../../devices/signature/report-link';
import { createTransportPair } from '../../../devices/transport/memory-transport';

/** A connector whose simulated customer does `act` once the capture has subscribed. */
function connector(kind: SimulatedPadKind, act: (sim: SignaturePadSimulator) => Promise<void>): SignaturePadConnector {
  return async () => {
    const [host, device] = createTransportPair({ chunkSize: 16 });
    const sim = new SignaturePadSimulator(device, { kind });
    await sim.start();
    const pad = await SignaturePad.open(new TransportReportLink(host), sim.identity);
    setImmediate(() => void act(sim));
    return pad;
  };
}

describe('SignatureService', () => {
  it('the demo pad: strokes streamed live, confirmed on the pad, SVG and a decodable PNG with ink, audited', async () => {
    const live: number[] = [];
    const audits: unknown[] = [];
    const service = new SignatureService({
      connect: simulatedSignaturePad(),
      onStroke: (s) => live.push(s.length),
      audit: async (...a) => void audits.push(a),
    });
    const result = await service.capture({ timeoutMs: 10_000 }, 'staff-1');
    expect(SignatureCaptureSchema.safeParse(result).success).toBe(true);
    expect(result.outcome).toBe('confirmed');
    expect(result.pad).toMatchObject({ source: 'wacom-stu', model: expect.stringContaining('STU-430') });
    const expected = demoSignatureStrokes();
    expect(result.signature.strokes.map((s) => s.length)).toEqual(expected.map((s) => s.length));
    expect(live).toEqual(expected.map((s) => s.length));
    expect(result.svg.match(/class="stroke"/g)).toHaveLength(3);
    const png = PNG.sync.read(Buffer.from(result.pngBase64, 'base64'));
    expect(png.width).toBe(600);
    const p = expected[2][30];
    const at = (Math.round(p.y * png.height) * png.width + Math.round(p.x * png.width)) * 4;
    expect(png.data[at]).toBeLessThan(128);
    expect(audits).toEqual([
      ['staff-1', 'devices.captureSignature', { outcome: 'confirmed', pad: result.pad.model, strokes: 3 }],
    ]);
  });

  it('the summary strip the renderer drew is on the STU screen above the signing box; a wrong-size bitmap is refused', async () => {
    let sim!: SignaturePadSimulator;
    const service = new SignatureService({
      connect: async (options) => {
        const [host, device] = createTransportPair();
        sim = new SignaturePadSimulator(device, { kind: 'wacom-stu' });
        await sim.start();
        const pad = await SignaturePad.open(new TransportReportLink(host), sim.identity, options);
        setImmediate(() => void sim.press('confirm'));
        return pad;
      },
    });
    // A 16×8 summary: a solid 8×8 block at the left, nothing at the right.
    const bits = new Uint8Array(16).map((_, i) => (i % 2 === 0 ? 0xff : 0x00));
    const summary = { width: 16, height: 8, bitsBase64: Buffer.from(bits).toString('base64') };
    expect(PadSummarySchema.safeParse(summary).success).toBe(true);
    await service.capture({ timeoutMs: 5000, summary });
    const screen = { width: 320, height: 200, bits: sim.images[0] };
    expect(monoGet(screen, 3, 3)).toBe(true);
    expect(monoGet(screen, 12, 3)).toBe(false);
    expect(PadSummarySchema.safeParse({ ...summary, height: 9 }).success).toBe(false);
  });

  it('a pad without buttons ends after the pen rests; cancel on the STU is its own outcome', async () => {
    const hanvon = new SignatureService({
      connect: connector('hanvon', (sim) => sim.play(demoSignatureStrokes().slice(0, 1))),
      idleMs: 50,
    });
    const done = await hanvon.capture({ timeoutMs: 10_000 });
    expect(done).toMatchObject({ outcome: 'confirmed', pad: { source: 'hanvon' } });
    expect(done.signature.strokes).toHaveLength(1);
    const stu = new SignatureService({ connect: connector('wacom-stu', (sim) => sim.press('cancel')) });
    expect(await stu.capture({ timeoutMs: 10_000 })).toMatchObject({
      outcome: 'cancelled',
      signature: { strokes: [] },
    });
  });

  it('unplugged mid-signature: outcome pad_disconnected with the strokes so far, and a message offering the touchscreen', async () => {
    const service = new SignatureService({
      connect: connector('hid-digitizer', (sim) => sim.play(demoSignatureStrokes(), { disconnectAfterReports: 160 })),
    });
    const result = await service.capture({ timeoutMs: 10_000 });
    expect(result.outcome).toBe('pad_disconnected');
    expect(result.signature.strokes.map((s) => s.length)).toEqual([140, 17]);
    expect(result.message).toContain('触摸屏');
    expect(result.svg.match(/class="stroke"/g)).toHaveLength(2);
    // The devices page's pad slot names the pad and shows why it is no longer connected.
    expect(service.slot()).toMatchObject({ connected: false, lastError: expect.stringContaining('触摸屏') });
  });

  it('times out when nobody confirms; one capture at a time; no pad or a dead pad is a device_error', async () => {
    let release!: () => void;
    const slow = new SignatureService({
      connect: connector('wacom-stu', () => new Promise<void>((r) => (release = r))),
    });
    const first = slow.capture({ timeoutMs: 100 });
    await expect(slow.capture({ timeoutMs: 100 })).rejects.toMatchObject({ code: 'conflict' });
    expect(await first).toMatchObject({ outcome: 'timeout', signature: { strokes: [] } });
    release();
    await expect(new SignatureService({ connect: null }).capture({ timeoutMs: 1000 })).rejects.toBeInstanceOf(
      AppFailure,
    );
    const dead = new SignatureService({
      connect: async () => {
        const [host] = createTransportPair();
        return SignaturePad.open(new TransportReportLink(host, 30), { vendorId: 0x056a, productId: 1 });
      },
    });
    await expect(dead.capture({ timeoutMs: 1000 })).rejects.toMatchObject({
      code: 'device_error',
      message: expect.stringContaining('签名板无法打开'),
    });
    expect(dead.slot()).toMatchObject({ connected: false, lastError: expect.stringContaining('签名板无法打开') });
    expect(new SignatureService({ connect: null }).slot()).toMatchObject({
      connected: false,
      name: expect.stringContaining('触摸屏'),
    });
    expect(slow.slot()).toMatchObject({ connected: true, lastError: null });
  });
});
