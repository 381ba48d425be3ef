import { computed, onMounted, onScopeDispose, reactive, ref, shallowRef } from 'vue';
import { useI18n } from 'vue-i18n';
import type { RatingPrompt } from '@common/api/schemas';
import { type RatingLevel, needsReason } from '@common/domain/ratings';
import type { AppError } from '@common/result';
import type { StationClient } from '../../api/client';
import { useApiEvent, useOnReconnect } from '../../composables/api';
import { DEFAULT_LOCALE, currentLocale, setLocale } from '../../i18n';
import { coalesced } from '../../utils/coalesce';
import { errorText } from '../../utils/errors';
import {
  DIMS_SECONDS,
  type Dimension,
  POLL_SECONDS,
  type RateScreen,
  type ReasonTag,
  THANKS_SECONDS,
  chosenDimensions,
  composeReason,
  reasonReady,
  screenFor,
} from './types';

/** The customer-facing screen of one window: agent, progress, then the rating with its countdown. */
export function useRate(windowNo: number, client: StationClient) {
  const { t } = useI18n();
  const prompt = shallowRef<RatingPrompt | null>(null);
  const handled = reactive(new Set<string>());
  const after = ref<'thanks' | 'timedOut' | null>(null);
  const afterLeft = ref(0);
  const level = ref<RatingLevel | null>(null);
  const dims = reactive<Partial<Record<Dimension, number>>>({});
  const tags = ref<ReasonTag[]>([]);
  const text = ref('');
  const busy = ref(false);
  const error = shallowRef<AppError | null>(null);
  const reasonMissing = ref(false);
  const remaining = ref(0);
  let ratingFor: string | null = null;
  /** After the level: the optional dimensions, offered on the thanks screen for the rating just stored. */
  const ratedId = ref<string | null>(null);
  const dimsState = ref<'offered' | 'sending' | 'sent' | 'skipped' | null>(null);

  const screen = computed<RateScreen>(() => after.value ?? screenFor(prompt.value, handled));
  const awaiting = computed(() => (screen.value === 'rating' ? (prompt.value?.awaitingRating ?? null) : null));
  const agent = computed(() => prompt.value?.agent ?? null);
  const current = computed(() => prompt.value?.current ?? null);
  const errorMessage = computed(() => errorText(t, error.value));
  const needsReasonNow = computed(() => level.value !== null && needsReason(level.value));

  const refresh = coalesced(async () => {
    const r = await client.call('rate.prompt', {});
    if (!r.ok) return;
    prompt.value = r.value;
    // The next customer is called while the last one's thanks is still up: the screen is theirs now.
    const next = r.value.current?.status;
    if (after.value && (next === 'called' || next === 'serving')) endAfter();
    const id = r.value.awaitingRating?.id ?? null;
    if (id && !handled.has(id) && ratingFor !== id) beginRating(id, r.value.timeoutSec);
  });

  function resetForm(): void {
    level.value = null;
    tags.value = [];
    text.value = '';
    reasonMissing.value = false;
    error.value = null;
    for (const d of Object.keys(dims) as Dimension[]) delete dims[d];
  }

  function beginRating(ticketId: string, timeoutSec: number): void {
    ratingFor = ticketId;
    after.value = null;
    resetForm();
    remaining.value = Math.max(5, timeoutSec);
  }

  function finish(kind: 'thanks' | 'timedOut', ticketId: string, ratingId: string | null = null): void {
    handled.add(ticketId);
    ratingFor = null;
    resetForm();
    after.value = kind;
    ratedId.value = ratingId;
    dimsState.value = ratingId ? 'offered' : null;
    afterLeft.value = ratingId ? DIMS_SECONDS : THANKS_SECONDS;
  }

  /** The thanks (or timed-out) screen is over: back to the window's own state, in the hall's language. */
  function endAfter(): void {
    after.value = null;
    ratedId.value = null;
    dimsState.value = null;
    resetForm();
    if (currentLocale.value !== DEFAULT_LOCALE) setLocale(DEFAULT_LOCALE, false);
  }

  /** The dimensions tapped on the thanks screen, added to the stored rating (once). */
  async function submitDims(): Promise<void> {
    const id = ratedId.value;
    const chosen = chosenDimensions(dims);
    if (!id || dimsState.value !== 'offered' || !chosen) return;
    dimsState.value = 'sending';
    error.value = null;
    const r = await client.call('rate.addDimensions', { ratingId: id, dimensions: chosen });
    if (r.ok || r.error.code === 'conflict') {
      dimsState.value = 'sent';
      afterLeft.value = THANKS_SECONDS;
    } else {
      dimsState.value = 'offered';
      error.value = r.error;
    }
  }

  function skipDims(): void {
    dimsState.value = 'skipped';
    afterLeft.value = Math.min(afterLeft.value, 3);
  }

  async function send(chosen: RatingLevel): Promise<void> {
    const ticket = awaiting.value;
    if (!ticket || busy.value) return;
    if (!reasonReady(chosen, tags.value, text.value)) {
      level.value = chosen;
      reasonMissing.value = tags.value.length > 0 || text.value.length > 0;
      return;
    }
    busy.value = true;
    error.value = null;
    try {
      const reason = needsReason(chosen)
        ? composeReason(
            tags.value.map((x) => t(`rate.tags.${x}`)),
            text.value,
          )
        : undefined;
      // The level is recorded at once; the optional dimensions are asked for afterwards.
      const input = { ticketId: ticket.id, level: chosen, dimensions: {}, ...(reason ? { reason } : {}) };
      const r = await client.call('rate.submit', input);
      if (r.ok) finish('thanks', ticket.id, r.value.id);
      else if (r.error.code === 'conflict') finish('thanks', ticket.id);
      else error.value = r.error;
    } finally {
      busy.value = false;
    }
  }

  /** Tap a level: a good rating is sent at once; a bad one asks for the reason first. */
  function choose(chosen: RatingLevel): void {
    if (needsReason(chosen)) {
      level.value = chosen;
      reasonMissing.value = false;
      return;
    }
    level.value = chosen;
    void send(chosen);
  }

  function submitReason(): void {
    if (!level.value) return;
    if (!reasonReady(level.value, tags.value, text.value)) {
      reasonMissing.value = true;
      return;
    }
    void send(level.value);
  }

  function toggleTag(tag: ReasonTag): void {
    tags.value = tags.value.includes(tag) ? tags.value.filter((x) => x !== tag) : [...tags.value, tag];
    reasonMissing.value = false;
  }

  function setDim(d: Dimension, value: number): void {
    dims[d] = dims[d] === value ? undefined : value;
    if (dims[d] === undefined) delete dims[d];
  }

  function cancelReason(): void {
    level.value = null;
    reasonMissing.value = false;
  }

  let timingOut = false;
  async function timeout(): Promise<void> {
    const ticket = awaiting.value;
    if (!ticket || timingOut) return;
    timingOut = true;
    try {
      const r = await client.call('rate.timeout', { ticketId: ticket.id });
      if (r.ok || r.error.code === 'conflict' || r.error.code === 'not_found') finish('timedOut', ticket.id);
      else remaining.value = 5; // the host is unreachable: try again shortly
    } finally {
      timingOut = false;
    }
  }

  // Agent log-in/out and calls made elsewhere may raise no event here: look again now and then.
  let sincePoll = 0;
  const tick = setInterval(() => {
    if (++sincePoll >= POLL_SECONDS && screen.value !== 'rating' && !after.value) {
      sincePoll = 0;
      void refresh();
    }
    if (after.value) {
      afterLeft.value -= 1;
      if (afterLeft.value <= 0) {
        endAfter();
        void refresh();
      }
      return;
    }
    if (screen.value === 'rating' && !busy.value && !timingOut) {
      remaining.value -= 1;
      if (remaining.value <= 0) void timeout();
    }
  }, 1000);
  onScopeDispose(() => clearInterval(tick));

  function toggleLocale(): void {
    setLocale(currentLocale.value === 'en' ? 'zh-CN' : 'en', false);
  }

  useApiEvent(client, 'rating.requested', (p) => {
    if (p.windowNo === windowNo) void refresh();
  });
  useApiEvent(client, 'queue.changed', () => void refresh());
  useOnReconnect(() => void refresh());
  onMounted(() => {
    if (currentLocale.value !== DEFAULT_LOCALE) setLocale(DEFAULT_LOCALE, false);
    void refresh();
  });

  return {
    screen,
    prompt,
    agent,
    current,
    awaiting,
    level,
    dims,
    tags,
    text,
    busy,
    errorMessage,
    reasonMissing,
    needsReasonNow,
    remaining,
    locale: currentLocale,
    choose,
    submitReason,
    cancelReason,
    toggleTag,
    setDim,
    toggleLocale,
    dimsState,
    submitDims,
    skipDims,
  };
}
