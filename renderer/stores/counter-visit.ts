import { defineStore } from 'pinia';
import { ref } from 'vue';

/**
 * The counter's visit: one customer per ticket. Calling, transferring, finishing or marking a no-show
 * ends the visit; everything held for that customer (identified customer, card read, drafts, payment,
 * customer screen) follows `seq` and clears when it moves.
 */
export const useCounterVisitStore = defineStore('counter-visit', () => {
  const seq = ref(0);
  /** The ticket the visit belongs to (null between customers). */
  const ticketId = ref<string | null>(null);

  function end(nextTicketId: string | null): void {
    seq.value++;
    ticketId.value = nextTicketId;
  }

  return { seq, ticketId, end };
});
