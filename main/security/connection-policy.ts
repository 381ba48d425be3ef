import { isIP } from 'node:net';
import os from 'node:os';

/**
 * Who may open the station's WebSocket, decided from the upgrade request alone (pure but for the
 * interface list read once by `stationNames`). Origin and Host stop a web page on another origin,
 * or a DNS-rebound name, from using an agent's browser against the station; the credential (checked
 * by the pairing service) stops everyone else.
 */

/** A listen address that only this machine can reach. */
export function isLoopbackAddress(address: string): boolean {
  const a = address.replace(/^\[|\]$/g, '').toLowerCase();
  if (a === 'localhost' || a === '::1') return true;
  if (a.startsWith('::ffff:')) return isLoopbackAddress(a.slice(7));
  return isIP(a) === 4 && a.startsWith('127.');
}

/** The host names and addresses (lower case, IPv6 bracketed) under which the station can be reached. */
export function stationNames(
  listenHost: string,
  interfaces: NodeJS.Dict<os.NetworkInterfaceInfo[]> = os.networkInterfaces(),
  hostname: string = os.hostname(),
  extra: readonly string[] = [],
): Set<string> {
  const names = new Set<string>(['localhost', '127.0.0.1', '[::1]']);
  const add = (name: string) => names.add(isIP(name) === 6 ? `[${name.toLowerCase()}]` : name.toLowerCase());
  if (isLoopbackAddress(listenHost)) {
    add(listenHost);
    return names;
  }
  if (listenHost !== '0.0.0.0' && listenHost !== '::') add(listenHost);
  else for (const list of Object.values(interfaces)) for (const i of list ?? []) add(i.address);
  if (hostname) {
    add(hostname);
    add(`${hostname}.local`);
  }
  for (const name of extra) if (name.trim()) add(name.trim());
  return names;
}

export interface UpgradeFacts {
  /** The Host header. */
  host: string | undefined;
  /** The Origin header (a browser always sends it on a WebSocket upgrade). */
  origin: string | undefined;
}

export interface StationAddress {
  /** Names and addresses from `stationNames`. */
  names: ReadonlySet<string>;
  port: number;
}

/** `name:port` split, IPv6 kept in brackets; null when it does not parse. */
function hostAndPort(value: string, defaultPort: number): { name: string; port: number } | null {
  const m = /^(\[[0-9a-f:.]+\]|[^:[\]]+)(?::(\d{1,5}))?$/i.exec(value.trim());
  if (!m) return null;
  return { name: m[1]!.toLowerCase(), port: m[2] ? Number(m[2]) : defaultPort };
}

export type UpgradeVerdict = { ok: true } | { ok: false; reason: string };

/**
 * The Host must name the station (a rebound name does not); an Origin, when sent, must be the
 * station's own page. A request without Origin is not from a browser page, and gets no more than
 * its credential allows.
 */
export function checkUpgrade(facts: UpgradeFacts, station: StationAddress): UpgradeVerdict {
  const host = facts.host ? hostAndPort(facts.host, 80) : null;
  if (!host || !station.names.has(host.name) || host.port !== station.port)
    return { ok: false, reason: 'host is not this station' };
  if (facts.origin === undefined) return { ok: true };
  let origin: URL;
  try {
    origin = new URL(facts.origin);
  } catch {
    return { ok: false, reason: 'origin is not this station' };
  }
  if (origin.protocol !== 'http:' && origin.protocol !== 'https:')
    return { ok: false, reason: 'origin is not this station' };
  const port = origin.port ? Number(origin.port) : origin.protocol === 'https:' ? 443 : 80;
  if (!station.names.has(origin.hostname.toLowerCase()) || port !== station.port)
    return { ok: false, reason: 'origin is not this station' };
  return { ok: true };
}
