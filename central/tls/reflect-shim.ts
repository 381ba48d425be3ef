/**
 * @peculiar/x509 resolves its ASN.1 and crypto helpers through tsyringe, which insists on the
 * Reflect metadata API at load. This is the small part of it tsyringe uses (metadata per target and
 * key), so no reflect-metadata dependency is needed; imported before @peculiar/x509.
 */
type Target = object;
const store = new WeakMap<Target, Map<unknown, unknown>>();
const r = Reflect as unknown as Record<string, unknown>;
if (typeof r.getMetadata !== 'function') {
  r.defineMetadata = (key: unknown, value: unknown, target: Target) => {
    if (!store.has(target)) store.set(target, new Map());
    store.get(target)!.set(key, value);
  };
  r.getMetadata = (key: unknown, target: Target) => {
    for (let t: Target | null = target; t; t = Object.getPrototypeOf(t) as Target | null) {
      const v = store.get(t)?.get(key);
      if (v !== undefined) return v;
    }
    return undefined;
  };
  r.getOwnMetadata = (key: unknown, target: Target) => store.get(target)?.get(key);
  r.hasMetadata = (key: unknown, target: Target) =>
    (r.getMetadata as (k: unknown, t: Target) => unknown)(key, target) !== undefined;
  r.metadata = (key: unknown, value: unknown) => (target: Target) =>
    (r.defineMetadata as (k: unknown, v: unknown, t: Target) => void)(key, value, target);
}
export {};
