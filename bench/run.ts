import path from 'node:path';
import { parseCommandLine, usageFailure } from '../node/cli/command-line';
import { bundleBench } from './bundle.bench';
import { devicesBench } from './devices.bench';
import { customerSearchBench } from './customer-search.bench';
import { writeResults, type BenchResult } from './harness';
import { stationBench } from './station.bench';
import { signatureBench } from './signature.bench';
import { queueBench } from './queue.bench';
import { syncBench } from './sync.bench';
import { pushJoinBench } from './push-join.bench';
import { ticketIssueBench } from './ticket-issue.bench';
import { evaluationBench } from './evaluation.bench';
import { exportBench } from './export.bench';
import { reportContentionBench } from './report-contention.bench';
import { riskBench } from './risk.bench';

const USAGE = `usage: npm run bench -- [NAME …] [--customers N] [--data-dir DIR] [--max-n N] [--pouch-max-n N] [--rounds N]
  NAME            station, bundle, signature, devices, queue, customer-search, push-join, sync, ticket-issue, evaluation,
                  export, report-contention, risk (default: all)
  --customers N   customers of the seeded station for station and customer-search (default 1000000)
  --data-dir DIR  the seeded station customer-search reads (default .data/bench-<customers>)
  --max-n N       largest sync size (default 1000000); --pouch-max-n N: largest size PouchDB runs at
  --rounds N      interleaved sync rounds per size (default 2)
  --risk-customers N  customers of the seeded hall the risk bench trains and recomputes tags on (default 20000)
  --risk-scored N     customers the risk bench scores (default 1000000)
  -h, --help      this text
Each bench rewrites its table in BENCHMARKS.md and bench/results/latest.json.`;

/** `npm run bench [-- station bundle] [--customers N]`: runs the named benches (all by default). */
const { values, positionals } = parseCommandLine({
  name: 'npm run bench --',
  usage: USAGE,
  allowPositionals: true,
  options: {
    customers: { type: 'string', default: '1000000' },
    'data-dir': { type: 'string' },
    'max-n': { type: 'string', default: '1000000' },
    'pouch-max-n': { type: 'string', default: '1000000' },
    rounds: { type: 'string', default: '2' },
    'risk-customers': { type: 'string', default: '20000' },
    'risk-scored': { type: 'string', default: '1000000' },
  },
});
const BENCHES: Record<string, () => Promise<BenchResult>> = {
  station: () => stationBench({ customers: Number(values.customers) }),
  bundle: () => bundleBench(),
  signature: () => signatureBench(),
  devices: () => devicesBench(),
  queue: () => queueBench(),
  'customer-search': () => customerSearchBench({ customers: Number(values.customers), dataDir: values['data-dir'] }),
  'push-join': () => pushJoinBench(),
  'ticket-issue': () => ticketIssueBench(),
  evaluation: () => evaluationBench(),
  export: () => exportBench(),
  'report-contention': () => reportContentionBench(),
  risk: () => riskBench({ customers: Number(values['risk-customers']), scored: Number(values['risk-scored']) }),
  sync: () =>
    syncBench({
      maxN: Number(values['max-n']),
      pouchMaxN: Number(values['pouch-max-n']),
      rounds: Number(values.rounds),
      command: ['npm run bench', ...(process.argv.length > 2 ? ['--', ...process.argv.slice(2)] : [])].join(' '),
    }),
};
const names = positionals.length ? positionals : Object.keys(BENCHES);
// Every name checked before the first bench runs (some take many minutes).
const unknown = names.find((name) => !BENCHES[name]);
if (unknown)
  process.exit(
    usageFailure({ name: 'npm run bench --' }, `unknown bench ${unknown}; known: ${Object.keys(BENCHES).join(', ')}`),
  );
const results: BenchResult[] = [];
for (const name of names) {
  const run = BENCHES[name]!;
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
