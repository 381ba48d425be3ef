/** devices/ public surface: transports, the ESC/POS codec, the receipt printer driver, the ID card reader, and their simulators. */
export { DeviceError, isDeviceError, toDeviceError, readUntil, Emitter } from './transport/transport';
export type { DeviceErrorCode, Transport, Unsubscribe } from './transport/transport';
export { TcpTransport } from './transport/tcp-transport';
export type { TcpTransportOptions } from './transport/tcp-transport';
export { createTransportPair } from './transport/memory-transport';
export type { MemoryTransport, TransportPairOptions } from './transport/memory-transport';
export { StreamTransport } from './transport/stream-transport';
export type { StreamTransportHooks } from './transport/stream-transport';
export { SerialTransport, listSerialPorts, serialOpenError } from './transport/serial-transport';
export type { SerialPortInfo, SerialTransportOptions } from './transport/serial-transport';
export { HidTransport, fixedSizeReports, hidError, listHidDevices, nodeHidBackend } from './transport/hid-transport';
export type {
  HidBackend,
  HidDeviceInfo,
  HidHandle,
  HidReportCodec,
  HidTransportOptions,
} from './transport/hid-transport';
export type { CodecError, CodecResult } from './codec-result';

export { EscPosEncoder, EscPosEncodeError, escpos } from './printer/escpos-encoder';
export type { Align, CutMode, HriPosition, MonoBitmap, QrErrorLevel } from './printer/escpos-encoder';
export { decodeEscPos, scanEscPosCommand } from './printer/escpos-decoder';
export type {
  BarcodeSymbology,
  DecodedEscPos,
  DecodeOptions,
  EscPosCommand,
  EscPosOp,
  ScanResult,
} from './printer/escpos-decoder';
export {
  applyRealtimeStatus,
  DISABLE_AUTOMATIC_STATUS_BACK,
  ENABLE_AUTOMATIC_STATUS_BACK,
  encodeAutomaticStatus,
  encodeRealtimeStatus,
  hasError,
  notReadyReason,
  parseAutomaticStatus,
  parseRealtimeStatus,
  READY_STATUS,
  StatusStreamReader,
  statusRequest,
} from './printer/printer-status';
export type {
  AutomaticStatus,
  PrinterStatus,
  RealtimeStatus,
  StatusMessage,
  StatusRequest,
} from './printer/printer-status';
export { ReceiptPrinter, notReadyError } from './printer/receipt-printer';
export type { ReceiptPrinterOptions } from './printer/receipt-printer';
export { MemoryPrintQueueStore, PrintQueue } from './printer/print-queue';
export type {
  PrinterPort,
  PrintJob,
  PrintJobEvent,
  PrintQueueOptions,
  PrintQueueStore,
  QueuedPrintJob,
} from './printer/print-queue';
export { formatLocalTime, formatYuan, PAYMENT_CHANNEL_NAMES, paymentReceipt, ticketSlip } from './printer/templates';
export type { PaymentChannel, PaymentReceiptInput, TemplateOptions, TicketSlipInput } from './printer/templates';

export { startPrinterSimulator } from './simulators/printer-simulator';
export type {
  DecodedReceipt,
  DiscardedReceipt,
  PrinterSimulator,
  PrinterSimulatorOptions,
} from './simulators/printer-simulator';

export {
  decodeCommand,
  decodeFrame,
  decodeReply,
  encodeCommand,
  encodeFrame,
  encodeReply,
  SAM_COMMANDS,
  SAM_STATUS,
  SamFrameReader,
  samStatus,
} from './idcard/sam-frame';
export type {
  SamCommand,
  SamCommandName,
  SamFrame,
  SamFrameErrorCode,
  SamReply,
  SamStatus,
  SamStatusCode,
  SamStreamEvent,
} from './idcard/sam-frame';
export { CARD_JSON_FIELDS, cardSummary, decodeCardText, encodeCardText, GENDERS } from './idcard/card-text';
export type {
  CardTextFields,
  CardType,
  DecodeCardOptions,
  Foreign2017Fields,
  Foreign2023Fields,
  IdCard,
  IdCardSummary,
  ResidentCardFields,
} from './idcard/card-text';
export { NATIONS, nationName } from './idcard/nations';
export { decodeIdCardFrame, encodeReadData, nullPhotoDecoder, parseReadData } from './idcard/read-data';
export type { IdCardFrameErrorCode, PhotoDecoder, ReadData } from './idcard/read-data';
export { formatSamId, IdCardReader, SamError } from './idcard/id-card-reader';
export type { IdCardReaderEvent, IdCardReaderOptions, IdCardReading } from './idcard/id-card-reader';
export { DEFAULT_SAM_ID, IdCardSimulator } from './simulators/idcard-simulator';
export type { IdCardFault, IdCardSimulatorOptions, ReceivedCommand, VirtualCard } from './simulators/idcard-simulator';

export { SignaturePad, padSourceFor } from './signature/signature-pad';
export type {
  NormalisedPen,
  PadIdentity,
  PadInfo,
  SignaturePadEvent,
  SignaturePadOptions,
} from './signature/signature-pad';
export { StrokeBuilder } from './signature/stroke-builder';
export type { PadRange, PenSample, StrokeEvent } from './signature/stroke-builder';
export { EnvelopeReader, encodeEnvelope, REPORT_KIND, TransportReportLink } from './signature/report-link';
export type { ReportEnvelope, ReportKind, ReportLink } from './signature/report-link';
export {
  HidReportLink,
  nodeHidPadOpener,
  pickSignaturePad,
  readHidrawReportDescriptor,
} from './signature/hid-report-link';
export type { HidPadHandle, HidPadOpener } from './signature/hid-report-link';
export { parseReportDescriptor, readBits, reportKey } from './signature/hid-report-descriptor';
export type { DescriptorErrorCode, ReportDescriptor, ReportField, ReportType } from './signature/hid-report-descriptor';
export { decodeDigitizerReport, encodeDigitizerReport, findDigitizerLayout } from './signature/generic-digitizer';
export type { DigitizerLayout } from './signature/generic-digitizer';
export * from './signature/wacom-stu';
export * from './signature/hanvon-esp370u';
export { createMono, hitTestButton, inSignBox, monoGet, renderStuScreen, stuLayout } from './signature/stu-screen';
export type { MonoImage, PadButton, Rect, StuLayout } from './signature/stu-screen';
export { renderSignatureGray, strokesToPng } from './signature/signature-png';
export type { PngOptions } from './signature/signature-png';
export { SignaturePadSimulator, STU_430 } from './simulators/signature-pad-simulator';
export type {
  PlayOptions,
  ReceivedReport,
  SignaturePadSimulatorOptions,
  SimulatedPadKind,
} from './simulators/signature-pad-simulator';
export {
  COMPOSITE_PUSH_POP_DESCRIPTOR,
  PEN_TABLET_DESCRIPTOR,
  TOUCH_SCREEN_DESCRIPTOR,
} from './simulators/hid-descriptors';
export { demoSignatureStrokes } from './simulators/demo-signature';
