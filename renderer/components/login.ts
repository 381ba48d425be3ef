/** The staff login form's rules (the host checks them again: contract.ts auth.login). Pure. */
export const STAFF_NO_PATTERN = /^\d{4,8}$/;
export const PIN_PATTERN = /^\d{4,8}$/;

export type LoginProblem = 'badStaffNo' | 'badPin' | null;

export function checkLogin(staffNo: string, pin: string): LoginProblem {
  if (!STAFF_NO_PATTERN.test(staffNo.trim())) return 'badStaffNo';
  if (!PIN_PATTERN.test(pin)) return 'badPin';
  return null;
}
