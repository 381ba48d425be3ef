import type { Role } from '@common/api/roles';
import type { StaffSession } from '@common/api/schemas';
import { AppFailure } from '@common/result';

/** Who is calling: the window's role (bound by the adapter, never by the payload) and its login. */
export interface CallerContext {
  readonly connectionId: string;
  readonly role: Role;
  readonly windowNo: number | null;
  /** `locked`: the counter is locked (agent away); staff-only calls wait for the PIN. */
  session: (StaffSession & { staffId: string; windowSessionId: string | null; locked?: boolean }) | null;
}

/** The logged-in staff member behind a call, for calls only staff may make. */
export function signedIn(caller: CallerContext): NonNullable<CallerContext['session']> {
  if (!caller.session) throw new AppFailure('unauthenticated', 'access.loginRequired');
  return caller.session;
}
