import { computed, ref, shallowRef, watch } from 'vue';
import type { PaymentView, RefundView } from '@common/api/payment-schemas';
import { cashChange, parseYuan } from '@common/payments/money';
import type { AppError } from '@common/result';
import type { StationClient } from '../../../api/client';
import { useApiEvent } from '../../../composables/api';
import type { Workstation } from './useWorkstation';

/** A new payment id per attempt: a second click on 收款 reuses it, so the station never charges twice. */
const newPaymentId = (): string => `pay-${crypto.randomUUID()}`;

/**
 * The counter's money: the payment form (amount in yuan → integer fen, tendered and change), the
 * current payment and its follow-ups (query, reprint, refund, e-invoice), today's payments, the
 * day-end reconciliation and oral consultations.
 */
export function usePayments(client: StationClient, ws: Workstation) {
  const kind = ref<'bill' | 'topup'>('bill');
  const channel = ref<'cash' | 'bank_card' | 'qr'>('cash');
  const amountText = ref('');
  const tenderedText = ref('');
  const paymentId = ref(newPaymentId());
  const busy = ref(false);
  const error = shallowRef<AppError | null>(null);
  const current = shallowRef<PaymentView | null>(null);
  const today = shallowRef<PaymentView[]>([]);

  const amountFen = computed(() => parseYuan(amountText.value));
  const tenderedFen = computed(() => parseYuan(tenderedText.value));
  const changeFen = computed(() =>
    amountFen.value !== null && tenderedFen.value !== null ? cashChange(amountFen.value, tenderedFen.value) : null,
  );
  const amountInvalid = computed(() => amountText.value.trim() !== '' && amountFen.value === null);
  const tenderedInvalid = computed(() => tenderedText.value.trim() !== '' && tenderedFen.value === null);

  /** A new customer (or a finished payment) starts a new attempt, prefilled with the arrears. */
  function reset(): void {
    paymentId.value = newPaymentId();
    current.value = null;
    error.value = null;
    refundFor.value = null;
    refund.value = null;
    reverseFor.value = null;
    const c = ws.customer.value;
    kind.value = 'bill';
    amountText.value = c && c.arrearsFen > 0 ? (c.arrearsFen / 100).toFixed(2) : '';
    tenderedText.value = '';
  }
  watch(() => ws.customer.value?.customer.id, reset); // a refreshed view of the same customer keeps the payment
  // Changing what is paid is a different payment: a new id.
  watch([kind, channel, amountFen], () => {
    if (!current.value) paymentId.value = newPaymentId();
  });

  async function refreshToday(): Promise<void> {
    const r = await client.call('payment.today', {});
    if (r.ok) today.value = r.value;
  }

  async function pay(): Promise<void> {
    const c = ws.customer.value;
    if (!c || busy.value) return;
    error.value = null;
    if (amountFen.value === null) {
      error.value = {
        code: 'validation',
        message: '「应收金额」请输入正确的金额 (invalid amount)',
        field: 'amountFen',
      };
      return;
    }
    busy.value = true;
    // Bound to the ticket being served, so the payment shows among the customer's past visits.
    const state = await client.call('counter.state', {});
    const serving = state.ok && state.value.current?.status === 'serving' ? state.value.current.id : undefined;
    const r = await client.call('payment.pay', {
      ticketId: serving,
      paymentId: paymentId.value,
      customerId: c.customer.id,
      kind: kind.value,
      channel: channel.value,
      amountFen: amountFen.value,
      tenderedFen: channel.value === 'cash' ? (tenderedFen.value ?? undefined) : undefined,
    });
    busy.value = false;
    if (!r.ok) {
      error.value = r.error;
      return;
    }
    current.value = r.value;
    await Promise.all([refreshToday(), reopenCustomer()]);
  }

  async function reopenCustomer(): Promise<void> {
    const c = ws.customer.value;
    if (c) {
      const v = await client.call('customer.view', { customerId: c.customer.id });
      if (v.ok) ws.customer.value = v.value;
    }
  }

  async function act(method: 'payment.resolve' | 'payment.reprint', id: string): Promise<void> {
    error.value = null;
    busy.value = true;
    const r = await client.call(method, { paymentId: id });
    busy.value = false;
    if (!r.ok) error.value = r.error;
    else {
      if (current.value?.id === id) current.value = r.value;
      await refreshToday();
      if (method === 'payment.resolve') await reopenCustomer();
    }
  }

  // The gateway's notice settles a QR or card payment here without a click: the result, 今日收费 and the arrears follow.
  useApiEvent(client, 'payment.changed', (e) => {
    if (current.value?.id === e.paymentId || today.value.some((p) => p.id === e.paymentId)) {
      void client.call('payment.get', { paymentId: e.paymentId }).then((r) => {
        if (!r.ok || current.value?.id !== e.paymentId) return;
        const settled = current.value.status !== r.value.status && r.value.status === 'succeeded';
        current.value = r.value;
        if (settled) void reopenCustomer();
      });
      void refreshToday();
    }
  });
  // Pulled from the central: a refund row of one of my payments, or another station's payment for this customer.
  useApiEvent(client, 'customer.changed', () => void refreshToday());

  // ── Refund request and approval ──
  const refundFor = shallowRef<PaymentView | null>(null);
  const refund = shallowRef<RefundView | null>(null);
  async function requestRefund(input: {
    paymentId: string;
    amountFen: number;
    reason: string;
  }): Promise<AppError | null> {
    const r = await client.call('payment.requestRefund', input);
    if (!r.ok) return r.error;
    refund.value = r.value;
    return null;
  }
  async function decideOnSpot(input: {
    approve: boolean;
    managerStaffNo: string;
    managerPin: string;
    note?: string;
  }): Promise<AppError | null> {
    if (!refund.value) return null;
    const r = await client.call('payment.decideRefundOnSpot', { requestId: refund.value.id, ...input });
    if (!r.ok) return r.error;
    refund.value = r.value;
    await Promise.all([refreshToday(), reopenCustomer()]);
    return null;
  }
  // ── Reversal (冲正): today's succeeded payment undone as a whole, with a manager's PIN ──
  const reverseFor = shallowRef<PaymentView | null>(null);
  async function reverse(input: {
    reason: string;
    managerStaffNo: string;
    managerPin: string;
  }): Promise<AppError | null> {
    const target = reverseFor.value;
    if (!target) return null;
    const r = await client.call('payment.reverse', { paymentId: target.id, ...input });
    if (!r.ok) return r.error;
    reverseFor.value = r.value;
    if (current.value?.id === r.value.id) current.value = r.value;
    await Promise.all([refreshToday(), reopenCustomer()]);
    return null;
  }
  // A refund decided anywhere (the manager's own page, another station) shows in 今日收费 at once.
  useApiEvent(client, 'refund.changed', (e) => {
    if (refund.value?.id === e.requestId)
      void client.call('payment.refunds', { openOnly: false }).then((r) => {
        const found = r.ok ? r.value.find((x) => x.id === e.requestId) : undefined;
        if (found) refund.value = found;
      });
    void refreshToday();
    void reopenCustomer();
  });

  async function requestInvoice(input: {
    paymentId: string;
    buyerTitle: string;
    taxId?: string;
    email?: string;
  }): Promise<AppError | null> {
    const r = await client.call('payment.requestInvoice', input);
    if (!r.ok) return r.error;
    if (current.value?.id === r.value.id) current.value = r.value;
    await refreshToday();
    return null;
  }

  // ── Oral consultations ──
  const consultations = shallowRef<{ id: string; topic: string; at: string }[]>([]);
  async function logConsultation(topic: string, ticketId?: string): Promise<AppError | null> {
    const r = await client.call('consultation.log', { topic, ticketId });
    if (!r.ok) return r.error;
    consultations.value = r.value;
    return null;
  }
  async function loadConsultations(): Promise<void> {
    const r = await client.call('consultation.today', {});
    if (r.ok) consultations.value = r.value;
  }

  return {
    kind,
    channel,
    amountText,
    tenderedText,
    amountFen,
    tenderedFen,
    changeFen,
    amountInvalid,
    tenderedInvalid,
    busy,
    error,
    current,
    today,
    reset,
    pay,
    act,
    refreshToday,
    refundFor,
    refund,
    reverseFor,
    reverse,
    requestRefund,
    decideOnSpot,
    requestInvoice,
    consultations,
    logConsultation,
    loadConsultations,
  };
}

export type Payments = ReturnType<typeof usePayments>;
