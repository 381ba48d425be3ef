import { computed, onMounted, onScopeDispose, ref, shallowRef, watch } from 'vue';
import { useI18n } from 'vue-i18n';
import type { QueueSnapshot } from '@common/api/schemas';
import type { AppError } from '@common/result';
import { speak } from '../../audio/speech';
import { useApi, useApiEvent, useOnReconnect } from '../../composables/api';
import { DEFAULT_LOCALE, currentLocale, setLocale } from '../../i18n';
import { useApiStore } from '../../stores/api';
import { useStationStore } from '../../stores/station';
import { coalesced } from '../../utils/coalesce';
import { errorText } from '../../utils/errors';
import {
  ELDER_TIME_FACTOR,
  IDLE_RESET_SECONDS,
  IDLE_WARN_SECONDS,
  type FontScale,
  type IssuedTicket,
  type KioskScreen,
  RESULT_SECONDS,
  nextScale,
} from './types';

/** Spoken prompts a little slower in 适老模式. */
const ELDER_SPEECH_RATE = 0.85;

/** The self-service kiosk: choose a service, get a ticket, back home by itself. */
export function useKiosk() {
  const client = useApi();
  const api = useApiStore();
  const station = useStationStore();
  const { t } = useI18n();

  const snapshot = shallowRef<QueueSnapshot | null>(null);
  const loadError = shallowRef<AppError | null>(null);
  const issueError = shallowRef<AppError | null>(null);
  const issuing = ref<string | null>(null);
  const screen = ref<KioskScreen>('home');
  const issued = shallowRef<IssuedTicket | null>(null);
  const scale = ref<FontScale>(1);
  /** 适老模式: 200 %, looser lines, stronger contrast, spoken prompts, slower countdowns. */
  const elder = ref(false);
  const timeFactor = computed(() => (elder.value ? ELDER_TIME_FACTOR : 1));
  const countdown = ref(RESULT_SECONDS);
  const idleSeconds = ref(0);

  const types = computed(() => snapshot.value?.types ?? []);
  /** Something the last customer changed that the next one should not inherit. */
  const needsReset = computed(
    () => scale.value !== 1 || elder.value || currentLocale.value !== DEFAULT_LOCALE || issueError.value !== null,
  );
  /** Seconds left before the home screen resets, shown during the last IDLE_WARN_SECONDS; else null. */
  const resetIn = computed(() => {
    const left = IDLE_RESET_SECONDS * timeFactor.value - idleSeconds.value;
    return (screen.value === 'home' || screen.value === 'more' || screen.value === 'guide') &&
      needsReset.value &&
      left <= IDLE_WARN_SECONDS
      ? Math.max(0, left)
      : null;
  });
  const hallName = computed(() => station.info?.hallName ?? '');
  const offline = computed(() => api.connection === 'offline' || api.connection === 'rejected');
  const error = computed(() => {
    const e = issueError.value ?? (types.value.length === 0 ? loadError.value : null);
    // While offline the banner already says so; one message, not two.
    if (!e || (offline.value && e.code === 'unavailable')) return '';
    return errorText(t, e);
  });

  const refresh = coalesced(async () => {
    const result = await client.call('queue.snapshot', {});
    if (result.ok) {
      snapshot.value = result.value;
      loadError.value = null;
    } else {
      loadError.value = result.error;
    }
  });

  type Issued = {
    ticket: IssuedTicket['ticket'];
    waitingAhead: number;
    printed: boolean;
    estimatedWaitMin: number;
    warning: { waiting: number } | null;
    appointment?: IssuedTicket['appointment'];
    offlineNumber: boolean;
  };
  /** Issue (or check in) once at a time; show the ticket, or the error on this screen. */
  async function run(
    key: string,
    call: () => Promise<{ ok: true; value: Issued } | { ok: false; error: AppError }>,
  ): Promise<void> {
    if (issuing.value) return;
    issuing.value = key;
    issueError.value = null;
    touch();
    try {
      const result = await call();
      if (!result.ok) {
        issueError.value = result.error;
        return;
      }
      const { ticket, waitingAhead, printed, estimatedWaitMin, warning, appointment, offlineNumber } = result.value;
      issued.value = {
        ticket,
        waitingAhead,
        printed,
        estimatedWaitMin,
        // Told as a customer would want it; the threshold is staff language.
        warning: warning ? t('kiosk.busy', { n: warning.waiting }) : null,
        appointment: appointment ?? null,
        offlineNumber,
        type: types.value.find((x) => x.code === ticket.businessType) ?? null,
      };
      screen.value = 'result';
      countdown.value = RESULT_SECONDS * timeFactor.value;
      announce(ticket.number, waitingAhead);
      void refresh();
    } finally {
      issuing.value = null;
    }
  }

  const issue = (code: string) => run(code, () => client.call('queue.issueTicket', { businessType: code }));
  /** 预约取号: check in today's appointment by phone number or appointment code. */
  const checkIn = (input: { phone: string } | { code: string }) =>
    run('appointment', () => client.call('queue.checkIn', input));
  /** 缴费查询: the self-service screen keeps its own session and countdown. */
  function openSelfService(): void {
    issueError.value = null;
    screen.value = 'pay';
    touch();
  }
  function openAppointment(): void {
    issueError.value = null;
    screen.value = 'appointment';
    touch();
    prompt(t('kiosk.speechAppointment'));
  }
  /** 其他业务: the services that do not fit on the home screen at this size. */
  function openMore(): void {
    issueError.value = null;
    screen.value = 'more';
    touch();
    prompt(t('kiosk.speechMore'));
  }
  /** 办事指南: what to bring and where it can be done online. */
  function openGuide(): void {
    issueError.value = null;
    screen.value = 'guide';
    touch();
    prompt(t('kiosk.speechGuide'));
  }
  function backHome(): void {
    screen.value = 'home';
    issueError.value = null;
    touch();
  }

  const speechLang = () => (currentLocale.value === 'en' ? 'en-US' : 'zh-CN');
  /** In 适老模式 each screen says what to do; otherwise the kiosk stays quiet until a ticket is issued. */
  function prompt(text: string): void {
    if (elder.value) void speak(text, { lang: speechLang(), rate: ELDER_SPEECH_RATE, maxMs: 12_000 });
  }

  function announce(number: string, ahead: number): void {
    const aheadText = ahead > 0 ? t('kiosk.speechAhead', { n: ahead }) : t('kiosk.speechNone');
    void speak(t('kiosk.speech', { number, ahead: aheadText }), {
      lang: speechLang(),
      ...(elder.value ? { rate: ELDER_SPEECH_RATE } : {}),
      maxMs: 12_000,
    });
  }

  function home(): void {
    screen.value = 'home';
    issued.value = null;
    issueError.value = null;
    idleSeconds.value = 0;
    hush();
  }

  function hush(): void {
    try {
      window.speechSynthesis?.cancel();
    } catch {
      /* no speech */
    }
  }

  /** The next customer starts fresh: Chinese, normal size, 适老模式 off, no leftover message. */
  function resetForNextCustomer(): void {
    home();
    scale.value = 1;
    elder.value = false;
    if (currentLocale.value !== DEFAULT_LOCALE) setLocale(DEFAULT_LOCALE, false);
  }

  function touch(): void {
    idleSeconds.value = 0;
    if (screen.value === 'result') countdown.value = RESULT_SECONDS * timeFactor.value;
  }

  function toggleScale(): void {
    scale.value = nextScale(scale.value);
    touch();
  }

  function toggleElder(): void {
    elder.value = !elder.value;
    scale.value = elder.value ? 2 : 1;
    touch();
    if (elder.value) prompt(t('kiosk.speechElderOn'));
    else hush();
  }

  function toggleLocale(): void {
    setLocale(currentLocale.value === 'en' ? 'zh-CN' : 'en', false);
    touch();
  }

  const tick = setInterval(() => {
    if (screen.value === 'result') {
      countdown.value -= 1;
      if (countdown.value <= 0) resetForNextCustomer();
      return;
    }
    // Self-service counts down its own session (a customer scanning a QR is not idle).
    if (screen.value === 'pay') return;
    idleSeconds.value += 1;
    // A half-typed phone number must not wait for the next customer.
    if (
      idleSeconds.value >= IDLE_RESET_SECONDS * timeFactor.value &&
      (needsReset.value || screen.value === 'appointment' || screen.value === 'more' || screen.value === 'guide')
    )
      resetForNextCustomer();
  }, 1000);
  onScopeDispose(() => clearInterval(tick));

  // Each screen starts at its top (a tap low on a long list must not leave the result scrolled away).
  watch(screen, () => window.scrollTo({ top: 0 }));

  useApiEvent(client, 'queue.changed', () => void refresh());
  useOnReconnect(() => {
    issueError.value = null;
    void refresh();
  });
  onMounted(() => {
    // The kiosk always starts in Chinese for the next customer.
    if (currentLocale.value !== DEFAULT_LOCALE) setLocale(DEFAULT_LOCALE, false);
    station.ensure();
    void refresh();
  });

  return {
    types,
    hallName,
    offline,
    error,
    loadFailed: computed(() => types.value.length === 0 && loadError.value !== null),
    loading: computed(() => snapshot.value === null && loadError.value === null),
    issuing,
    screen,
    issued,
    scale,
    elder,
    countdown,
    resetIn,
    locale: currentLocale,
    issue,
    checkIn,
    openAppointment,
    openSelfService,
    openMore,
    openGuide,
    backHome,
    clearError: () => (issueError.value = null),
    home: resetForNextCustomer,
    refresh,
    touch,
    toggleScale,
    toggleElder,
    toggleLocale,
  };
}
