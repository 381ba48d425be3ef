import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The station's inner boundaries: services depend on their ports (main/services/ports) and context,
 * never on the router or an adapter; adapters take port types from the ports, not from a service;
 * storage never reaches up into the sync client.
 */
const ROOT = path.resolve(import.meta.dirname, '../../..');
const MAIN = path.join(ROOT, 'main');

function tsFiles(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((e) =>
      e.isDirectory() ? tsFiles(path.join(dir, e.name)) : e.name.endsWith('.ts') ? [path.join(dir, e.name)] : [],
    );
}

/** Every relative import of a file, as a path under main/ (`services/ports/printers`). */
function importsOf(file: string): string[] {
  const source = fs.readFileSync(file, 'utf8');
  return [...source.matchAll(/^\s*(?:import|export)\b[^'"]*?from\s+'(\.{1,2}\/[^']+)'/gm)].map((m) =>
    path
      .relative(MAIN, path.resolve(path.dirname(file), m[1]!))
      .split(path.sep)
      .join('/'),
  );
}

function violations(dir: string, forbidden: (target: string) => boolean): string[] {
  return tsFiles(path.join(MAIN, dir)).flatMap((file) =>
    importsOf(file)
      .filter(forbidden)
      .map((target) => `${path.relative(ROOT, file)} → main/${target}`),
  );
}

const ADAPTERS = ['api', 'payments', 'sync', 'devices', 'tracking', 'http', 'electron', 'customers'];

describe('station boundaries', () => {
  it('services import no router and no adapter', () => {
    expect(violations('services', (t) => ADAPTERS.some((a) => t === a || t.startsWith(`${a}/`)))).toEqual([]);
  });

  it('adapters take port types from the ports, never from a service module', () => {
    const fromService = (t: string) => /^services\/[^/]+-service$/.test(t);
    for (const adapter of ADAPTERS.filter((a) => a !== 'api')) expect(violations(adapter, fromService)).toEqual([]);
  });

  it('storage never imports the sync client', () => {
    expect(violations('storage', (t) => t.startsWith('sync/'))).toEqual([]);
  });
});
