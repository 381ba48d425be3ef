/**
 * The demo hall's signature pad: a simulated Wacom STU on a memory transport whose "customer"
 * writes a recorded signature and taps 确认 once a capture starts — so the devices page can be
 * tried (and end-to-end tested) without hardware. On command, the next capture is unplugged
 * mid-signature instead (the cable pulled after the first strokes), for the fault path.
 */
import { demoSignatureStrokes } from '../../devices/simulators/demo-signature';
import { SignaturePadSimulator } from '../../devices/simulators/signature-pad-simulator';
import { SignaturePad } from '../../devices/signature/signature-pad';
import { TransportReportLink } from '../../devices/signature/report-link';
import { createTransportPair } from '../../devices/transport/memory-transport';
import type { SignaturePadConnector } from './signature-service';

export interface SimulatedPad {
  connect: SignaturePadConnector;
  /** The next capture: the signer writes `afterStrokes` strokes, then the pad is unplugged. */
  unplugMidSignature(afterStrokes?: number): void;
}

export function simulatedPad(): SimulatedPad {
  let unplugAfter: number | null = null;
  const connect: SignaturePadConnector = async (options = {}) => {
    const [host, device] = createTransportPair();
    const sim = new SignaturePadSimulator(device, { kind: 'wacom-stu', timed: true });
    await sim.start();
    const pad = await SignaturePad.open(new TransportReportLink(host), sim.identity, { summary: options.summary });
    const cutAfter = unplugAfter;
    unplugAfter = null;
    const strokes = demoSignatureStrokes();
    if (cutAfter !== null) {
      // Pull the cable once the host has the strokes written so far (not while they are in flight).
      let seen = 0;
      const off = pad.on((event) => {
        if (event.type !== 'stroke' || ++seen < cutAfter) return;
        off();
        device.disconnect();
      });
    }
    // The caller subscribes as soon as open() resolves; the signer starts on a later turn.
    setImmediate(() => {
      const writing =
        cutAfter === null ? sim.play(strokes).then(() => sim.press('confirm')) : sim.play(strokes.slice(0, cutAfter));
      void writing.catch(() => undefined);
    });
    return pad;
  };
  return {
    connect,
    unplugMidSignature: (afterStrokes = 2) => {
      unplugAfter = afterStrokes;
    },
  };
}

export function simulatedSignaturePad(): SignaturePadConnector {
  return simulatedPad().connect;
}
