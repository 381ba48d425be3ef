import path from 'node:path';
import { parseArgs } from 'node:util';
import { bundleBench } from './bundle.bench';
import { devicesBench } from './devices.bench';
import { customerSearchBench } from './customer-search.bench';
import { writeResults, type BenchResult } from './harness';
import { stationBench } from './station.bench';
import { signatureBench } from './signature.bench';
import { queueBench } from './queue.bench';
import { syncBench } from './sync.bench';
import { syncParseBench } from './sync-parse.bench';

/** `npm run bench [-- station bundle] [--customers N]`: runs the named benches (all by default). */
const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    customers: { type: 'string', default: '1000000' },
    'data-dir': { type: 'string' },
    'max-n': { type: 'string', default: '1000000' },
    'pouch-max-n': { type: 'string', default: '1000000' },
    rounds: { type: 'string', default: '2' },
  },
});
const BENCHES: Record<string, () => Promise<BenchResult>> = {
  station: () => stationBench({ customers: Number(values.customers) }),
  bundle: () => bundleBench(),
  signature: () => signatureBench(),
  devices: () => devicesBench(),
  queue: () => queueBench(),
  'customer-search': () => customerSearchBench({ customers: Number(values.customers), dataDir: values['data-dir'] }),
  'sync-parse': () => syncParseBench(),
  sync: () =>
    syncBench({
      maxN: Number(values['max-n']),
      pouchMaxN: Number(values['pouch-max-n']),
      rounds: Number(values.rounds),
      command: ['npm run bench', ...(process.argv.length > 2 ? ['--', ...process.argv.slice(2)] : [])].join(' '),
    }),
};
const names = positionals.length ? positionals : Object.keys(BENCHES);
const results: BenchResult[] = [];
for (const name of names) {
  const run = BENCHES[name];
  if (!run) {
    console.error(`unknown bench ${name}; known: ${Object.keys(BENCHES).join(', ')}`);
    process.exit(2);
  }
  console.log(`\n== bench ${name}`);
  const r = await run();
  for (const f of r.figures)
    console.log(
      `  ${f.name}: ${f.value.toFixed(2)} ${f.unit}${f.ratio !== undefined ? `  (${f.ratio.toFixed(2)}× ${f.baseline!.name} ${f.baseline!.value.toFixed(2)})` : ''}`,
    );
  results.push(r);
}
writeResults(
  results,
  ['npm run bench', ...(process.argv.length > 2 ? ['--', ...process.argv.slice(2)] : [])].join(' '),
  path.resolve(import.meta.dirname, '..'),
);
process.exit(0);
