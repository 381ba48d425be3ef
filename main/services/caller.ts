import type { Role } from '@common/api/roles';
import type { StaffSession } from '@common/api/schemas';
import { AppFailure } from '@common/result';

/** Who is calling: the window's role (bound by the adapter, never by the payload) and its login. */
export interface CallerContext {
  readonly connectionId: string;
  readonly role: Role;
  readonly windowNo: number | null;
  /**
   * Where the calls come from, for per-source limits and the audit: the WebSocket's remote address,
   * or `ipc:<window>` in Electron. Absent only for callers built in-process (tests, benches).
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

/** The caller's source for limits and the audit; an in-process caller counts as its own connection. */
export function sourceOf(caller: CallerContext): string {
  return caller.source ?? `local:${caller.connectionId}`;
}
