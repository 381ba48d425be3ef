/**
 * Signature pad driver over a ReportLink: picks the protocol by vendor/product (056A → Wacom STU,
 * 0B57:8420 → Hanvon ESP370U, a descriptor with digitizer tip switch + X/Y → generic), turns input
 * reports into pen samples and strokes, and emits pen / pen-down / stroke / confirm / clear /
 * cancel / error events. If the link drops mid-signature it emits DeviceError('pad_disconnected')
 * together with every stroke so far (the open one included): the caller can continue on the
 * touchscreen without the customer losing what they wrote.
 */
import type { Signature, SignatureSource, SignatureStroke } from '@common/domain/signature';
import { DeviceError, Emitter, toDeviceError, type Unsubscribe } from '../transport/transport';
import { decodeDigitizerReport, findDigitizerLayout, type DigitizerLayout } from './generic-digitizer';
import {
  decodeHanvonReport,
  encodeHanvonCommand,
  HANVON_ESP370U_PRODUCT_ID,
  HANVON_RANGE,
  HANVON_VENDOR_ID,
} from './hanvon-esp370u';
import { parseReportDescriptor } from './hid-report-descriptor';
import type { ReportLink } from './report-link';
import {
  hitTestButton,
  renderStuScreen,
  stuLayout,
  type MonoImage,
  type PadButton,
  type StuLayout,
} from './stu-screen';
import { StrokeBuilder, type PadRange, type PenSample } from './stroke-builder';
import {
  decodeStuCapability,
  decodeStuInformation,
  decodeStuPenData,
  decodeStuStatus,
  encodeStuClearScreen,
  encodeStuImageUpload,
  encodeStuInkingMode,
  STU_REPORT,
  WACOM_VENDOR_ID,
  type StuCapability,
} from './wacom-stu';

export interface PadIdentity {
  vendorId: number;
  productId: number;
  /** Needed for generic digitizers (on Linux, report_descriptor under /sys/class/hidraw/<node>/device). */
  reportDescriptor?: Uint8Array;
}

export interface PadInfo {
  source: Exclude<SignatureSource, 'touchscreen'>;
  model: string;
  range: PadRange;
  aspect: number;
  /** Wacom STU: the LCD, with its on-screen buttons. */
  screen: { width: number; height: number } | null;
  hasButtons: boolean;
}

export interface NormalisedPen {
  x: number;
  y: number;
  pressure: number;
  tip: boolean;
  inRange: boolean;
}

export type SignaturePadEvent =
  | { type: 'pen'; pen: NormalisedPen }
  | { type: 'pen-down' }
  | { type: 'stroke'; stroke: SignatureStroke }
  | { type: 'confirm' }
  | { type: 'clear' }
  | { type: 'cancel' }
  | { type: 'error'; error: DeviceError; strokes: SignatureStroke[] };

export interface SignaturePadOptions {
  /** Text strip on the STU's LCD (1-bit, any size; clipped to the summary area). */
  summary?: MonoImage;
  now?: () => number;
}

const hex4 = (n: number): string => n.toString(16).padStart(4, '0').toUpperCase();

export function padSourceFor(identity: PadIdentity): PadInfo['source'] | DeviceError {
  if (identity.vendorId === WACOM_VENDOR_ID) return 'wacom-stu';
  if (identity.vendorId === HANVON_VENDOR_ID && identity.productId === HANVON_ESP370U_PRODUCT_ID) return 'hanvon';
  if (identity.reportDescriptor) {
    const parsed = parseReportDescriptor(identity.reportDescriptor);
    if (!parsed.ok)
      return new DeviceError(
        'unsupported_device',
        `${hex4(identity.vendorId)}:${hex4(identity.productId)}: report descriptor ${parsed.error.code}: ${parsed.error.message}`,
      );
    if (findDigitizerLayout(parsed.value).ok) return 'hid-digitizer';
  }
  if (!identity.reportDescriptor)
    // Linux reads a pad's report descriptor from sysfs; node-hid exposes none, so on Windows only
    // the pads known by their USB ids (Wacom STU, Hanvon ESP370U) can be driven.
    return new DeviceError(
      'unsupported_device',
      `${hex4(identity.vendorId)}:${hex4(identity.productId)}: 未知型号的签名板，且本系统无法读取其 HID 报告描述符 (unknown pad, and this system does not expose its HID report descriptor; on Windows use a Wacom STU or Hanvon ESP370U pad)`,
    );
  return new DeviceError(
    'unsupported_device',
    `${hex4(identity.vendorId)}:${hex4(identity.productId)} is not a known signature pad and has no digitizer report descriptor`,
  );
}

