import { defineStore } from 'pinia';
import { ref, shallowRef, watch } from 'vue';
import { useAuthStore } from './auth';

/**
 * How the counter's visit moved: `end` (call, transfer, finish, no-show: the next customer starts
 * clean), `park` (the customer steps away: their visit is put aside) or `resume` (it comes back).
 */
export interface VisitChange {
  kind: 'end' | 'park' | 'resume';
  /** The ticket the counter serves now (`end`, `resume`) or the one put aside (`park`). */
  ticketId: string | null;
}

/**
 * The counter's visit: one customer per ticket. Everything held for that customer (identified
 * customer, card read, drafts, payment, customer screen) follows `seq` and clears when it moves. A
 * parked ticket's visit is kept here, in memory only, until it is resumed or leaves the window.
 */
export const useCounterVisitStore = defineStore('counter-visit', () => {
  const seq = ref(0);
  const change = shallowRef<VisitChange>({ kind: 'end', ticketId: null });
  /** The ticket the visit belongs to (null between customers). */
  const ticketId = ref<string | null>(null);
  /** Put-aside visits by parked ticket id; the workstation decides what a visit holds. */
  const parked = new Map<string, unknown>();

  function move(kind: VisitChange['kind'], id: string | null, current: string | null): void {
    change.value = { kind, ticketId: id };
    ticketId.value = current;
    seq.value++;
  }
  const end = (nextTicketId: string | null): void => move('end', nextTicketId, nextTicketId);
  const park = (parkedTicketId: string): void => move('park', parkedTicketId, null);
  const resume = (resumedTicketId: string): void => {
    listed.delete(resumedTicketId);
    move('resume', resumedTicketId, resumedTicketId);
  };

  /** Put-aside visits whose ticket a panel has listed as parked (an older answer may not list it yet). */
  const listed = new Set<string>();
  /** Forget the visits of tickets no longer parked at this window (transferred, cancelled, the day ended). */
  function keepParked(ids: readonly string[]): void {
    for (const id of [...parked.keys()])
      if (ids.includes(id)) listed.add(id);
      else if (listed.has(id)) {
        parked.delete(id);
        listed.delete(id);
      }
  }
  function clearParked(): void {
    parked.clear();
    listed.clear();
  }

  // Signing out, or another agent signing in, leaves nothing of the last agent's customers. (A
  // reconnect of the same agent keeps them: the session only blinks.)
  const auth = useAuthStore();
  let agent: string | null = null;
  watch(
    () => auth.session?.staff.staffNo ?? null,
    (now) => {
      if (now !== null && agent !== null && now !== agent) clearParked();
      if (now !== null) agent = now;
    },
  );
  auth.$onAction(({ name }) => {
    if (name === 'logout') clearParked();
  });

  return { seq, change, ticketId, parked, end, park, resume, keepParked };
});
