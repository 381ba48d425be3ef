import { effectScope, type Ref } from 'vue';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { KioskAccount, KioskPaymentView } from '@common/api/kiosk-schemas';

/**
 * The kiosk's self-service state (useSelfService) with the station faked at its API edge: the idle
 * countdown wipes the customer from the screen and from memory, and while money moves the
 * customer cannot leave — neither by 退出 / 返回 nor by the countdown.
 */
const calls: { method: string; input: unknown }[] = [];
let payAnswer: (v: KioskPaymentView) => void = () => {};

vi.mock('vue-i18n', () => ({ useI18n: () => ({ t: (k: string) => k }) }));
vi.mock('../../../renderer/audio/speech', () => ({ speak: () => Promise.resolve() }));
vi.mock('../../../renderer/i18n', () => ({ currentLocale: { value: 'zh-CN' } }));
vi.mock('../../../renderer/composables/api', () => ({
  useApiEvent: () => {},
  useApi: () => ({
    call: (method: string, input: unknown) => {
      calls.push({ method, input });
      if (method === 'kiosk.identify')
        return Promise.resolve({ ok: true, value: { accounts: [ACCOUNT], idleSeconds: 180 } });
      if (method === 'kiosk.pay') return new Promise((resolve) => (payAnswer = (v) => resolve({ ok: true, value: v })));
      return Promise.resolve({ ok: true, value: {} });
    },
  }),
}));

/** What the test uses of the composable (the renderer's own tsconfig types the module itself). */
interface SelfService {
  step: Ref<string>;
  account: Ref<KioskAccount | null>;
  accounts: Ref<KioskAccount[]>;
  payment: Ref<KioskPaymentView | null>;
  amountFen: Ref<number>;
  moneyMoving: Ref<boolean>;
  byAccount(accountNo: string): Promise<void>;
  open(a: KioskAccount): void;
  startBill(): void;
  pay(channel: 'qr' | 'bank_card'): Promise<void>;
  back(): void;
  exit(): void;
}
// A computed path keeps the renderer module (browser globals, Vite's import.meta) out of the Node type check.
const modulePath = ['..', '..', '..', 'renderer', 'areas', 'kiosk', 'useSelfService'].join('/');
const { useSelfService, SESSION_IDLE_SECONDS } = (await import(/* @vite-ignore */ modulePath)) as {
  useSelfService: (onExit: () => void) => SelfService;
  SESSION_IDLE_SECONDS: number;
};

const ACCOUNT: KioskAccount = {
  customerId: 7,
  accountNo: '3317154775',
  nameMasked: '张*',
  addressMasked: '城东路**号',
  tariff: '居民',
  prepaid: false,
  arrearsFen: 32_039,
  unpaidBills: 1,
  systemBalanceFen: 0,
  meterBalanceFen: null,
  bills: [],
  pendingPayment: null,
  earlierOutcomes: [],
};

let scope = effectScope();
beforeEach(() => {
  vi.useFakeTimers();
  calls.length = 0;
  scope = effectScope();
});
afterEach(() => {
  scope.stop();
  vi.useRealTimers();
});

const flush = () => vi.advanceTimersByTimeAsync(0);

describe('kiosk self-service screen state', () => {
  it('the idle countdown wipes the customer: account, amount and payment gone, the station told to forget', async () => {
    let exited = 0;
    const s = scope.run(() => useSelfService(() => exited++))!;
    await s.byAccount(ACCOUNT.accountNo);
    expect(s.account.value?.accountNo).toBe(ACCOUNT.accountNo);
    s.startBill();
    expect(s.amountFen.value).toBe(ACCOUNT.arrearsFen);
    await vi.advanceTimersByTimeAsync(SESSION_IDLE_SECONDS * 1000);
    expect(exited).toBe(1);
    expect(s.step.value).toBe('identify');
    expect(s.account.value).toBeNull();
    expect(s.accounts.value).toEqual([]);
    expect(s.payment.value).toBeNull();
    expect(s.amountFen.value).toBe(0);
    expect(calls.at(-1)?.method).toBe('kiosk.endSession');
  });

  it('while the charge is at the gateway: 退出, 返回 and the countdown do nothing; after the result the customer may leave', async () => {
    let exited = 0;
    const s = scope.run(() => useSelfService(() => exited++))!;
    await s.byAccount(ACCOUNT.accountNo);
    s.startBill();
    const paying = s.pay('bank_card');
    await flush();
    expect(s.moneyMoving.value).toBe(true);
    s.exit();
    s.back();
    await vi.advanceTimersByTimeAsync(SESSION_IDLE_SECONDS * 2000);
    expect(exited).toBe(0);
    expect(s.step.value).toBe('channel');
    expect(s.account.value).not.toBeNull();
    expect(calls.some((c) => c.method === 'kiosk.endSession')).toBe(false);

    payAnswer({
      id: 'pay-test-0001',
      kind: 'bill',
      channel: 'bank_card',
      accountNo: ACCOUNT.accountNo,
      amountFen: ACCOUNT.arrearsFen,
      status: 'succeeded',
      qrPayload: null,
      receiptPrinted: true,
      createdAt: new Date().toISOString(),
      note: null,
      eReceiptUrl: null,
    });
    await paying;
    expect(s.moneyMoving.value).toBe(false);
    expect(s.step.value).toBe('result');
    s.exit();
    expect(exited).toBe(1);
  });

  it('an account with a payment still being confirmed: no second payment starts', async () => {
    const s = scope.run(() => useSelfService(() => {}))!;
    s.open({ ...ACCOUNT, pendingPayment: { ...({} as KioskPaymentView), id: 'pay-x', status: 'timed_out' } });
    s.startBill();
    expect(s.step.value).toBe('account');
  });
});