interface Protocol {
  info: PadInfo;
  decode(report: Uint8Array): PenSample | null;
  clear(): Promise<void>;
  shutdown(): Promise<void>;
  layout?: StuLayout;
  capability?: StuCapability;
}

async function openWacom(link: ReportLink, options: SignaturePadOptions): Promise<Protocol> {
  const cap = decodeStuCapability(await link.getFeature(STU_REPORT.capability, 11));
  if (!cap.ok) throw new DeviceError('protocol', `STU capability: ${cap.error.message}`);
  const info = decodeStuInformation(await link.getFeature(STU_REPORT.information, 10));
  if (!info.ok) throw new DeviceError('protocol', `STU information: ${info.error.message}`);
  const c = cap.value;
  const layout = stuLayout({ width: c.screenWidth, height: c.screenHeight });
  const showScreen = async (): Promise<void> => {
    await link.setFeature(encodeStuClearScreen());
    for (const report of encodeStuImageUpload(renderStuScreen(layout, options.summary).bits))
      await link.setFeature(report);
    await link.setFeature(encodeStuInkingMode(true));
    // The STU queues feature reports; a status read returns once it has worked through them.
    const status = decodeStuStatus(await link.getFeature(STU_REPORT.status, 5));
    if (!status.ok) throw new DeviceError('protocol', `STU status: ${status.error.message}`);
  };
  await showScreen();
  return {
    info: {
      source: 'wacom-stu',
      model: `Wacom ${info.value.modelName} (fw ${info.value.firmwareMajor}.${info.value.firmwareMinor})`,
      range: { maxX: c.maxX, maxY: c.maxY, maxPressure: c.maxPressure },
      aspect: c.screenWidth / c.screenHeight,
      screen: { width: c.screenWidth, height: c.screenHeight },
      hasButtons: true,
    },
    layout,
    capability: c,
    decode: (report) => {
      if (report[0] !== STU_REPORT.penData && report[0] !== STU_REPORT.penDataTimed) return null;
      const pen = decodeStuPenData(report);
      return pen.ok ? pen.value : null;
    },
    clear: showScreen,
    shutdown: async () => {
      await link.setFeature(encodeStuInkingMode(false));
      await link.setFeature(encodeStuClearScreen());
    },
  };
}

async function openHanvon(link: ReportLink): Promise<Protocol> {
  await link.output(encodeHanvonCommand('init'));
  await link.output(encodeHanvonCommand('open'));
  return {
    info: {
      source: 'hanvon',
      model: 'Hanvon ESP370U',
      range: HANVON_RANGE,
      aspect: HANVON_RANGE.maxX / HANVON_RANGE.maxY,
      screen: null,
      hasButtons: false,
    },
    decode: (report) => {
      const pen = decodeHanvonReport(report);
      return pen.ok ? pen.value : null;
    },
    clear: () => link.output(encodeHanvonCommand('resign')),
    shutdown: () => link.output(encodeHanvonCommand('close')),
  };
}

function openGeneric(identity: PadIdentity): Protocol {
  const parsed = parseReportDescriptor(identity.reportDescriptor ?? new Uint8Array(0));
  if (!parsed.ok) throw new DeviceError('unsupported_device', parsed.error.message);
  const found = findDigitizerLayout(parsed.value);
  if (!found.ok) throw new DeviceError('unsupported_device', found.error.message);
  const layout: DigitizerLayout = found.value;
  const fx = parsed.value.fields.find(
    (f) =>
      f.reportType === 'input' && f.reportId === layout.reportId && f.usages.some((u) => u.page === 1 && u.id === 0x30),
  );
  const fy = parsed.value.fields.find(
    (f) =>
      f.reportType === 'input' && f.reportId === layout.reportId && f.usages.some((u) => u.page === 1 && u.id === 0x31),
  );
  const physW = fx ? fx.physicalMax - fx.physicalMin : 0;
  const physH = fy ? fy.physicalMax - fy.physicalMin : 0;
  const aspect = physW > 0 && physH > 0 ? physW / physH : layout.range.maxX / layout.range.maxY;
  return {
    info: {
      source: 'hid-digitizer',
      model: `HID digitizer ${hex4(identity.vendorId)}:${hex4(identity.productId)}`,
      range: layout.range,
      aspect: Math.min(10, Math.max(0.1, aspect)),
      screen: null,
      hasButtons: false,
    },
    decode: (report) => {
      const pen = decodeDigitizerReport(layout, report);
      return pen.ok ? pen.value : null;
    },
    clear: async () => undefined,
    shutdown: async () => undefined,
  };
}

