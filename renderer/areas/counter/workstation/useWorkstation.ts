import { computed, reactive, ref, shallowRef } from 'vue';
import type {
  ApplicationView,
  CustomerHit,
  CustomerSearchResult,
  CustomerView,
  RevealField,
} from '@common/api/customer-schemas';
import type { MethodOutput } from '@common/api/contract';
import type { CustomerVisit } from '@common/api/customer-screen-schemas';
import { detectCustomerQuery } from '@common/domain/customer-query';
import { formSchema } from '@common/forms/schemas';
import type { FieldError, FormValues } from '@common/forms/types';
import { validateForm } from '@common/forms/validate';
import type { AppError } from '@common/result';
import type { StationClient } from '../../../api/client';
import { useApiEvent } from '../../../composables/api';

/**
 * The counter workstation's state: identify (search with type detection, masked results, audited
 * full views), the customer view, and the e-form (type → form → validate → draft → submit → slip).
 */
export function useWorkstation(client: StationClient) {
  const query = ref('');
  const detected = computed(() => (query.value.trim() ? detectCustomerQuery(query.value) : null));
  const searching = ref(false);
  const searchError = shallowRef<AppError | null>(null);
  const result = shallowRef<CustomerSearchResult | null>(null);

  const customer = shallowRef<CustomerView | null>(null);
  const applications = shallowRef<ApplicationView[]>([]);
  /** The customer's earlier tickets in this hall and their ratings (past visits). */
  const visits = shallowRef<CustomerVisit[]>([]);
  const revealed = reactive<Partial<Record<RevealField, string>>>({});
  const viewError = shallowRef<AppError | null>(null);

  const formType = ref<string>('NEW');
  const values = reactive<FormValues>({});
  const fieldErrors = shallowRef<FieldError[]>([]);
  const draftId = ref<string | null>(null);
  const savingDraft = ref(false);
  const submitting = ref(false);
  const formError = shallowRef<AppError | null>(null);
  const submitted = shallowRef<MethodOutput<'application.submit'> | null>(null);
  const schema = computed(() => formSchema(formType.value)!);

  async function search(): Promise<void> {
    searchError.value = null;
    const q = detectCustomerQuery(query.value);
    if (!q.ok) {
      searchError.value = { code: 'validation', key: q.key, params: q.params, message: q.message, field: 'query' };
      result.value = null;
      return;
    }
    searching.value = true;
    const r = await client.call('customer.search', { query: query.value, limit: 20 });
    searching.value = false;
    if (r.ok) result.value = r.value;
    else searchError.value = r.error;
  }

  async function open(hit: Pick<CustomerHit, 'id'>): Promise<void> {
    viewError.value = null;
    for (const k of Object.keys(revealed) as RevealField[]) delete revealed[k];
    const [v, apps, past] = await Promise.all([
      client.call('customer.view', { customerId: hit.id }),
      client.call('application.forCustomer', { customerId: hit.id }),
      client.call('customer.visits', { customerId: hit.id }),
    ]);
    if (v.ok) customer.value = v.value;
    else viewError.value = v.error;
    applications.value = apps.ok ? apps.value : [];
    visits.value = past.ok ? past.value : [];
  }

  /** The open customer's view and applications again (bills, risk or an application changed elsewhere). */
  async function reload(): Promise<void> {
    const id = customer.value?.customer.id;
    if (id === undefined) return;
    const [v, apps] = await Promise.all([
      client.call('customer.view', { customerId: id }),
      client.call('application.forCustomer', { customerId: id }),
    ]);
    // The agent may have moved on to another customer meanwhile.
    if (customer.value?.customer.id !== id) return;
    if (v.ok) customer.value = v.value;
    if (apps.ok) applications.value = apps.value;
  }
  useApiEvent(client, 'customer.changed', (e) => {
    if (e.customerId === customer.value?.customer.id) void reload();
  });
  useApiEvent(client, 'application.changed', () => {
    if (customer.value) void reload();
  });

  /** The visit is over: nothing of this customer stays on the counter (search, view, revealed data, form). */
  function reset(): void {
    query.value = '';
    result.value = null;
    searchError.value = null;
    customer.value = null;
    applications.value = [];
    visits.value = [];
    viewError.value = null;
    for (const k of Object.keys(revealed) as RevealField[]) delete revealed[k];
    chooseType('NEW');
  }

  async function reveal(field: RevealField): Promise<void> {
    if (!customer.value) return;
    const r = await client.call('customer.reveal', { customerId: customer.value.customer.id, field });
    if (r.ok) revealed[field] = r.value.value;
    else viewError.value = r.error;
  }

  function chooseType(type: string): void {
    formType.value = type;
    for (const k of Object.keys(values)) delete values[k];
    fieldErrors.value = [];
    formError.value = null;
    draftId.value = null;
    submitted.value = null;
    // The identified customer's account fills itself where the form asks for one.
    if (customer.value && schema.value.fields.some((f) => f.key === 'accountNo'))
      values.accountNo = customer.value.customer.accountNo;
  }

  /** Only filled keys travel: an empty input is "not given", not an empty string. */
  function filledValues(): Record<string, string | number | null> {
    const out: Record<string, string | number | null> = {};
    for (const [k, v] of Object.entries(values))
      if (v !== undefined && v !== null && v !== '') out[k] = typeof v === 'string' ? v.trim() : v;
    return out;
  }

  function validate(): boolean {
    fieldErrors.value = validateForm(schema.value, filledValues());
    return fieldErrors.value.length === 0;
  }

  async function saveDraft(): Promise<void> {
    formError.value = null;
    savingDraft.value = true;
    const r = await client.call('application.saveDraft', {
      id: draftId.value ?? undefined,
      type: formType.value,
      customerId: customer.value?.customer.id ?? null,
      values: filledValues(),
    });
    savingDraft.value = false;
    if (r.ok) draftId.value = r.value.id;
    else formError.value = r.error;
  }

  /** Submit; `customerId` is whose application it is (default: the customer open in the view). */
  async function submit(customerId: number | null = customer.value?.customer.id ?? null): Promise<void> {
    formError.value = null;
    if (!validate()) return;
    submitting.value = true;
    const r = await client.call('application.submit', {
      id: draftId.value ?? undefined,
      type: formType.value,
      customerId,
      values: filledValues(),
    });
    submitting.value = false;
    if (!r.ok) {
      formError.value = r.error;
      return;
    }
    submitted.value = r.value;
    if (customer.value && customerId === customer.value.customer.id)
      applications.value = [r.value.application, ...applications.value];
  }

  const errorOf = (key: string): FieldError | null => fieldErrors.value.find((e) => e.field === key) ?? null;

  return {
    query,
    detected,
    searching,
    searchError,
    result,
    search,
    customer,
    applications,
    visits,
    revealed,
    viewError,
    open,
    reload,
    reset,
    reveal,
    formType,
    schema,
    values,
    fieldErrors,
    errorOf,
    draftId,
    savingDraft,
    submitting,
    formError,
    submitted,
    chooseType,
    validate,
    saveDraft,
    submit,
  };
}

export type Workstation = ReturnType<typeof useWorkstation>;
