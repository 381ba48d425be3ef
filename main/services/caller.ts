import type { Role } from '@common/api/roles';
import type { StaffSession } from '@common/api/schemas';
import { AppFailure } from '@common/result';

/** Who is calling: the window's role (bound by the adapter, never by the payload) and its login. */
export interface CallerContext {
  readonly connectionId: string;
  readonly role: Role;
  readonly windowNo: number | null;
  /**
   * Where the calls come from, for per-source budgets and the audit: the WebSocket's remote address,
   * or `ipc:<role>[:<window>]` in Electron; both adapters always set it. Absent only for callers
   * built in-process (the station's own code, tests, benches), which no budget applies to.
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

/** The caller's source for the audit; an in-process caller is named by its connection. */
export function sourceOf(caller: CallerContext): string {
  return caller.source ?? `local:${caller.connectionId}`;
}

/** The key a budget counts this caller under (`parts` narrow it), or null for an in-process caller. */
export function budgetKey(caller: CallerContext, ...parts: string[]): string | null {
  return caller.source === undefined ? null : [caller.source, ...parts].join('|');
}
