import type { z } from 'zod';
import type { InvoiceInput, PaymentView } from '@common/api/payment-schemas';
import { signedIn, type CallerContext } from './caller';
import type { ServiceContext } from './context';

import type { PaymentLedger } from './payment-ledger';
import type { EInvoiceIssuer } from './ports/einvoice-issuer';

export interface InvoiceServiceDeps {
  ctx: ServiceContext;
  ledger: PaymentLedger;
  /** The e-invoice service; none: requests are recorded and issued elsewhere. */
  issuer: EInvoiceIssuer | null;
}

/** E-invoice (电子发票) requests for a payment, issued by the e-invoice service after the answer. */
export class InvoiceService {
  private readonly ctx: ServiceContext;
  private readonly ledger: PaymentLedger;
  private readonly issuer: EInvoiceIssuer | null;

  constructor(deps: InvoiceServiceDeps) {
    this.ctx = deps.ctx;
    this.ledger = deps.ledger;
    this.issuer = deps.issuer;
  }

  request(caller: CallerContext, input: z.output<typeof InvoiceInput>): Promise<PaymentView> {
    return this.requestAs(signedIn(caller).staffId, input);
  }

  /** The request as `staffId` (a counter agent, or a kiosk's own id for self-service). */
  async requestAs(staffId: string, input: z.output<typeof InvoiceInput>): Promise<PaymentView> {
    const p = await this.ledger.get(input.paymentId);
    const id = this.ctx.newId('inv');
    await this.ctx.mutate('invoice.request', {
      id,
      hallId: this.ctx.hallId,
      paymentId: input.paymentId,
      buyerTitle: input.buyerTitle,
      taxId: input.taxId?.trim() ? input.taxId : null,
      email: input.email?.trim() ? input.email : null,
      staffId,
      at: this.ctx.nowIso(),
    });
    const issuer = this.issuer;
    if (issuer) {
      // Issued by the (simulated) e-invoice service after the answer: the request is the durable fact.
      void issuer
        .issue({ id, buyerTitle: input.buyerTitle, taxId: input.taxId ?? null, amountFen: p.amountFen })
        .then((r) =>
          this.ctx.mutate('invoice.issue', {
            id: `${id}:issued`,
            invoiceId: id,
            status: 'issued',
            invoiceNo: r.invoiceNo,
            at: this.ctx.nowIso(),
          }),
        )
        .then(() => this.ledger.changed(input.paymentId))
        .catch(() =>
          this.ctx
            .mutate('invoice.issue', {
              id: `${id}:failed`,
              invoiceId: id,
              status: 'failed',
              invoiceNo: null,
              at: this.ctx.nowIso(),
            })
            .catch(() => {}),
        );
    }
    return this.ledger.get(input.paymentId);
  }
}
