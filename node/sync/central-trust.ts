import fs from 'node:fs';
import https from 'node:https';
import { Agent as FetchAgent } from 'undici';

/**
 * How a station (or a hall relay) trusts the central it syncs with. With a hall CA (docs/security.md
 * "TLS") every connection — fetch, the push socket, the notify WebSocket — accepts only a server
 * certificate issued by that CA for the host in the URL; the system's CAs are not consulted.
 */
export interface CentralTrustOptions {
  /** PEM file of the hall CA that issued the central's certificate. */
  caFile?: string;
  /** Allow an http:// central on an address other than loopback (a warning is logged). */
  insecureHttp?: boolean;
}

export interface CentralTrust {
  /** For fetch(): undefined means the default dispatcher. */
  dispatcher: FetchAgent | undefined;
  /** For https.request and the ws client. */
  agent: https.Agent | undefined;
}

const LOOPBACK = /^(localhost|\[::1\]|127\.\d{1,3}\.\d{1,3}\.\d{1,3})$/;

/** Thrown when the configuration would send tokens in clear over the LAN, or the CA cannot be read. */
export class CentralTrustError extends Error {
  constructor(
    readonly key: 'sync.plainHttpRefused' | 'sync.caUnreadable',
    readonly params: Record<string, string>,
    message: string,
  ) {
    super(message);
  }
}

export function centralTrust(
  centralUrl: string,
  o: CentralTrustOptions,
  warn: (line: string) => void = () => {},
): CentralTrust {
  const url = new URL(centralUrl);
  if (url.protocol === 'http:' || url.protocol === 'ws:') {
    if (!LOOPBACK.test(url.hostname) && !o.insecureHttp)
      throw new CentralTrustError(
        'sync.plainHttpRefused',
        { url: centralUrl },
        `中心地址 ${centralUrl} 未加密 (the central ${centralUrl} is plain http: use https with the hall CA, or set insecureHttp)`,
      );
    if (!LOOPBACK.test(url.hostname))
      warn(`WARNING: syncing with ${centralUrl} over plain HTTP: tokens and customer data cross the LAN unencrypted`);
    return { dispatcher: undefined, agent: undefined };
  }
  if (!o.caFile) return { dispatcher: undefined, agent: undefined };
  let ca: string;
  try {
    ca = fs.readFileSync(o.caFile, 'utf8');
  } catch {
    throw new CentralTrustError(
      'sync.caUnreadable',
      { file: o.caFile },
      `营业厅根证书无法读取 (the hall CA ${o.caFile} cannot be read)`,
    );
  }
  return {
    dispatcher: new FetchAgent({ connect: { ca, rejectUnauthorized: true } }),
    agent: new https.Agent({ ca, keepAlive: true, rejectUnauthorized: true }),
  };
}
