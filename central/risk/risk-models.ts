/**
 * The central's fee-recovery risk model versions: trained from every hall's histories, written as a
 * risk_models row per hall and logged, so stations pull the model like any synced row. A training
 * that fails writes a failed row saying why, and the previous active version stays in use.
 */
import { renderError } from '@common/errors';
import { AppFailure } from '@common/result';
import type { SqlDialect } from '../store/sql-dialect';
import type { ChangeLogWriter } from '../store/change-log-writer';
import { loadHistories } from '@common/analytics/histories-sql';
import type { CustomerFacts } from '@common/analytics/features';
import type { CentralTagRecompute } from './tag-recompute';
import { MAX_TRAINING_ROWS, trainRiskModel, type TrainOptions } from './train';

/** The holdout is scored on at most this many customers (every n-th): enough for stable figures. */
const MAX_HOLDOUT_ROWS = 50_000;

export interface TrainingOutcome {
  version: number;
  status: 'active' | 'failed';
  /** Why training failed, in zh-CN (the row carries the key too). */
  failure: string | null;
  metrics: unknown;
  halls: string[];
  ms: number;
}

export class CentralRiskModels {
  constructor(
    private readonly db: SqlDialect,
    private readonly changes: ChangeLogWriter,
  ) {}

  /** Train a new version now; every hall gets the row (the model itself names no customer). */
  train(now: string, opts: TrainOptions & { histories?: readonly CustomerFacts[] } = {}): TrainingOutcome {
    const started = performance.now();
    const tx = this.db.tx;
    const halls = tx.all<{ id: string }>('SELECT id FROM halls ORDER BY id').map((h) => h.id);
    const count = Number(tx.get<{ n: number }>('SELECT count(*) AS n FROM customers')?.n ?? 0);
    const lastPeriod = tx.get<{ p: string | null }>('SELECT max(period) AS p FROM bills')?.p ?? null;
    const version = Number(tx.get<{ v: number | null }>('SELECT max(version) AS v FROM risk_models')?.v ?? 0) + 1;
    let body: string | null = null;
    let metrics: unknown = {};
    let failure: { key: string; message: string } | null = null;
    try {
      if (!lastPeriod) throw new AppFailure('validation', 'analytics.trainTooFewRows', { min: 1, rows: 0 });
      const every = Math.max(1, Math.ceil(count / Math.max(MAX_HOLDOUT_ROWS, opts.maxRows ?? MAX_TRAINING_ROWS)));
      const trained = trainRiskModel(opts.histories ?? loadHistories(tx, { every }), lastPeriod, opts);
      body = JSON.stringify(trained.body);
      metrics = trained.metrics;
    } catch (e) {
      const f =
        e instanceof AppFailure && e.key
          ? e
          : new AppFailure('internal', 'analytics.trainFailed', {
              problem: e instanceof Error ? e.message.slice(0, 120) : 'error',
            });
      failure = { key: f.key!, message: renderError(f.key!, f.params ?? {}) };
    }
    this.db.transaction(() => {
      for (const hallId of halls) {
        this.db.bindHall(hallId);
        const id = `${hallId}/v${version}`;
        tx.run(
          'INSERT INTO risk_models (id, hall_id, version, status, tree, metrics, failure, trained_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
          id,
          hallId,
          version,
          failure ? 'failed' : 'active',
          body,
          JSON.stringify(metrics),
          failure ? JSON.stringify(failure) : null,
          now,
        );
        this.changes.logRow(
          hallId,
          'riskModel',
          id,
          JSON.stringify(tx.get('SELECT * FROM risk_models WHERE id = ?', id)),
        );
      }
    });
    return {
      version,
      status: failure ? 'failed' : 'active',
      failure: failure?.message ?? null,
      metrics,
      halls,
      ms: Math.round(performance.now() - started),
    };
  }
}

/**
 * Nightly (by default): recompute every customer's tags, then retrain the model. A failure is
 * logged; the stations keep the previous tags and model version.
 */
export function scheduleRiskTraining(
  models: CentralRiskModels,
  tags: CentralTagRecompute,
  everyMs: number | false,
  published: (halls: readonly string[]) => void,
  log: (line: string) => void,
): { stop(): void } {
  if (everyMs === false) return { stop: () => {} };
  const timer = setInterval(() => {
    try {
      const t = tags.all(new Date().toISOString());
      log(`tags of ${t.customers} customer(s) recomputed in ${t.ms} ms: ${t.changedRows} history row(s) changed`);
      const r = models.train(new Date().toISOString());
      log(
        r.status === 'active'
          ? `risk model v${r.version} trained in ${r.ms} ms: ${JSON.stringify(r.metrics)}`
          : `risk model v${r.version} not trained: ${r.failure}`,
      );
      published(r.halls);
    } catch (e) {
      log(`risk model training failed: ${e instanceof Error ? e.message : String(e)}`);
    }
  }, everyMs);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
