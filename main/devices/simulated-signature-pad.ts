/**
 * The demo hall's signature pad: a simulated Wacom STU on a memory transport whose "customer"
 * writes a recorded signature and taps 确认 once a capture starts — so the devices page can be
 * tried (and end-to-end tested) without hardware.
 */
import { demoSignatureStrokes } from '../../devices/simulators/demo-signature';
import { SignaturePadSimulator } from '../../devices/simulators/signature-pad-simulator';
import { SignaturePad } from '../../devices/signature/signature-pad';
import { TransportReportLink } from '../../devices/signature/report-link';
import { createTransportPair } from '../../devices/transport/memory-transport';
import type { SignaturePadConnector } from './signature-service';

export function simulatedSignaturePad(): SignaturePadConnector {
  return async (options = {}) => {
    const [host, device] = createTransportPair();
    const sim = new SignaturePadSimulator(device, { kind: 'wacom-stu', timed: true });
    await sim.start();
    const pad = await SignaturePad.open(new TransportReportLink(host), sim.identity, { summary: options.summary });
    // The caller subscribes as soon as open() resolves; the signer starts on a later turn.
    setImmediate(() => {
      void sim
        .play(demoSignatureStrokes())
        .then(() => sim.press('confirm'))
        .catch(() => undefined);
    });
    return pad;
  };
}
