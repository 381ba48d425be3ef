/**
 * The message-module convention. A module is a file `<name>.messages.ts` whose default export is a plain
 * object `{ 'zh-CN': { <name>: {...} }, en: { <name>: {...} } }`: one top-level namespace, equal to the
 * file's name, so every key reads `<name>.…`; zh-CN first, and the English tree has exactly the Chinese
 * tree's keys (SameKeys, and tests/unit/renderer/i18n-keys.test.ts). Importing a module has no side
 * effects: `common` and `errors` are merged when the app starts (i18n/index.ts), an area's modules when
 * its route loads (routes/area-messages.ts), so a terminal downloads only its own area's words.
 *
 * A large area may split its tree into parts, `<area>/messages/<part>.ts`, each exporting the same
 * `{ 'zh-CN', en }` shape without the namespace; the area's module nests each under `<name>.<part>`.
 */
export const LOCALES = ['zh-CN', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

export interface MessageTree {
  readonly [key: string]: string | MessageTree;
}

export type MessageModule = Readonly<Record<Locale, MessageTree>>;

/** The same keys with any texts: the type of the English tree, given the Chinese one. */
export type SameKeys<T> = { [K in keyof T]: T[K] extends string ? string : SameKeys<T[K]> };
