import { computed } from 'vue';
import { createI18n } from 'vue-i18n';
import common from './common.messages';
import errors from './errors.messages';
import { LOCALES, type Locale, type MessageModule } from './message-module';
import { precompile } from './precompile';

export { LOCALES, type Locale };
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

/** The entry ships `common` and `errors`; each role area's modules are merged when its route loads. */
const initial = (locale: Locale) => precompile({ ...common[locale], ...errors[locale] });

export const i18n = createI18n({
  legacy: false,
  locale: storedLocale(),
  fallbackLocale: DEFAULT_LOCALE,
  // Cast: vue-i18n's message typing does not model precompiled AST leaves.
  messages: { 'zh-CN': initial('zh-CN'), en: initial('en') } as unknown as Record<Locale, Record<string, string>>,
  missingWarn: import.meta.env.DEV,
  fallbackWarn: false,
});

/** Merge a message module (see message-module.ts); its route calls this when the area loads. */
export function registerMessages(module: MessageModule): void {
  for (const locale of LOCALES)
    i18n.global.mergeLocaleMessage(locale, precompile(module[locale]) as unknown as Record<string, string>);
}

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
