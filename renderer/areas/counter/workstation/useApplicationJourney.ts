import { computed, ref, shallowRef, watch } from 'vue';
import type { ApplicationView, RevealField } from '@common/api/customer-schemas';
import type { ApplicationDetail } from '@common/api/journey-schemas';
import type { IdCardView } from '@common/api/schemas';
import type { FormValues } from '@common/forms/types';
import type { AppError } from '@common/result';
import type { StationClient } from '../../../api/client';
import { useApiEvent } from '../../../composables/api';
import { useAttachmentViewer } from './useAttachmentViewer';
import type { Workstation } from './useWorkstation';

/** GB/T 2261.1 as the card gives it, to the form's options. */
const GENDERS: Record<string, string> = { 男: '男', 女: '女', 未知: '未说明', 未说明: '未说明' };

/** The card's applicant fields, by form field key (forms without a field simply skip it). */
export function cardValues(card: IdCardView): Record<string, string> {
  const out: Record<string, string> = { applicantName: card.name, idNumber: card.idNumber };
  if (card.address) out.address = card.address;
  const gender = GENDERS[card.gender];
  if (gender) out.gender = gender;
  if (card.validTo) out.idValidTo = card.validTo;
  return out;
}

/** The customer record's fields that make the form's applicant, by form field key. */
const APPLICANT_FROM_CUSTOMER: readonly [RevealField, string][] = [
  ['name', 'applicantName'],
  ['idNumber', 'idNumber'],
  ['phone', 'phone'],
  ['address', 'address'],
];

const fileToBase64 = (file: File): Promise<string> =>
  new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''));
    reader.onerror = () => reject(reader.error ?? new Error('read failed'));
    reader.readAsDataURL(file);
  });

/**
 * After the form: the ID card read fills the identify panel and the form; the submitted application's
 * signature (sent to the customer screen, signed there, invalidated by an amendment), its documents,
 * its slip; and the drafts to resume. State of the application in hand follows `application.changed`.
 */
