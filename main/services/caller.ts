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
   * or `ipc:<role>[:<window>]` in Electron, set by the adapter that bound the connection. Callers
   * built in-process (the station's own code, tests, benches) name themselves with
   * `inProcessSource()`; there is no caller without a source.
   */
  readonly source: string;
  /** `locked`: the counter is locked (agent away); staff-only calls wait for the PIN. */
  session: (StaffSession & { staffId: string; windowSessionId: string | null; locked?: boolean }) | null;
}

/** The logged-in staff member behind a call, for calls only staff may make. */
export function signedIn(caller: CallerContext): NonNullable<CallerContext['session']> {
  if (!caller.session) throw new AppFailure('unauthenticated', 'access.loginRequired');
  return caller.session;
}

/** Sources of callers built in-process start with this; no adapter produces it (addresses, `ipc:`). */
const IN_PROCESS = 'local:';

/** The source of a caller the station's own code builds (its jobs, tests, benches): `local:<name>`. */
export function inProcessSource(name: string): string {
  return `${IN_PROCESS}${name}`;
}

/** The caller's source, as the audit records it. */
export function sourceOf(caller: CallerContext): string {
  return caller.source;
}

/** The key a budget counts this caller under (`parts` narrow it), or null for an in-process caller, which no budget applies to. */
export function budgetKey(caller: CallerContext, ...parts: string[]): string | null {
  return caller.source.startsWith(IN_PROCESS) ? null : [caller.source, ...parts].join('|');
}
