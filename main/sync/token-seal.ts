import type { PersonalDataCipher } from '../security/personal-data-cipher';

/** Prefix of a sealed token in sync_state; anything else is a token stored before sealing existed. */
const SEALED = 'sealed-v1:';

/**
 * The station's sync token at rest: AES-256-GCM under the station's personal-data key, so a copied
 * station.db (a backup, a stolen disk image without the key file) holds no usable credential.
 */
export function sealToken(cipher: PersonalDataCipher, token: string): string {
  return SEALED + cipher.encrypt(token).toString('base64');
}

/** The plain token and whether it was stored unsealed (then the caller re-saves it sealed). */
export function openToken(cipher: PersonalDataCipher, stored: string): { token: string; legacy: boolean } {
  if (!stored.startsWith(SEALED)) return { token: stored, legacy: true };
  return { token: cipher.decrypt(Buffer.from(stored.slice(SEALED.length), 'base64')), legacy: false };
}
