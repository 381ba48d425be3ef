import { computed, onScopeDispose, ref, shallowRef, watch } from 'vue';
import { useI18n } from 'vue-i18n';
import type { KioskAccount, KioskIdentified, KioskPaymentView, KioskRecords } from '@common/api/kiosk-schemas';
import type { AppError, Result } from '@common/result';
import { speak } from '../../audio/speech';
import { useApi, useApiEvent } from '../../composables/api';
import { currentLocale } from '../../i18n';
import { errorText } from '../../utils/errors';

/** One task per screen: identify → (choose an account) → the account → amount → channel → wait → result. */
export type SelfServiceStep =
  'identify' | 'accounts' | 'account' | 'records' | 'amount' | 'channel' | 'waiting' | 'result';

/** Seconds without a touch before the session ends; shown as a countdown for its last WARN seconds. */
export const SESSION_IDLE_SECONDS = 90;
export const SESSION_WARN_SECONDS = 30;
/** How long the QR waits for the scan before the gateway is asked and the order closed if unpaid. */
export const QR_WAIT_SECONDS = 120;
const POLL_MS = 2000;
/** 购电 amounts offered on big buttons (元). */
export const TOPUP_YUAN = [50, 100, 200, 500] as const;
/** A typed 其他金额 is whole yuan within these bounds. */
export const CUSTOM_YUAN_MIN = 10;
export const CUSTOM_YUAN_MAX = 5000;

const newPaymentId = () => `pay-${crypto.randomUUID()}`;

