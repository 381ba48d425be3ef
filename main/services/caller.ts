import type { Role } from '@common/api/roles';
import type { StaffSession } from '@common/api/schemas';
import { AppFailure } from '@common/result';

/** Who is calling: the window's role (bound by the adapter, never by the payload) and its login. */
export interface CallerContext {
  readonly connectionId: string;
  readonly role: Role;
  readonly windowNo: number | null;
  /**
   * Where the call comes from: the socket's remote address, or `ipc:<window>` for an Electron window.
   * Absent only in code that builds a context without a connection (tests, tools).
   */
  readonly source?: string;
  /** `locked`: the counter is locked (agent away); staff-only calls wait for the PIN. */
  session: (StaffSession & { staffId: string; windowSessionId: string | null; locked?: boolean }) | null;
}

/** The logged-in staff member behind a call, for calls only staff may make. */
export function signedIn(caller: CallerContext): NonNullable<CallerContext['session']> {
  if (!caller.session) throw new AppFailure('unauthenticated', 'access.loginRequired');
  return caller.session;
}
