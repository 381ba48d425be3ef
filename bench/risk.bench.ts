import path from 'node:path';
import Database from 'better-sqlite3';
import { computeFeatures } from '@common/analytics/features';
import { loadHistories } from '@common/analytics/histories-sql';
import { scoreTree } from '@common/analytics/risk-tree';
import { startCentral } from '../central/server';
import { trainRiskModel } from '../central/risk/train';
import { billMonths } from '../hall/seed/customers';
import { syntheticFacts } from '../hall/seed/payment-behaviour';
import { DEFAULT_AS_OF, seedHall } from '../hall/seed';
import { configure, migrate } from '../node/sqlite/migrate';
import { sqliteTx } from '../node/sqlite/sqlite-tx';
import { PersonalDataCipher } from '../main/security/personal-data-cipher';
import { makeTempDir } from '../tests/support/hall-fixture';
import { figure, type BenchResult, type Figure } from './harness';

/**
 * Fee-recovery risk and customer tags (docs/analytics.md), on synthetic data (hall/seed/payment-behaviour.ts):
 * - the model's holdout figures on a seeded hall against two baselines scored on the same rows;
 * - scoring a million customers at the central (features and tree) against a scan of the same rows;
 * - recomputing tags after a day's payments (only the customers paid for) against recomputing all.
 */
const MB = 2 ** 20;
const heapMb = () => process.memoryUsage().heapUsed / MB;

export async function riskBench(opts: { customers: number; scored: number }): Promise<BenchResult> {
  const figures: Figure[] = [];
  const dir = makeTempDir('bench-risk-');
  const file = path.join(dir, 'central.db');
  const db = new Database(file);
  configure(db);
  migrate(db);
  const seedStarted = performance.now();
  seedHall(db, { customers: opts.customers, cipher: new PersonalDataCipher(Buffer.alloc(32, 1)) });
  console.log(`  seeded ${opts.customers} customers in ${Math.round(performance.now() - seedStarted)} ms`);

  // 1. The model on the seeded hall: trained on months 1–18, tested on 19–24.
  const histories = loadHistories(sqliteTx(db));
  const lastPeriod = histories[0]!.bills.at(-1)!.period;
  const t0 = performance.now();
  const model = trainRiskModel(histories, lastPeriod);
  const trainMs = performance.now() - t0;
  const m = model.metrics;
  const note = `seeded hall of ${m.testRows.toLocaleString('en-US')} synthetic customers, ${m.testPositives} defaulted in months 19–24; tree trained on ${m.trainRows} rows in ${Math.round(trainMs)} ms`;
  figures.push(
    figure(
      'holdout AUC, CART tree',
      m.auc,
      '',
      { name: 'in arrears now', value: m.baselines.inArrearsNow!.auc },
      { note },
    ),
    figure('holdout AUC, CART tree ', m.auc, '', {
      name: 'late at least once in 6 months',
      value: m.baselines.lateIn6Months!.auc,
    }),
    figure('holdout precision at top 5 %', m.precisionAt5, '', {
      name: 'in arrears now',
      value: m.baselines.inArrearsNow!.precisionAt5,
    }),
    figure('holdout precision at top 5 % ', m.precisionAt5, '', {
      name: 'late at least once in 6 months',
      value: m.baselines.lateIn6Months!.precisionAt5,
    }),
    figure('holdout recall at top 5 %', m.recallAt5, '', {
      name: 'in arrears now',
      value: m.baselines.inArrearsNow!.recallAt5,
    }),
  );
  db.close();

  // 2. Scoring N customers, streamed in chunks of generated histories: features and the tree, against a scan of the same rows.
  const { months, asOfMs } = billMonths(DEFAULT_AS_OF);
  const CHUNK = 10_000;
  let scoreMs = 0;
  let scanMs = 0;
  let peak = heapMb();
  let checksum = 0;
  for (let first = 1; first <= opts.scored; first += CHUNK) {
    const chunk = syntheticFacts(Math.min(CHUNK, opts.scored - first + 1), 11, months, asOfMs, first);
    let t = performance.now();
    for (const f of chunk) for (const b of f.bills) checksum += b.amountFen - b.paidFen + (b.paidAt ? 1 : 0);
    scanMs += performance.now() - t;
    t = performance.now();
    for (const f of chunk) checksum += scoreTree(model.body, computeFeatures(f, asOfMs)).probability;
    scoreMs += performance.now() - t;
    peak = Math.max(peak, heapMb());
  }
  figures.push(
    figure(
      `score ${opts.scored.toLocaleString('en-US')} customers (features + tree)`,
      scoreMs / 1000,
      's',
      { name: 'scan of the same bill rows', value: scanMs / 1000 },
      {
        note: `streamed in chunks of ${CHUNK.toLocaleString('en-US')}: peak heap ${Math.round(peak)} MB (generation included); ${Math.round((opts.scored / scoreMs) * 1000).toLocaleString('en-US')} customers/s; checksum ${Math.round(checksum) % 1000}`,
      },
    ),
  );

  // 3. A day's payments at the central, then the tags: only the customers paid for, against every customer.
  const central = await startCentral({ dbFile: file, compaction: false, riskTrainingEveryMs: false });
  try {
    const now = new Date().toISOString();
    const first = central.store.tags.all(now);
    console.log(`  initial tag history: ${first.customers} customers, ${first.changedRows} rows in ${first.ms} ms`);
    const raw = new Database(file);
    const since = new Date(Date.now() - 1000).toISOString();
    // A day's counter payments: 2 % of the customers settle one open or late bill.
    const paid = raw
      .prepare(
        `SELECT customer_id, period FROM bills WHERE paid_fen < amount_fen AND customer_id % 50 = 0 UNION ALL
         SELECT customer_id, max(period) FROM bills WHERE customer_id % 50 = 1 GROUP BY customer_id`,
      )
      .all() as { customer_id: number; period: string }[];
    raw.transaction(() => {
      for (const p of paid) {
        const id = `bench-pay-${p.customer_id}-${p.period}`;
        raw
          .prepare('UPDATE bills SET paid_fen = amount_fen WHERE customer_id = ? AND period = ?')
          .run(p.customer_id, p.period);
        raw
          .prepare(
            "INSERT OR IGNORE INTO payments (id, customer_id, period, amount_fen, channel, status, paid_at) VALUES (?, ?, ?, 1, '柜台现金', 'succeeded', ?)",
          )
          .run(id, p.customer_id, p.period, new Date().toISOString());
      }
    })();
    raw.close();
    const later = new Date(Date.now() + 1000).toISOString();
    let h0 = heapMb();
    const day = central.store.tags.paidSince(since, later);
    const dayHeap = heapMb() - h0;
    h0 = heapMb();
    const full = central.store.tags.all(new Date(Date.now() + 2000).toISOString());
    const fullHeap = heapMb() - h0;
    figures.push(
      figure(
        `recompute tags after a day's payments (${day.customers.toLocaleString('en-US')} customers)`,
        day.ms,
        'ms',
        { name: `all ${full.customers.toLocaleString('en-US')} customers`, value: full.ms },
        {
          note: `${day.changedRows} history rows changed; heap change ${dayHeap.toFixed(1)} MB against ${fullHeap.toFixed(1)} MB`,
        },
      ),
    );
  } finally {
    await central.close();
  }
  return { bench: 'risk', figures };
}