export function useApplicationJourney(client: StationClient, ws: Workstation) {
  const card = shallowRef<IdCardView | null>(null);
  /** The card holder's own customer record, found by the card's number (null: not a customer here). */
  const cardCustomerId = ref<number | null>(null);
  const detail = shallowRef<ApplicationDetail | null>(null);
  const busy = ref<'' | 'request' | 'amend' | 'attach' | 'photo' | 'print' | 'status'>('');
  const error = shallowRef<AppError | null>(null);
  const requested = ref(false);
  const slip = shallowRef<{ slipLines: string[]; followUrl: string; printed: boolean } | null>(null);
  const drafts = shallowRef<ApplicationView[]>([]);
  const amending = ref(false);
  const amendValues = ref<FormValues>({});
  const amendNote = ref('');

  const applicationId = computed(() => ws.submitted.value?.application.id ?? null);

  /** Fill the open form's applicant fields that the card knows; the identify panel searches by the number. */
  function fillFromCard(c: IdCardView): void {
    const fields = new Set(ws.schema.value.fields.map((f) => f.key));
    for (const [k, v] of Object.entries(cardValues(c))) if (fields.has(k)) ws.values[k] = v;
  }

  useApiEvent(client, 'idcard.read', (c) => {
    card.value = c;
    cardCustomerId.value = null;
    if (!ws.submitted.value) fillFromCard(c);
    ws.query.value = c.idNumber;
    void ws.search().then(() => {
      const hits = ws.result.value?.hits ?? [];
      if (card.value === c && hits.length === 1) cardCustomerId.value = hits[0]!.id;
    });
  });

  /**
   * Whom the application is filed under. The applicant is the card holder when a card was read; if
   * another customer is open in the view, the agent chooses (masked names of both on screen).
   */
  function applicantConflict(): { card: IdCardView; customer: NonNullable<typeof ws.customer.value> } | null {
    const c = card.value;
    const open = ws.customer.value;
    if (!c || !open || cardCustomerId.value === open.customer.id) return null;
    // The form's applicant may have been retyped: only a form still naming the card holder conflicts.
    if (ws.values.idNumber !== undefined && ws.values.idNumber !== c.idNumber) return null;
    return { card: c, customer: open };
  }

  /** Without a card, the applicant may be the identified customer: offered masked, filled in full on the agent's word. */
  const applicantFromCustomer = computed(() => {
    const c = ws.customer.value;
    if (!c || card.value || ws.submitted.value || !ws.schema.value.fields.some((f) => f.key === 'applicantName'))
      return null;
    return {
      name: c.customer.nameMasked,
      id: c.customer.idMasked,
      filled: ws.revealed.idNumber !== undefined && ws.values.idNumber === ws.revealed.idNumber,
    };
  });
  const fillingApplicant = ref(false);

  /**
   * The identified customer's name, ID number, phone and address into the form's applicant fields:
   * each through the audited full view (a field already shown in full in the view is not asked again).
   */
  async function fillFromCustomer(): Promise<void> {
    const c = ws.customer.value;
    if (!c || fillingApplicant.value) return;
    const keys = new Set(ws.schema.value.fields.map((f) => f.key));
    fillingApplicant.value = true;
    try {
      for (const [field, key] of APPLICANT_FROM_CUSTOMER) {
        if (!keys.has(key)) continue;
        if (ws.revealed[field] === undefined) await ws.reveal(field);
        // The agent may have moved on to another customer meanwhile.
        if (ws.customer.value !== c) return;
        const v = ws.revealed[field];
        if (v) ws.values[key] = v;
      }
    } finally {
      fillingApplicant.value = false;
    }
  }

  /** The visit is over: the card read, the application in hand and its slip go with the customer. */
  function reset(): void {
    card.value = null;
    cardCustomerId.value = null;
    drafts.value = [];
  }

  async function refresh(): Promise<void> {
    const id = applicationId.value;
    if (!id) return;
    const r = await client.call('application.detail', { id });
    if (r.ok && r.value.application.id === applicationId.value) detail.value = r.value;
  }

  watch(applicationId, (id) => {
    detail.value = null;
    slip.value = null;
    requested.value = false;
    amending.value = false;
    error.value = null;
    if (id) void refresh();
  });
  useApiEvent(client, 'application.changed', (p) => {
    if (p.applicationId === applicationId.value) void refresh();
  });

  async function run<T>(
    what: typeof busy.value,
    f: () => Promise<{ ok: true; value: T } | { ok: false; error: AppError }>,
  ): Promise<T | null> {
    busy.value = what;
    error.value = null;
    try {
      const r = await f();
      if (!r.ok) {
        error.value = r.error;
        return null;
      }
      return r.value;
    } finally {
      busy.value = '';
    }
  }

  async function requestSignature(): Promise<void> {
    const id = applicationId.value;
    if (!id) return;
    if (await run('request', () => client.call('application.requestSignature', { id }))) requested.value = true;
  }

  function startAmend(): void {
    amendValues.value = { ...(detail.value?.application.values ?? ws.submitted.value?.application.values ?? {}) };
    amendNote.value = '';
    amending.value = true;
  }

  async function saveAmend(): Promise<void> {
    const id = applicationId.value;
    if (!id) return;
    const values: Record<string, string | number | null> = {};
    for (const [k, v] of Object.entries(amendValues.value))
      if (v !== undefined && v !== null && v !== '') values[k] = typeof v === 'string' ? v.trim() : v;
    const r = await run('amend', () => client.call('application.amend', { id, values, note: amendNote.value }));
    if (r) {
      detail.value = r;
      amending.value = false;
      requested.value = false;
    }
  }

  async function attachFile(kind: string, file: File): Promise<void> {
    const id = applicationId.value;
    if (!id) return;
    const dataBase64 = await fileToBase64(file);
    if (await run('attach', () => client.call('application.attach', { id, kind, fileName: file.name, dataBase64 })))
      await refresh();
  }

  async function attachIdPhoto(): Promise<void> {
    const id = applicationId.value;
    if (!id) return;
    if (await run('photo', () => client.call('application.attachIdPhoto', { id }))) await refresh();
  }

  async function printSlip(): Promise<void> {
    const id = applicationId.value;
    if (!id) return;
    const r = await run('print', () => client.call('application.printSlip', { id }));
    if (r) slip.value = r;
  }

  type NextStatus = 'accepted' | 'in_progress' | 'completed' | 'rejected';
  async function setStatus(status: NextStatus, note?: string): Promise<void> {
    const id = applicationId.value;
    if (!id) return;
    const r = await run('status', () =>
      client.call('application.setStatus', { id, status, ...(note ? { note } : {}) }),
    );
    if (r) detail.value = r;
  }

  async function loadDrafts(): Promise<void> {
    const r = await client.call('application.drafts', {});
    drafts.value = r.ok ? r.value : [];
  }

  /** Resume a draft: its type, its values, its id (saving again updates the same draft). */
  function resume(draft: ApplicationView): void {
    ws.chooseType(draft.type);
    for (const [k, v] of Object.entries(draft.values)) ws.values[k] = v;
    ws.draftId.value = draft.id;
  }

  return {
    /** Preview and download of the application's documents (decrypted on request, audited). */
    viewer: useAttachmentViewer(client),
    card,
    cardCustomerId,
    applicantConflict,
    applicantFromCustomer,
    fillingApplicant,
    fillFromCustomer,
    reset,
    detail,
    busy,
    error,
    requested,
    slip,
    drafts,
    amending,
    amendValues,
    amendNote,
    fillFromCard,
    refresh,
    requestSignature,
    startAmend,
    saveAmend,
    attachFile,
    attachIdPhoto,
    printSlip,
    setStatus,
    loadDrafts,
    resume,
  };
}

export type ApplicationJourney = ReturnType<typeof useApplicationJourney>;
