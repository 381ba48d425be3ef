import type { PrepaidCard, PrepaidCardWriter } from '../cardwriter/prepaid-card-writer';
import { DeviceError } from '../transport/transport';

/**
 * A simulated prepaid card writer with a card slot: insert a card for an account, make the next
 * write fail (the card pulled out mid-write, a bad sector), and read what the card holds.
 */
export class CardWriterSimulator implements PrepaidCardWriter {
  readonly name = '购电卡读写器（模拟）simulated card writer';
  #card: PrepaidCard | null = null;
  #failNext: string | null = null;

  insertCard(accountNo: string, cardNo = `C${accountNo}`): void {
    this.#card = { cardNo, accountNo, pendingFen: 0, lastPurchaseId: null, purchaseCount: 0 };
  }
  removeCard(): void {
    this.#card = null;
  }
  failNextWrite(reason = '写卡校验失败 (verify after write failed)'): void {
    this.#failNext = reason;
  }
  get card(): PrepaidCard | null {
    return this.#card ? { ...this.#card } : null;
  }

  async readCard(): Promise<PrepaidCard> {
    if (!this.#card) throw new DeviceError('offline', '读写器中没有购电卡 (no card in the writer)');
    return { ...this.#card };
  }

  async writePurchase(p: { accountNo: string; purchaseId: string; amountFen: number }): Promise<PrepaidCard> {
    const card = this.#card;
    if (!card) throw new DeviceError('offline', '读写器中没有购电卡 (no card in the writer)');
    if (card.accountNo !== p.accountNo)
      throw new DeviceError('protocol', `卡片户号 ${card.accountNo} 与缴费户号 ${p.accountNo} 不符 (wrong card)`);
    if (card.lastPurchaseId === p.purchaseId) return { ...card }; // already on the card
    if (this.#failNext) {
      const reason = this.#failNext;
      this.#failNext = null;
      throw new DeviceError('write_failed', reason);
    }
    card.pendingFen += p.amountFen;
    card.purchaseCount += 1;
    card.lastPurchaseId = p.purchaseId;
    return { ...card };
  }
}