/** The kiosk's 自助缴费: state and steps; the page is a thin template over this. */
export function useSelfService(onExit: () => void, options: { slow?: () => boolean } = {}) {
  const client = useApi();
  const { t } = useI18n();

  const step = ref<SelfServiceStep>('identify');
  const accounts = shallowRef<KioskAccount[]>([]);
  const account = shallowRef<KioskAccount | null>(null);
  const kind = ref<'bill' | 'topup'>('bill');
  const amountFen = ref(0);
  const payment = shallowRef<KioskPaymentView | null>(null);
  const records = shallowRef<KioskRecords | null>(null);
  /** Identified by card or 户号 with the phone's tail: records and invoices are open (the station checks too). */
  const strong = ref(false);
  const busy = ref(false);
  const error = shallowRef<AppError | null>(null);
  const idle = ref(0);
  const qrLeft = ref(QR_WAIT_SECONDS);
  /** The pay call is at the station (and the gateway): the customer may not leave until it answers. */
  const paying = ref(false);
  /** Money is moving: 退出, 返回 and the idle countdown are off until the result shows. */
  const moneyMoving = computed(() => paying.value || step.value === 'waiting');
  /** Made once per 支付 tap-through: a second tap or a retried call is the same payment. */
  let paymentId: string | null = null;
  let polling = false;

  const say = (text: string) =>
    void speak(text, { lang: currentLocale.value === 'en' ? 'en-US' : 'zh-CN', maxMs: 12_000 });
  const errorMessage = computed(() => errorText(t, error.value));
  /** 适老模式 doubles the session's idle time. */
  const idleLimit = () => SESSION_IDLE_SECONDS * (options.slow?.() ? 2 : 1);
  const sessionLeft = computed(() => idleLimit() - idle.value);
  /** The countdown is always visible once identified; while paying the QR's own countdown rules. */
  const showSessionCountdown = computed(() => !moneyMoving.value);

  function touch(): void {
    idle.value = 0;
  }

  async function guarded<T>(run: () => Promise<Result<T>>, then: (v: T) => void): Promise<void> {
    if (busy.value) return;
    busy.value = true;
    error.value = null;
    touch();
    try {
      const r = await run();
      if (r.ok) then(r.value);
      else {
        error.value = r.error;
        // The station forgot this kiosk's session (timed out, or the connection was re-made).
        if (r.error.code === 'unauthenticated') restart();
      }
    } finally {
      busy.value = false;
    }
  }

  function identified({ accounts: list }: KioskIdentified): void {
    accounts.value = list;
    if (list.length === 1) open(list[0]!);
    else step.value = 'accounts';
    say(t('kiosk.selfService.speechFound', { n: list.length }));
  }

  const identifiedBy = (isStrong: boolean) => (v: KioskIdentified) => {
    strong.value = isStrong;
    identified(v);
  };
  const readCard = () => guarded(() => client.call('kiosk.identify', { by: 'idcard' }), identifiedBy(true));
  const readPowerCard = () => guarded(() => client.call('kiosk.identify', { by: 'powercard' }), identifiedBy(true));
  const byAccount = (accountNo: string) =>
    guarded(() => client.call('kiosk.identify', { by: 'account', accountNo }), identifiedBy(false));
  const byAccountPhone = (accountNo: string, phoneTail: string) =>
    guarded(() => client.call('kiosk.identify', { by: 'accountPhone', accountNo, phoneTail }), identifiedBy(true));

  /** 缴费记录 · 电子发票 · 办理进度 of the open account. */
  const openRecords = () =>
    account.value &&
    guarded(
      () => client.call('kiosk.records', { customerId: account.value!.customerId }),
      (r) => {
        records.value = r;
        step.value = 'records';
      },
    );

  /** 电子发票 for one payment; the list shows the request's state at once. */
  const requestInvoice = (paymentId: string) =>
    account.value &&
    guarded(
      () => client.call('kiosk.requestInvoice', { customerId: account.value!.customerId, paymentId }),
      (v) => {
        if (!records.value) return;
        records.value = {
          ...records.value,
          payments: records.value.payments.map((p) => (p.id === v.paymentId ? { ...p, invoice: v.status } : p)),
        };
        say(t('kiosk.selfService.speechInvoice'));
      },
    );

  function open(a: KioskAccount): void {
    account.value = a;
    step.value = 'account';
    touch();
  }

  const reload = () =>
    account.value &&
    guarded(
      () => client.call('kiosk.account', { customerId: account.value!.customerId }),
      (a) => (account.value = a),
    );

  function startBill(): void {
    // A payment still being confirmed for this account: no second one (the notice says why).
    if (!account.value || account.value.arrearsFen <= 0 || account.value.pendingPayment) return;
    kind.value = 'bill';
    amountFen.value = account.value.arrearsFen;
    paymentId = newPaymentId();
    step.value = 'channel';
    touch();
  }

  function startTopup(): void {
    if (account.value?.pendingPayment) return;
    kind.value = 'topup';
    amountFen.value = 0;
    step.value = 'amount';
    touch();
  }

  function chooseAmount(yuan: number): void {
    amountFen.value = yuan * 100;
    paymentId = newPaymentId();
    step.value = 'channel';
    touch();
  }

  function pay(channel: 'qr' | 'bank_card'): Promise<void> {
    const a = account.value;
    if (!a || !paymentId) return Promise.resolve();
    const id = paymentId;
    if (busy.value) return Promise.resolve();
    paying.value = true;
    return guarded(
      () =>
        client.call('kiosk.pay', {
          paymentId: id,
          customerId: a.customerId,
          kind: kind.value,
          channel,
          amountFen: amountFen.value,
        }),
      (p) => {
        payment.value = p;
        if (p.status === 'pending' || p.status === 'timed_out') wait(p);
        else finish(p);
      },
    ).finally(() => (paying.value = false));
  }

  function wait(p: KioskPaymentView): void {
    step.value = 'waiting';
    qrLeft.value = QR_WAIT_SECONDS;
    if (p.channel === 'qr') say(t('kiosk.selfService.speechScan'));
    polling = true;
  }

  /** Each poll asks the station, which asks the gateway: the answer is the gateway's, never a guess. */
  async function poll(): Promise<void> {
    const p = payment.value;
    if (!polling || !p || busy.value) return;
    const r = await client.call('kiosk.payment', { paymentId: p.id });
    if (!polling) return;
    if (!r.ok) {
      error.value = r.error;
      return;
    }
    payment.value = r.value;
    if (r.value.status !== 'pending' && r.value.status !== 'timed_out') finish(r.value);
  }

  /** The customer stops waiting (or the countdown ends): asked at the gateway, closed there only if unpaid. */
  async function stopWaiting(): Promise<void> {
    const p = payment.value;
    polling = false;
    if (!p) return;
    await guarded(() => client.call('kiosk.cancelPayment', { paymentId: p.id }), finish);
    // The gateway could not be reached: the payment stays unresolved and the screen says so.
    if (error.value && payment.value && (payment.value.status === 'pending' || payment.value.status === 'timed_out'))
      finish(payment.value);
  }

  function finish(p: KioskPaymentView): void {
    polling = false;
    payment.value = p;
    paymentId = null;
    step.value = 'result';
    touch();
    if (p.status === 'succeeded')
      say(p.receiptPrinted === false ? t('kiosk.selfService.speechPaidNoReceipt') : t('kiosk.selfService.speechPaid'));
    else if (p.status === 'failed') say(t('kiosk.selfService.speechFailed'));
    void reload();
  }

  function back(): void {
    if (moneyMoving.value) return;
    error.value = null;
    touch();
    if (step.value === 'account') step.value = accounts.value.length > 1 ? 'accounts' : 'identify';
    else if (step.value === 'amount' || step.value === 'result' || step.value === 'records') step.value = 'account';
    else if (step.value === 'channel') step.value = kind.value === 'topup' ? 'amount' : 'account';
    else if (step.value === 'accounts') step.value = 'identify';
    if (step.value === 'identify') restart();
  }

  /** Everything about this customer is forgotten, here and on the station. */
  function restart(): void {
    polling = false;
    accounts.value = [];
    account.value = null;
    payment.value = null;
    records.value = null;
    strong.value = false;
    paymentId = null;
    kind.value = 'bill';
    amountFen.value = 0;
    idle.value = 0;
    step.value = 'identify';
    void client.call('kiosk.endSession', {});
  }

  function exit(): void {
    if (moneyMoving.value) return;
    restart();
    error.value = null;
    onExit();
  }

  // Each step opens at its top: the account's arrears and 缴纳电费 are never scrolled away.
  watch(step, () => globalThis.window?.scrollTo({ top: 0 })); // no window in the logic's unit tests

  useApiEvent(client, 'kiosk.cardRead', () => {
    if (step.value === 'identify' && !busy.value) void readCard();
  });

  const tick = setInterval(() => {
    if (step.value === 'waiting') {
      qrLeft.value -= 1;
      if (qrLeft.value <= 0) void stopWaiting();
      else if (qrLeft.value % (POLL_MS / 1000) === 0) void poll();
      return;
    }
    if (moneyMoving.value) return;
    idle.value += 1;
    if (idle.value >= idleLimit()) exit();
  }, 1000);
  onScopeDispose(() => {
    clearInterval(tick);
    void client.call('kiosk.endSession', {});
  });
  say(t('kiosk.selfService.speechIdentify'));

  return {
    step,
    accounts,
    account,
    kind,
    amountFen,
    payment,
    records,
    strong,
    busy,
    moneyMoving,
    error,
    errorMessage,
    sessionLeft,
    showSessionCountdown,
    qrLeft,
    touch,
    readCard,
    readPowerCard,
    byAccount,
    byAccountPhone,
    openRecords,
    requestInvoice,
    open,
    startBill,
    startTopup,
    chooseAmount,
    pay,
    stopWaiting,
    back,
    exit,
    clearError: () => (error.value = null),
  };
}
