/**
 * Canonical form content and the signature bound to it (电子签名). The content is written as JSON
 * with keys sorted at every level, strings NFC-normalised and trimmed, numbers in their shortest
 * round-trip form (-0 → 0; NaN and infinities refused), `undefined` members dropped; its SHA-256 is
 * what a signature stores. Changing any value afterwards changes the hash, so the signature no longer
 * verifies. SHA-256 comes through a tiny seam (`Sha256Hex`) so common/ stays pure: node:crypto in
 * main/, WebCrypto in the renderer.
 */
export type Sha256Hex = (utf8: string) => Promise<string> | string;

export function canonicalJson(value: unknown): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value.normalize('NFC').trim());
    case 'number':
      if (!Number.isFinite(value)) throw new RangeError('canonical content cannot hold NaN or infinities');
      return JSON.stringify(Object.is(value, -0) ? 0 : value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'object': {
      if (Array.isArray(value)) return `[${value.map((v) => canonicalJson(v === undefined ? null : v)).join(',')}]`;
      const keys = Object.keys(value as object)
        .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
        .sort();
      return `{${keys.map((k) => `${JSON.stringify(k.normalize('NFC'))}:${canonicalJson((value as Record<string, unknown>)[k])}`).join(',')}}`;
    }
    default:
      throw new TypeError(`canonical content cannot hold a ${typeof value}`);
  }
}

/** The content a signature covers: which form (type, version, application) and its values. */
export interface SignedContent {
  applicationNo: string;
  type: string;
  version: number;
  values: Record<string, unknown>;
}

export interface SignatureRecord {
  id: string;
  /** SHA-256 (hex) of canonicalJson(content) at signing time. */
  contentHash: string;
  signedAt: string;
  /** Reference to the strokes (the sig colleague's stroke model), not part of the binding. */
  strokesRef?: string | null;
}

export async function contentHash(content: SignedContent, sha256: Sha256Hex): Promise<string> {
  return (await sha256(canonicalJson(content))).toLowerCase();
}

export type SignatureValidity = { valid: true } | { valid: false; reason: 'content_changed' | 'malformed' };

/** Does the signature still cover this content? A changed form, or a record with no proper hash, does not. */
export async function verifySignature(
  record: Pick<SignatureRecord, 'contentHash'>,
  content: SignedContent,
  sha256: Sha256Hex,
): Promise<SignatureValidity> {
  if (typeof record?.contentHash !== 'string' || !/^[0-9a-f]{64}$/i.test(record.contentHash))
    return { valid: false, reason: 'malformed' };
  return (await contentHash(content, sha256)) === record.contentHash.toLowerCase()
    ? { valid: true }
    : { valid: false, reason: 'content_changed' };
}
