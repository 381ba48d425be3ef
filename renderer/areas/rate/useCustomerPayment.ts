import { computed, onScopeDispose, ref, shallowRef, watch } from 'vue';
import type { StationClient } from '../../api/client';
import { useApiEvent } from '../../composables/api';
import { nextShownPayment, scanSecondsLeft, visiblePayment, type ShownPayment } from './customer-payment';

/**
 * The payment at this window, from `payment.changed` (the station sends the rate role its own window's
 * only). It belongs to the visit: when the window moves to another ticket (or to none), it goes.
 */
export function useCustomerPayment(
  client: StationClient,
  windowNo: number,
  ticketId: () => string | null = () => null,
) {
  const shown = shallowRef<ShownPayment | null>(null);
  watch(ticketId, () => (shown.value = null));
  const now = ref(Date.now());
  const tick = setInterval(() => (now.value = Date.now()), 1000);
  onScopeDispose(() => clearInterval(tick));

  useApiEvent(client, 'payment.changed', (e) => {
    if (e.windowNo !== windowNo) return;
    now.value = Date.now();
    shown.value = nextShownPayment(visiblePayment(shown.value, now.value), e, now.value);
  });

  const payment = computed(() => visiblePayment(shown.value, now.value));
  const secondsLeft = computed(() => (payment.value ? scanSecondsLeft(payment.value, now.value) : null));
  return { payment, secondsLeft };
}
