/** devices/ public surface: transports, the ESC/POS codec, the receipt printer driver and its simulator. */
export { DeviceError, isDeviceError, toDeviceError, readUntil, Emitter } from './transport/transport';
export type { DeviceErrorCode, Transport, Unsubscribe } from './transport/transport';
export { TcpTransport } from './transport/tcp-transport';
export type { TcpTransportOptions } from './transport/tcp-transport';
export type { CodecError, CodecResult } from './codec-result';

export { EscPosEncoder, EscPosEncodeError, escpos } from './printer/escpos-encoder';
export type { Align, CutMode, HriPosition, MonoBitmap, QrErrorLevel } from './printer/escpos-encoder';
export { decodeEscPos, scanEscPosCommand } from './printer/escpos-decoder';
export type { BarcodeSymbology, DecodedEscPos, DecodeOptions, EscPosCommand, EscPosOp, ScanResult } from './printer/escpos-decoder';
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
export type { AutomaticStatus, PrinterStatus, RealtimeStatus, StatusMessage, StatusRequest } from './printer/printer-status';
export { ReceiptPrinter, notReadyError } from './printer/receipt-printer';
export type { ReceiptPrinterOptions } from './printer/receipt-printer';
export { MemoryPrintQueueStore, PrintQueue } from './printer/print-queue';
export type { PrinterPort, PrintJob, PrintJobEvent, PrintQueueOptions, PrintQueueStore, QueuedPrintJob } from './printer/print-queue';
export { formatLocalTime, formatYuan, PAYMENT_CHANNEL_NAMES, paymentReceipt, ticketSlip } from './printer/templates';
export type { PaymentChannel, PaymentReceiptInput, TemplateOptions, TicketSlipInput } from './printer/templates';

export { startPrinterSimulator } from './simulators/printer-simulator';
export type { DecodedReceipt, DiscardedReceipt, PrinterSimulator, PrinterSimulatorOptions } from './simulators/printer-simulator';
