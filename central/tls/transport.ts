/** The server certificate and private key (PEM) the central serves HTTPS with. */
export interface CentralTls {
  cert: string | Buffer;
  key: string | Buffer;
}

/** Loopback addresses, where plain HTTP never leaves the PC (the demo hall's embedded central, tests). */
export const isLoopbackHost = (host: string): boolean =>
  host === 'localhost' || host === '::1' || host === '[::1]' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);

/**
 * How the central listens: HTTPS with the configured certificate; plain HTTP on loopback; plain
 * HTTP elsewhere only when asked for explicitly, with a warning in the log. A hall LAN is not a
 * trusted network: without TLS anyone on it reads tokens and customers' data off the wire.
 */
export function centralTransport(
  host: string,
  tls: CentralTls | undefined,
  insecureHttp: boolean,
  log: (line: string) => void,
): { tls: CentralTls | null } {
  if (tls) return { tls };
  if (isLoopbackHost(host)) return { tls: null };
  if (!insecureHttp)
    throw new Error(
      `中心服务在 ${host} 上需要 HTTPS (the central on ${host} needs HTTPS: --tls-cert and --tls-key, see docs/security.md "TLS"; --insecure-http to serve plain HTTP anyway)`,
    );
  log(`警告 WARNING: plain HTTP on ${host}: tokens and customer data cross the hall LAN unencrypted (--insecure-http)`);
  console.warn(`WARNING: the central serves plain HTTP on ${host} (--insecure-http)`);
  return { tls: null };
}