export class SignaturePad {
  private readonly events = new Emitter<SignaturePadEvent>();
  private readonly builder: StrokeBuilder;
  private closing = false;
  private lost = false;
  private offs: Unsubscribe[] = [];
  /** A pen-down that started on an STU button: it is a press, not ink. */
  private pressStart: PadButton | null = null;
  private lastPen: PenSample | null = null;

  private constructor(
    private readonly link: ReportLink,
    private readonly protocol: Protocol,
    now?: () => number,
  ) {
    this.builder = new StrokeBuilder(protocol.info.range, now);
    this.offs.push(link.onInput((report) => this.onReport(report)));
    this.offs.push(link.onClose((error) => this.onLinkClosed(error)));
  }

  /** Opens the link and initialises the pad. Rejects DeviceError('unsupported_device' | 'protocol' | 'timeout' | …). */
  static async open(link: ReportLink, identity: PadIdentity, options: SignaturePadOptions = {}): Promise<SignaturePad> {
    const source = padSourceFor(identity);
    if (source instanceof DeviceError) throw source;
    try {
      await link.open();
      const protocol =
        source === 'wacom-stu'
          ? await openWacom(link, options)
          : source === 'hanvon'
            ? await openHanvon(link)
            : openGeneric(identity);
      return new SignaturePad(link, protocol, options.now);
    } catch (error) {
      await link.close();
      throw toDeviceError(error, 'protocol');
    }
  }

  get info(): PadInfo {
    return this.protocol.info;
  }

  get connected(): boolean {
    return !this.lost && this.link.isOpen;
  }

  on(listener: (event: SignaturePadEvent) => void): Unsubscribe {
    return this.events.on(listener);
  }

  /** Everything written so far, the stroke in progress included. */
  strokes(): SignatureStroke[] {
    return this.builder.snapshot();
  }

  signature(): Signature {
    return { source: this.protocol.info.source, aspect: this.protocol.info.aspect, strokes: this.strokes() };
  }

  /** 重签: forget the strokes and reset the pad's screen. */
  async clear(): Promise<void> {
    this.builder.clear();
    this.pressStart = null;
    if (this.connected) await this.protocol.clear();
  }

  async close(): Promise<void> {
    if (this.closing) return;
    this.closing = true;
    if (this.connected) await this.protocol.shutdown().catch(() => undefined);
    for (const off of this.offs) off();
    await this.link.close();
  }

  private onReport(report: Uint8Array): void {
    const pen = this.protocol.decode(report);
    if (!pen) return;
    const { maxX, maxY, maxPressure } = this.protocol.info.range;
    this.events.emit({
      type: 'pen',
      pen: {
        x: Math.min(1, pen.x / maxX),
        y: Math.min(1, pen.y / maxY),
        pressure: maxPressure ? Math.min(1, pen.pressure / maxPressure) : 0.5,
        tip: pen.tip,
        inRange: pen.inRange,
      },
    });
    const { layout, capability } = this.protocol;
    if (layout && capability) {
      const touching = pen.tip && pen.inRange;
      const wasTouching = this.lastPen !== null && this.lastPen.tip && this.lastPen.inRange;
      if (touching && !wasTouching) this.pressStart = hitTestButton(layout, capability, pen.x, pen.y);
      if (this.pressStart) {
        if (!touching) {
          // Pen-up: a press counts where it ends on the button it started on.
          const at = this.lastPen ? hitTestButton(layout, capability, this.lastPen.x, this.lastPen.y) : null;
          const button = this.pressStart;
          this.pressStart = null;
          this.lastPen = pen;
          if (at === button) this.onButton(button);
          return;
        }
        this.lastPen = pen;
        return;
      }
    }
    this.lastPen = pen;
    for (const event of this.builder.push(pen))
      this.events.emit(event.type === 'pen-down' ? { type: 'pen-down' } : event);
  }

  private onButton(button: PadButton): void {
    if (button === 'clear') {
      void this.clear().catch((error: unknown) =>
        this.events.emit({ type: 'error', error: toDeviceError(error, 'write_failed'), strokes: this.strokes() }),
      );
    }
    this.events.emit({ type: button });
  }

  private onLinkClosed(error?: DeviceError): void {
    if (this.closing || this.lost) return;
    this.lost = true;
    const strokes = this.strokes();
    this.events.emit({
      type: 'error',
      error: new DeviceError(
        'pad_disconnected',
        `signature pad lost${error ? `: ${error.message}` : ''}; ${strokes.length} stroke(s) kept`,
        { cause: error },
      ),
      strokes,
    });
  }
}
