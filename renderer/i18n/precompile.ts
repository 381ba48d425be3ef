/**
 * Messages precompiled to vue-i18n's message AST at load time, so the bundle ships without the
 * intlify message compiler (__INTLIFY_DROP_MESSAGE_COMPILER__, see vite.config.ts) and never
 * evaluates code (strict CSP). Supported syntax: plain text and `{name}` placeholders — no plurals
 * (`|`), no linked messages (`@:`), which these messages do not use. Pure; unit-tested.
 */
type Part = { type: 3; value: string } | { type: 4; key: string };
export interface MessageAst {
  type: 0;
  body: { type: 2; static?: string; items?: Part[] };
}

export function toAst(message: string): MessageAst {
  const items: Part[] = [];
  const re = /\{\s*([A-Za-z_][\w]*)\s*\}/g;
  let last = 0;
  for (let m = re.exec(message); m; m = re.exec(message)) {
    if (m.index > last) items.push({ type: 3, value: message.slice(last, m.index) });
    items.push({ type: 4, key: m[1] as string });
    last = m.index + m[0].length;
  }
  if (items.length === 0) return { type: 0, body: { type: 2, static: message } };
  if (last < message.length) items.push({ type: 3, value: message.slice(last) });
  return { type: 0, body: { type: 2, items } };
}

export type Precompiled<T> = { [K in keyof T]: T[K] extends string ? MessageAst : Precompiled<T[K]> };

/** Every string leaf of a message tree, as AST. */
export function precompile<T extends object>(tree: T): Precompiled<T> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(tree)) {
    out[key] =
      typeof value === 'string'
        ? toAst(value)
        : value && typeof value === 'object'
          ? precompile(value as object)
          : value;
  }
  return out as Precompiled<T>;
}

/** Render an AST back to text with named values (what vue-i18n does; used by tests). */
export function renderAst(ast: MessageAst, named: Record<string, unknown> = {}): string {
  if (ast.body.static !== undefined) return ast.body.static;
  return (ast.body.items ?? []).map((p) => (p.type === 3 ? p.value : String(named[p.key] ?? ''))).join('');
}
