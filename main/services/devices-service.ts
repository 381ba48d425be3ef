import type { DevicesStatus } from '../../common/api/schemas';
import { AppFailure } from '../../common/result';
import type { ChannelSlipPrinter } from './insight-service';
import type { SlipPrinter } from './queue-service';

/** What the station needs of its receipt printer (implemented over devices/ in main/devices). */
export interface PrinterPort extends SlipPrinter, Partial<ChannelSlipPrinter> {
  status(): DevicesStatus['printer'];
  recentReceipts(): DevicesStatus['receipts'];
  printTestPage(): Promise<string>;
}

export class DevicesService {
  constructor(private readonly printer: PrinterPort | null) {}

  status(): DevicesStatus {
    if (!this.printer) {
      return { printer: { name: '未配置 (none)', connected: false, paperOut: false, coverOpen: false, queued: 0, lastError: null }, receipts: [] };
    }
    return { printer: this.printer.status(), receipts: this.printer.recentReceipts() };
  }

  async printTest(): Promise<{ jobId: string }> {
    if (!this.printer) throw new AppFailure('device_error', '未配置打印机 (no printer configured)');
    return { jobId: await this.printer.printTestPage() };
  }
}
