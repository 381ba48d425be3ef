import { computed, onMounted, onScopeDispose, ref, shallowRef } from 'vue';
import type { CallEvent, QueueSnapshot } from '@common/api/schemas';
import { audioAllowed, playChime, unlockAudio } from '../../audio/chime';
import { speak } from '../../audio/speech';
import { useApi, useApiEvent, useOnReconnect } from '../../composables/api';
import { useApiStore } from '../../stores/api';
import { useStationStore } from '../../stores/station';
import { coalesced } from '../../utils/coalesce';
import { type AnnouncementRecord, createAnnouncer } from './announcer';
import { type DisplaySettings, callText, effectiveDisplay, loadSettings, saveSettings } from './display-settings';
import { LOG_SHOWN, WAITING_SHOWN, mergeCalls } from './types';

/** The hall TV: the latest call, every window, the queue; each call chimed and spoken in turn. */
export function useDisplay() {
  const client = useApi();
  const api = useApiStore();
  const station = useStationStore();

  const snapshot = shallowRef<QueueSnapshot | null>(null);
  const liveCalls = shallowRef<CallEvent[]>([]);
  const log = shallowRef<AnnouncementRecord[]>([]);
  const speaking = ref<string | null>(null);
  const flash = ref(0);
  const soundBlocked = ref(false);
  const browserStore = typeof localStorage === 'undefined' ? null : localStorage;
  const settings = shallowRef<DisplaySettings>(loadSettings(browserStore));
  function updateSettings(next: DisplaySettings): void {
    settings.value = saveSettings(browserStore, next);
  }
  /** The hall's synced voice, template and notices, unless this TV overrides them. */
  const effective = computed(() => effectiveDisplay(settings.value, snapshot.value?.display));

  const announcer = createAnnouncer({
    // The chime sits a little under the voice so the number stays the loudest thing heard.
    chime: () => (effective.value.volume > 0 ? playChime(0.35 * effective.value.volume) : Promise.resolve()),
    speak: (text) => speak(text, { lang: 'zh-CN', rate: effective.value.rate, volume: effective.value.volume }),
    log: (entry) => client.call('display.logAnnouncement', entry),
    onStart: (a) => {
      speaking.value = a.text;
    },
    onRecord: (record) => {
      speaking.value = null;
      log.value = [record, ...log.value].slice(0, LOG_SHOWN);
      soundBlocked.value = !audioAllowed();
    },
  });
  onScopeDispose(() => announcer.clear());

  const calls = computed(() => mergeCalls(liveCalls.value, snapshot.value?.recentCalls ?? [], 10));
  const latest = computed<CallEvent | null>(() => calls.value[0] ?? null);
  const latestText = computed(() => (latest.value ? callText(effective.value, latest.value) : ''));
  const windows = computed(() => [...(snapshot.value?.windows ?? [])].sort((a, b) => a.windowNo - b.windowNo));
  const waiting = computed(() => snapshot.value?.waiting ?? []);
  const waitingShown = computed(() => waiting.value.slice(0, WAITING_SHOWN));
  const waitingMore = computed(() => Math.max(0, waiting.value.length - WAITING_SHOWN));
  const typesWaiting = computed(() => (snapshot.value?.types ?? []).filter((x) => x.waiting > 0));
  const totalWaiting = computed(() => waiting.value.length);
  const hallName = computed(() => station.info?.hallName ?? '');
  const offline = computed(() => api.connection === 'offline' || api.connection === 'rejected');

  /**
   * Calls are announced once each, whether they arrive as a `ticket.called` event or only show up
   * in a later snapshot (a call made at another station and pulled through the central). Calls
   * already in the first snapshot are history: shown, not spoken.
   */
  const seen = new Set<string>();
  let primed = false;
  const keyOf = (call: CallEvent): string => `${call.ticketId}@${call.at}`;
  function announce(call: CallEvent): void {
    const key = keyOf(call);
    if (seen.has(key)) return;
    seen.add(key);
    flash.value++;
    announcer.enqueue({ ticketId: call.ticketId, text: callText(effective.value, call), key });
  }

  const refresh = coalesced(async () => {
    const result = await client.call('queue.snapshot', {});
    if (!result.ok) return;
    snapshot.value = result.value;
    const oldestFirst = [...result.value.recentCalls].sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
    if (!primed) {
      for (const call of oldestFirst) seen.add(keyOf(call));
      primed = true;
    } else {
      for (const call of oldestFirst) announce(call);
    }
  });

  useApiEvent(client, 'ticket.called', (call) => {
    liveCalls.value = mergeCalls([call], liveCalls.value, 20);
    announce(call);
    void refresh();
  });
  useApiEvent(client, 'queue.changed', () => void refresh());
  useOnReconnect(() => void refresh());

  async function enableSound(): Promise<void> {
    soundBlocked.value = !(await unlockAudio());
  }

  onMounted(() => {
    station.ensure();
    void refresh();
    soundBlocked.value = !audioAllowed();
  });

  return {
    hallName,
    offline,
    latest,
    latestText,
    flash,
    calls,
    windows,
    waitingShown,
    waitingMore,
    totalWaiting,
    typesWaiting,
    log,
    speaking,
    soundBlocked,
    enableSound,
    settings,
    effective,
    hallDisplay: computed(() => snapshot.value?.display ?? null),
    updateSettings,
    /** Play a sample through the same queue, so a test never talks over a real call. */
    testVoice: () =>
      announcer.enqueue({
        ticketId: 'voice-test',
        text: callText(effective.value, { ticketNo: 'A001', windowNo: 1, recall: false }),
      }),
  };
}
