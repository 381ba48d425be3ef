/**
 * The station's real signature pad: the first Wacom STU, Hanvon ESP370U or HID digitizer that
 * hidapi lists — or, when devices.json has a signature-pad rule, the first HID device that rule
 * matches — opened fresh for each capture (a pad replugged between customers just works).
 */
import { listHidDevices, type HidBackend, type HidDeviceInfo } from '../../devices/transport/hid-transport';
import {
  HidReportLink,
  nodeHidPadOpener,
  pickSignaturePad,
  readHidrawReportDescriptor,
  type HidPadOpener,
} from '../../devices/signature/hid-report-link';
import { SignaturePad } from '../../devices/signature/signature-pad';
import { DeviceError } from '../../devices/transport/transport';
import type { SignaturePadConnector } from './signature-service';

/** The HID part of a devices.json rule's match. */
export interface PadMatch {
  vendorId?: number;
  productId?: number;
  path?: string;
}

const matchesRule = (d: HidDeviceInfo, m: PadMatch): boolean =>
  (m.vendorId === undefined || Number.parseInt(d.vendorId, 16) === m.vendorId) &&
  (m.productId === undefined || Number.parseInt(d.productId, 16) === m.productId) &&
  (m.path === undefined || d.path === m.path);

export function hidSignaturePad(
  o: { backend?: HidBackend; opener?: HidPadOpener; sysfsRoot?: string; match?: PadMatch } = {},
): SignaturePadConnector {
  return async (options = {}) => {
    const all = await listHidDevices(o.backend);
    // A configured rule picks the device; the pad kind still comes from its ids or descriptor.
    const candidates = o.match ? all.filter((d) => matchesRule(d, o.match!)) : all;
    const pad =
      pickSignaturePad(candidates) ??
      (o.match && candidates[0]?.path
        ? {
            ...candidates[0],
            path: candidates[0].path,
            identity: {
              vendorId: Number.parseInt(candidates[0].vendorId, 16),
              productId: Number.parseInt(candidates[0].productId, 16),
            },
          }
        : null);
    if (!pad)
      throw new DeviceError(
        'open_failed',
        o.match
          ? '未找到配置的签名板 (the configured signature pad is not attached)'
          : '未找到签名板 (no signature pad attached)',
      );
    const reportDescriptor = (await readHidrawReportDescriptor(pad.path, o.sysfsRoot)) ?? undefined;
    return SignaturePad.open(
      new HidReportLink(pad.path, o.opener ?? nodeHidPadOpener),
      { ...pad.identity, reportDescriptor },
      { summary: options.summary },
    );
  };
}
