import type { DeviceError } from '../transport/transport';

/** A local-fee-control prepaid card (购电卡) as the writer reads it. */
export interface PrepaidCard {
  cardNo: string;
  accountNo: string;
  /** Purchases written to the card and not yet loaded into the meter, fen. */
  pendingFen: number;
  /** The last purchase written, so a retried write of the same purchase is recognised. */
  lastPurchaseId: string | null;
  /** How many purchases the card has received (the meter refuses a card whose count goes back). */
  purchaseCount: number;
}

/**
 * The counter's prepaid card writer. `writePurchase` resolves only after the card has been read
 * back and holds the purchase; it rejects with a DeviceError (no card, wrong card, write failed),
 * and writing the same purchase id twice credits the card once.
 */
export interface PrepaidCardWriter {
  readonly name: string;
  readCard(): Promise<PrepaidCard>;
  writePurchase(p: { accountNo: string; purchaseId: string; amountFen: number }): Promise<PrepaidCard>;
}

export type CardWriterError = DeviceError;
