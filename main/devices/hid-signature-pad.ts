/**
 * The station's real signature pad: the first Wacom STU, Hanvon ESP370U or HID digitizer that
 * hidapi lists, opened fresh for each capture (a pad replugged between customers just works).
 */
import { listHidDevices, type HidBackend } from '../../devices/transport/hid-transport';
import { HidReportLink, nodeHidPadOpener, pickSignaturePad, readHidrawReportDescriptor, type HidPadOpener } from '../../devices/signature/hid-report-link';
import { SignaturePad } from '../../devices/signature/signature-pad';
import { DeviceError } from '../../devices/transport/transport';
import type { SignaturePadConnector } from './signature-service';

export function hidSignaturePad(o: { backend?: HidBackend; opener?: HidPadOpener; sysfsRoot?: string } = {}): SignaturePadConnector {
  return async (options = {}) => {
    const pad = pickSignaturePad(await listHidDevices(o.backend));
    if (!pad) throw new DeviceError('open_failed', '未找到签名板 (no signature pad attached)');
    const reportDescriptor = (await readHidrawReportDescriptor(pad.path, o.sysfsRoot)) ?? undefined;
    return SignaturePad.open(new HidReportLink(pad.path, o.opener ?? nodeHidPadOpener), { ...pad.identity, reportDescriptor }, { summary: options.summary });
  };
}
