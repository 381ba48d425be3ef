import { nextTick } from 'vue';
import type { MethodOutput } from '@common/api/contract';
import type { IdCardView } from '@common/api/schemas';
import type { FormValues } from '@common/forms/types';
import type { StationClient } from '../../../api/client';
import type { ApplicationJourney } from './useApplicationJourney';
import type { Payments } from './usePayments';
import type { Workstation } from './useWorkstation';

export type WorkstationTab = 'customer' | 'form' | 'pay' | 'recon';

/**
 * What the counter holds for a parked customer, to bring back when the ticket is resumed: who was
 * identified (reopened fresh from the station), the card read, the form in hand or the application
 * submitted, the payment under way and the tab. Fully revealed values are not kept: revealing them
 * again is audited like the first time.
 */
export interface ParkedVisit {
  customerId: number | null;
  card: IdCardView | null;
  cardCustomerId: number | null;
  formType: string;
  values: FormValues;
  draftId: string | null;
  submitted: MethodOutput<'application.submit'> | null;
  paymentId: string | null;
  tab: WorkstationTab;
}

export function captureVisit(
  ws: Workstation,
  journey: ApplicationJourney,
  pay: Payments,
  tab: WorkstationTab,
): ParkedVisit {
  return {
    customerId: ws.customer.value?.customer.id ?? null,
    card: journey.card.value,
    cardCustomerId: journey.cardCustomerId.value,
    formType: ws.formType.value,
    values: { ...ws.values },
    draftId: ws.draftId.value,
    submitted: ws.submitted.value,
    paymentId: pay.current.value?.id ?? null,
    tab,
  };
}

/** Bring a parked visit back onto a cleared counter; returns the tab it was on. */
export async function restoreVisit(
  v: ParkedVisit,
  client: StationClient,
  ws: Workstation,
  journey: ApplicationJourney,
  pay: Payments,
): Promise<WorkstationTab> {
  if (v.customerId !== null) await ws.open({ id: v.customerId });
  // Opening a customer starts a fresh form and payment (its watchers run first); the saved ones go on top.
  await nextTick();
  ws.chooseType(v.formType);
  for (const [k, value] of Object.entries(v.values)) ws.values[k] = value;
  ws.draftId.value = v.draftId;
  ws.submitted.value = v.submitted;
  journey.card.value = v.card;
  journey.cardCustomerId.value = v.cardCustomerId;
  if (v.paymentId) {
    const p = await client.call('payment.get', { paymentId: v.paymentId });
    if (p.ok) pay.current.value = p.value;
  }
  return v.tab;
}
