import type { EInvoiceIssuer } from '../services/ports/einvoice-issuer';

/**
 * A simulated e-invoice (电子发票) service: numbers invoices in order after a short delay, as the
 * tax platform answers asynchronously. The 20-digit number is region code + year + sequence.
 */
export function simulatedInvoiceIssuer(o: { delayMs?: number; now?: () => Date } = {}): EInvoiceIssuer {
  let seq = 0;
  return {
    issue: async () => {
      await new Promise((r) => setTimeout(r, o.delayMs ?? 200));
      seq += 1;
      const year = String((o.now ? o.now() : new Date()).getUTCFullYear()).slice(2);
      return { invoiceNo: `3300${year}${String(Date.now() % 1e8).padStart(8, '0')}${String(seq).padStart(6, '0')}` };
    },
  };
}
