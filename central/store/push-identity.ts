import { AppFailure } from '@common/result';
import { LOGIN_STATION_ROLES } from '@common/sync/reference-data';
import type { StationCaller } from './station-auth';

/**
 * Who a pushed mutation says did it, checked against the token that carried it. A station's id is
 * its client id, so a station id in the arguments must be the caller's own. A station without a
 * staff login (kiosk, display) can name no staff member: its actor is nobody or the station itself
 * (`kiosk:<client id>`, how a kiosk's payments and audit entries are recorded).
 *
 * A `hall` credential is the hall's own trust anchor (a one-PC hall, or a hall relay forwarding its
 * stations' mutations upstream), so the station ids it carries may be any of its hall's stations.
 * Which staff member acted on a login station is that station's word: the central cannot see who
 * typed the PIN, so a staff actor is accepted from a login role as sent.
 */
export function checkPushIdentity(caller: StationCaller, name: string, args: unknown): void {
  if (caller.role === 'hall' || typeof args !== 'object' || args === null) return;
  const a = args as Record<string, unknown>;
  const own = caller.clientId;
  const selfActor = `kiosk:${own}`;
  const refuse = (field: string): never => {
    throw new AppFailure('forbidden', 'sync.identityForged', { field, name: name.slice(0, 64) });
  };
  if (name === 'audit.append' && a.stationId !== undefined && a.stationId !== own) refuse('stationId');
  if (LOGIN_STATION_ROLES.includes(caller.role)) return;
  if (name === 'audit.append' && a.actor !== null && a.actor !== undefined && a.actor !== selfActor) refuse('actor');
  if (typeof a.staffId === 'string' && a.staffId !== selfActor) refuse('staffId');
}
