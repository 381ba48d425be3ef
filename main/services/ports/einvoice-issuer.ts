/** The e-invoice service (a simulator in main/payments): issues an invoice number for a request, later. */
export interface EInvoiceIssuer {
  issue(request: { id: string; buyerTitle: string; taxId: string | null; amountFen: number }): Promise<{
    invoiceNo: string;
  }>;
}
