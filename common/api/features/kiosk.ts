import { z } from 'zod';
import * as K from '../kiosk-schemas';
import { feature } from './feature';

const PaymentId = z.string().regex(/^pay-[0-9a-z-]{8,64}$/, 'payment.idInvalid');

/**
 * The kiosk's self-service (自助缴费): identify, bills, pay. No staff login: the service scopes
 * every call to the customers this kiosk connection identified, and shows only masked data.
 */
export const kiosk = feature({
  methods: {
    'kiosk.identify': { input: K.KioskIdentifyInput, output: K.KioskIdentified, roles: ['kiosk'] },
    /** One identified account again (after paying: arrears and balance as they are now). */
    'kiosk.account': {
      input: z.object({ customerId: z.number().int().positive() }).strict(),
      output: K.KioskAccount,
      roles: ['kiosk'],
    },
    'kiosk.pay': { input: K.KioskPayInput, output: K.KioskPaymentView, roles: ['kiosk'] },
    /** The payment as the gateway now has it: a pending or timed-out one is resolved by querying it. */
    'kiosk.payment': {
      input: z.object({ paymentId: PaymentId }).strict(),
      output: K.KioskPaymentView,
      roles: ['kiosk'],
    },
    /** The customer stopped waiting for the QR: asked at the gateway, closed there only if unpaid. */
    'kiosk.cancelPayment': {
      input: z.object({ paymentId: PaymentId }).strict(),
      output: K.KioskPaymentView,
      roles: ['kiosk'],
    },
    /** 缴费记录 and 办理进度 of an identified account. */
    'kiosk.records': {
      input: z.object({ customerId: z.number().int().positive() }).strict(),
      output: K.KioskRecords,
      roles: ['kiosk'],
    },
    /** 电子发票 for one of the identified account's own payments (the same payment again: the same request). */
    'kiosk.requestInvoice': { input: K.KioskInvoiceInput, output: K.KioskInvoiceView, roles: ['kiosk'] },
    /** 退出 or the countdown ran out: the station forgets who was identified. */
    'kiosk.endSession': { input: z.object({}).strict(), output: z.object({}), roles: ['kiosk'] },
  },
  events: {
    /** A card was read on this station's reader: the kiosk identifies by it (no card data in the event). */
    'kiosk.cardRead': { payload: z.object({ at: z.string() }), roles: ['kiosk'] },
  },
});
