/**
 * `npm run seed -- --customers N [--data-dir DIR] [--seed S] [--pin P] [--as-of YYYY-MM-DD] [--force]`
 * — the CLI over seedDataDir (hall/seed/data-dir.ts).
 */
import { pathToFileURL } from 'node:url';
import { CommandLineExit, parseCommandLine, returningIo } from '../node/cli/command-line';
import { DEFAULT_AS_OF, DEFAULT_PIN, DEFAULT_SEED } from '../hall/seed/index';
import { resolve } from 'node:path';
import { DEFAULT_CUSTOMERS, SeedRefusedError, seedDataDir } from '../hall/seed/data-dir';

export * from '../hall/seed/data-dir';

function usage(): string {
  return `usage: npm run seed -- [options]
Seeds a demo hall's data directory (the central's database and a copy for the station).
  --customers N       how many customers (default ${DEFAULT_CUSTOMERS})
  --data-dir DIR      the data directory (default .data/demo)
  --seed S            random seed: the same seed gives the same hall (default ${DEFAULT_SEED})
  --pin P             every staff member's PIN (default ${DEFAULT_PIN})
  --as-of YYYY-MM-DD  the day the data ends (default ${DEFAULT_AS_OF})
  --force             replace an existing data directory
  -h, --help          this text`;
}

function intArg(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (!/^\d+$/.test(value.replace(/_/g, '')))
    throw new RangeError(`--${name} must be a non-negative integer, got ${value}`);
  return Number(value.replace(/_/g, ''));
}

export function main(argv: string[] = process.argv.slice(2)): number {
  let parsed;
  try {
    parsed = parseCommandLine(
      {
        name: 'npm run seed --',
        usage: usage(),
        options: {
          customers: { type: 'string' },
          'data-dir': { type: 'string' },
          seed: { type: 'string' },
          pin: { type: 'string' },
          'as-of': { type: 'string' },
          force: { type: 'boolean', default: false },
        },
      },
      argv,
      returningIo(),
    );
  } catch (e) {
    if (e instanceof CommandLineExit) return e.code;
    throw e;
  }
  const { values } = parsed;
  try {
    const customers = intArg('customers', values.customers, DEFAULT_CUSTOMERS);
    const seed = intArg('seed', values.seed, DEFAULT_SEED);
    let lastPrint = 0;
    const t0 = performance.now();
    const r = seedDataDir({
      dataDir: values['data-dir'],
      customers,
      seed,
      pin: values.pin,
      asOf: values['as-of'],
      force: values.force,
      onProgress: (done, total) => {
        const now = performance.now();
        if (done !== total && now - lastPrint < 2000) return;
        lastPrint = now;
        const pct = total === 0 ? 100 : (100 * done) / total;
        const rate = done / Math.max(0.001, (now - t0) / 1000);
        console.log(
          `seed: ${done.toLocaleString('en')}/${total.toLocaleString('en')} customers (${pct.toFixed(1)}%, ${Math.round(rate).toLocaleString('en')} customers/s)`,
        );
      },
    });
    console.log(
      `seed: done — hall ${r.hallId}: ${r.customers.toLocaleString('en')} customers, ${r.bills.toLocaleString('en')} bills, ` +
        `${r.payments.toLocaleString('en')} payments, ${r.staff} staff, ${r.windows} windows, ${r.inArrears.toLocaleString('en')} in arrears; ` +
        `${r.rows.toLocaleString('en')} rows in ${(r.ms / 1000).toFixed(1)} s (${r.rowsPerSec.toLocaleString('en')} rows/s), ` +
        `total ${(r.totalMs / 1000).toFixed(1)} s; ${(r.bytes / 1024 / 1024).toFixed(1)} MiB → ${r.centralDb}, copied to ${r.stationDb}`,
    );
    return 0;
  } catch (e) {
    console.error(`seed: ${(e as Error).message}`);
    return e instanceof SeedRefusedError || e instanceof RangeError ? 2 : 1;
  }
}

const invokedDirectly =
  process.argv[1] !== undefined && import.meta.url === pathToFileURL(resolve(process.argv[1])).href;
if (invokedDirectly) process.exitCode = main();
