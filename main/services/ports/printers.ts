import type { DevicesStatus, PrintJobView } from '@common/api/schemas';
import type { PaymentChannel } from '@common/payments/states';

/**
 * What the services print, each through its own narrow port; the station printer
 * (main/devices/station-printer.ts) implements them all through its persistent print queue.
 * Every print resolves false (never throws) when the printer cannot take it now.
 */
export interface TicketSlipPrinter {
  printTicketSlip(slip: {
    ticketNo: string;
    businessName: string;
    waitingAhead: number;
    estimatedWaitMin?: number;
    issuedAt: string;
    qrUrl?: string;
    /** The number came from this kiosk's lease (the hall's authority did not answer in time). */
    offlineNumber?: boolean;
  }): Promise<boolean>;
}

export interface AcceptanceSlipPrinter {
  printAcceptanceSlip(slip: { lines: string[]; qr: string }): Promise<boolean>;
}

/** The guide's slip for a self-service channel. */
export interface ChannelSlipPrinter {
  printChannelSlip(slip: {
    title: string;
    channel: string;
    howTo: string;
    qrUrl: string | null;
    printedAt: string;
  }): Promise<boolean>;
}

export interface PaymentReceiptPrinter {
  /** True once printed; false when it is queued (paper out…) and will print after refill or can be reprinted. */
  printPaymentReceipt(r: {
    title: string;
    receiptNo: string;
    accountNo: string;
    amountFen: number;
    channel: PaymentChannel;
    paidAt: string;
    operator: string;
    tenderedFen?: number | null;
    changeFen?: number | null;
    /** Masked (张*三). */
    customerName?: string | null;
    /** The billing periods the payment settled. */
    periods?: string[];
    /** The e-receipt on the hall's public address (the QR); none: no QR. */
    qrUrl?: string | null;
    /** Printed for a kiosk customer: not printed now, never (they are offered the e-receipt instead). */
    unattended?: boolean;
  }): Promise<boolean>;
}

/** The station's receipt printer as the devices page and the queue see it. */
export interface PrinterPort extends TicketSlipPrinter, Partial<ChannelSlipPrinter> {
  status(): DevicesStatus['printer'];
  recentReceipts(): DevicesStatus['receipts'];
  printTestPage(): Promise<string>;
  printSample(kind: 'test_page' | 'payment_receipt' | 'acceptance_slip'): Promise<string>;
  reprint(jobId: string): Promise<string>;
  jobs(): Promise<PrintJobView[]>;
}
