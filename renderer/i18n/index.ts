import { computed } from 'vue';
import { createI18n } from 'vue-i18n';
import { en } from './en';
import { errorMessages } from './error-messages';
import { precompile } from './precompile';
import { zhCN } from './zh-CN';

export const LOCALES = ['zh-CN', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'zh-CN';

const STORAGE_KEY = 'hall-console.locale';

export const isLocale = (v: unknown): v is Locale =>
  typeof v === 'string' && (LOCALES as readonly string[]).includes(v);

function storedLocale(): Locale {
  try {
    const v = localStorage.getItem(STORAGE_KEY);
    return isLocale(v) ? v : DEFAULT_LOCALE;
  } catch {
    return DEFAULT_LOCALE;
  }
}

/** zh-CN first, English second. Messages of each role area are merged when the area loads. */
export const i18n = createI18n({
  legacy: false,
  locale: storedLocale(),
  fallbackLocale: DEFAULT_LOCALE,
  // Cast: vue-i18n's message typing does not model precompiled AST leaves.
  messages: { 'zh-CN': precompile(zhCN), en: precompile(en) } as unknown as Record<Locale, Record<string, string>>,
  missingWarn: import.meta.env.DEV,
  fallbackWarn: false,
});

type Messages = Record<string, unknown>;

/** Merge an area's messages (called once, when its lazy chunk loads). */
export function registerMessages(messages: Record<Locale, Messages>): void {
  for (const locale of LOCALES)
    i18n.global.mergeLocaleMessage(locale, precompile(messages[locale]) as unknown as Record<string, string>);
}

// Errors can come from any area, so their texts are there from the start.
registerMessages(errorMessages);

export const currentLocale = computed<Locale>(() =>
  isLocale(i18n.global.locale.value) ? i18n.global.locale.value : DEFAULT_LOCALE,
);

/** Switch the language; `persist` remembers it for staff pages (the kiosk resets per customer). */
export function setLocale(locale: Locale, persist = true): void {
  i18n.global.locale.value = locale;
  document.documentElement.lang = locale;
  if (persist) {
    try {
      localStorage.setItem(STORAGE_KEY, locale);
    } catch {
      /* private mode: not remembered */
    }
  }
}

export function initDocumentLang(): void {
  document.documentElement.lang = currentLocale.value;
}
