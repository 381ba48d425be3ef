import type { Role } from '@common/api/roles';

/**
 * The device credential this browser was given when its screen was paired, per role and window
 * (one browser may show a counter on one tab and its customer screen on another). localStorage:
 * it survives a reload and a restart of the PC, and only this origin can read it.
 */
const key = (role: Role, windowNo: number | null) =>
  `hall-console.credential.${role}${windowNo === null ? '' : `.${windowNo}`}`;

type StorageLike = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

function store(): StorageLike | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null; // storage disabled: the screen pairs again after each reload
  }
}

export function loadCredential(role: Role, windowNo: number | null, s = store()): string | null {
  return s?.getItem(key(role, windowNo)) ?? null;
}

export function saveCredential(role: Role, windowNo: number | null, credential: string, s = store()): void {
  s?.setItem(key(role, windowNo), credential);
}

export function forgetCredential(role: Role, windowNo: number | null, s = store()): void {
  s?.removeItem(key(role, windowNo));
}
