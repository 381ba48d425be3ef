import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createHallCa, issueServerCertificate } from './hall-ca';

/** Where `ca init` and `ca issue` keep the hall's files, by name (docs/security.md "TLS"). */
export const CA_FILES = {
  caCert: 'hall-ca.crt',
  caKey: 'hall-ca.key',
  serverCert: (host: string) => `${host.replace(/[^A-Za-z0-9.-]/g, '_')}.crt`,
  serverKey: (host: string) => `${host.replace(/[^A-Za-z0-9.-]/g, '_')}.key`,
};

function writeSecret(file: string, text: string): void {
  fs.writeFileSync(file, text, { mode: 0o600, flag: 'wx' });
}

/**
 * `npm run central -- ca init [--dir DIR] [--name NAME]`: a new hall CA (hall-ca.crt, hall-ca.key).
 * `npm run central -- ca issue HOST [HOST…] [--dir DIR]`: a server certificate for the central's
 * names and addresses (HOST.crt, HOST.key), signed by that CA. Never overwrites a file.
 */
export async function runCaCommand(argv: readonly string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    options: { dir: { type: 'string', default: '.data/hall-ca' }, name: { type: 'string', default: 'Hall' } },
  });
  const dir = path.resolve(values.dir!);
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  const [command, ...hosts] = positionals;
  const caCert = path.join(dir, CA_FILES.caCert);
  const caKey = path.join(dir, CA_FILES.caKey);
  if (command === 'init') {
    if (fs.existsSync(caCert)) throw new Error(`${caCert} exists: a hall has one CA (remove it first to start over)`);
    const ca = await createHallCa(values.name!);
    writeSecret(caKey, ca.keyPem);
    fs.writeFileSync(caCert, ca.certPem, { flag: 'wx' });
    console.log(`营业厅根证书 hall CA: ${caCert} (copy to each station; keep ${caKey} offline)`);
    return;
  }
  if (command === 'issue') {
    if (!hosts.length) throw new Error('ca issue wants the host names or IP addresses stations use for the central');
    const ca = { certPem: fs.readFileSync(caCert, 'utf8'), keyPem: fs.readFileSync(caKey, 'utf8') };
    const server = await issueServerCertificate(ca, hosts);
    const certFile = path.join(dir, CA_FILES.serverCert(hosts[0]!));
    const keyFile = path.join(dir, CA_FILES.serverKey(hosts[0]!));
    writeSecret(keyFile, server.keyPem);
    fs.writeFileSync(certFile, server.certPem, { flag: 'wx' });
    console.log(`服务器证书 server certificate for ${hosts.join(', ')}: --tls-cert ${certFile} --tls-key ${keyFile}`);
    return;
  }
  throw new Error('usage: npm run central -- ca init [--dir DIR] [--name NAME] | ca issue HOST [HOST…] [--dir DIR]');
}
