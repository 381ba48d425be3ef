import { ERROR_CATALOG } from './catalog';

/**
 * Error texts: every error names a catalog key and its parameters; the text is looked up in the
 * language of whoever reads it (the renderer through vue-i18n, Node consumers in zh-CN). Placeholders
 * are `{name}`, as vue-i18n writes them.
 */
export { ERROR_CATALOG } from './catalog';

export const ERROR_LOCALES = ['zh-CN', 'en'] as const;
export type ErrorLocale = (typeof ERROR_LOCALES)[number];
/** The language of `message` on an error: the halls' own. */
export const MESSAGE_LOCALE: ErrorLocale = 'zh-CN';

/** One text in every language: a catalog entry, or a name the data carries in both (a business type). */
export type LocalizedText = { readonly [L in ErrorLocale]: string };

export type ErrorKey = keyof typeof ERROR_CATALOG;
/** A parameter is shown as it is, or, when it is itself a word to translate, in the reader's language. */
export type ErrorParam = string | number | LocalizedText;
export type ErrorParams = Readonly<Record<string, ErrorParam>>;

type Placeholders<S extends string> = S extends `${string}{${infer P}}${infer Rest}` ? P | Placeholders<Rest> : never;
type PlaceholdersOf<K extends ErrorKey> = Placeholders<(typeof ERROR_CATALOG)[K]['en']>;

/** The parameters a key's text needs, exactly. */
export type ParamsOf<K extends ErrorKey> = [PlaceholdersOf<K>] extends [never]
  ? Readonly<Record<string, never>>
  : { readonly [P in PlaceholdersOf<K>]: ErrorParam };

/** What follows a key: its parameters, optional when the text has none. */
export type ParamsArg<K extends ErrorKey> = [PlaceholdersOf<K>] extends [never]
  ? [params?: ParamsOf<K>]
  : [params: ParamsOf<K>];
/** What follows a key in an error: its parameters, then the input field. */
export type KeyArgs<K extends ErrorKey> = [...ParamsArg<K>, field?: string];

/** A key, its parameters and its text in zh-CN: what a domain error carries besides its code. */
export interface KeyedText {
  key: ErrorKey;
  params: ErrorParams;
  message: string;
}

export const isErrorKey = (value: unknown): value is ErrorKey =>
  typeof value === 'string' && Object.hasOwn(ERROR_CATALOG, value);

/** A catalog entry used as a parameter of another text (a ticket state inside "… is finished"). */
export const term = (key: ErrorKey): LocalizedText => ERROR_CATALOG[key];

export const paramText = (value: ErrorParam, locale: ErrorLocale): string =>
  typeof value === 'object' ? value[locale] : String(value);

const PLACEHOLDER = /\{\s*([A-Za-z_]\w*)\s*\}/g;

/** The names of a text's placeholders, in order. */
export const placeholders = (text: string): string[] => [...text.matchAll(PLACEHOLDER)].map((m) => m[1]!);

/** A key's text with its parameters filled in; a missing parameter stays visible as `{name}`. */
export function renderError(key: ErrorKey, params: ErrorParams = {}, locale: ErrorLocale = MESSAGE_LOCALE): string {
  return ERROR_CATALOG[key][locale].replace(PLACEHOLDER, (whole, name: string) =>
    Object.hasOwn(params, name) ? paramText(params[name]!, locale) : whole,
  );
}

export function keyedText<K extends ErrorKey>(key: K, ...[params]: ParamsArg<K>): KeyedText {
  const given: ErrorParams = params ?? {};
  return { key, params: given, message: renderError(key, given) };
}

/** The catalog of one language as a tree (`queue.windowClosed` → { queue: { windowClosed } }), as vue-i18n nests messages. */
export function catalogTree(locale: ErrorLocale): Record<string, unknown> {
  const tree: Record<string, unknown> = {};
  for (const key of Object.keys(ERROR_CATALOG) as ErrorKey[]) {
    const path = key.split('.');
    let node = tree;
    for (const part of path.slice(0, -1)) node = (node[part] ??= {}) as Record<string, unknown>;
    node[path[path.length - 1]!] = ERROR_CATALOG[key][locale];
  }
  return tree;
}
