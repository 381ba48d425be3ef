import type { Migration } from './migration';

/**
 * A row's contribution to the evaluation aggregates, as one upsert per table, signed +1 (the row
 * arrives) or -1 (it leaves). `src` is the row (NEW, OLD) or, for a BEFORE INSERT, the row a
 * REPLACE is about to overwrite (`o`, read from the table itself).
 */
const SECONDS = (r: string) =>
  `CAST(round((julianday(${r}.finished_at) - julianday(${r}.started_at)) * 86400) AS INTEGER)`;
const HANDLED = (r: string) =>
  `(${r}.status = 'finished' AND ${r}.started_at IS NOT NULL AND ${r}.finished_at IS NOT NULL)`;
const COUNTED = (r: string) => `${r}.staff_id IS NOT NULL AND ${r}.status IN ('finished', 'no_show')`;
const LEVELS = ['very_satisfied', 'satisfied', 'basic', 'unsatisfied', 'very_unsatisfied', 'none'] as const;

/**
 * Each aggregate is kept per day and per month: a long period reads its whole months from the
 * monthly rows and only its first and last partial months from the daily ones.
 */
const GRAINS = [
  { suffix: 'daily', column: 'day', of: (r: string) => `${r}.day` },
  { suffix: 'monthly', column: 'month', of: (r: string) => `substr(${r}.day, 1, 7)` },
] as const;

function ticketDelta(r: string, sign: 1 | -1, from = '', where = 'true'): string {
  return GRAINS.map(
    (g) => `
    INSERT INTO evaluation_${g.suffix} (hall_id, ${g.column}, staff_id, business_type, served, handled, handled_sec, no_shows)
      SELECT ${r}.hall_id, ${g.of(r)}, ${r}.staff_id, ${r}.business_type, ${sign} * (${r}.status = 'finished'),
             ${sign} * ${HANDLED(r)}, ${sign} * (CASE WHEN ${HANDLED(r)} THEN max(0, ${SECONDS(r)}) ELSE 0 END),
             ${sign} * (${r}.status = 'no_show')
        ${from} WHERE ${where} AND ${COUNTED(r)}
    ON CONFLICT (hall_id, ${g.column}, staff_id, business_type) DO UPDATE SET
      served = served + excluded.served, handled = handled + excluded.handled,
      handled_sec = handled_sec + excluded.handled_sec, no_shows = no_shows + excluded.no_shows;
    INSERT INTO handling_${g.suffix} (hall_id, ${g.column}, business_type, bucket, n)
      SELECT ${r}.hall_id, ${g.of(r)}, ${r}.business_type, min(720, max(0, ${SECONDS(r)}) / 10), ${sign}
        ${from} WHERE ${where} AND ${COUNTED(r)} AND ${HANDLED(r)}
    ON CONFLICT (hall_id, ${g.column}, business_type, bucket) DO UPDATE SET n = n + excluded.n;`,
  ).join('');
}

function ratingDelta(r: string, sign: 1 | -1, from = `FROM tickets t WHERE t.id = ${r}.ticket_id`, t = 't'): string {
  return GRAINS.map(
    (g) => `
    INSERT INTO evaluation_${g.suffix} (hall_id, ${g.column}, staff_id, business_type, ${LEVELS.map((l) => `r_${l}`).join(', ')})
      SELECT ${t}.hall_id, ${g.of(t)}, ${r}.staff_id, ${t}.business_type, ${LEVELS.map((l) => `${sign} * (${r}.level = '${l}')`).join(', ')}
        ${from}
    ON CONFLICT (hall_id, ${g.column}, staff_id, business_type) DO UPDATE SET
      ${LEVELS.map((l) => `r_${l} = r_${l} + excluded.r_${l}`).join(', ')};`,
  ).join('');
}

/** The aggregates of the rows a station already holds, in the same shape the triggers keep. */
const BACKFILL = `
    INSERT INTO evaluation_daily (hall_id, day, staff_id, business_type, served, handled, handled_sec, no_shows)
      SELECT t.hall_id, t.day, t.staff_id, t.business_type, sum(t.status = 'finished'), sum(${HANDLED('t')}),
             sum(CASE WHEN ${HANDLED('t')} THEN max(0, ${SECONDS('t')}) ELSE 0 END), sum(t.status = 'no_show')
        FROM tickets t WHERE ${COUNTED('t')} GROUP BY 1, 2, 3, 4;
    INSERT INTO handling_daily (hall_id, day, business_type, bucket, n)
      SELECT t.hall_id, t.day, t.business_type, min(720, max(0, ${SECONDS('t')}) / 10), count(*)
        FROM tickets t WHERE ${COUNTED('t')} AND ${HANDLED('t')} GROUP BY 1, 2, 3, 4;
    INSERT INTO evaluation_daily (hall_id, day, staff_id, business_type, ${LEVELS.map((l) => `r_${l}`).join(', ')})
      SELECT t.hall_id, t.day, r.staff_id, t.business_type, ${LEVELS.map((l) => `sum(r.level = '${l}')`).join(', ')}
        FROM ratings r JOIN tickets t ON t.id = r.ticket_id WHERE true GROUP BY 1, 2, 3, 4
    ON CONFLICT (hall_id, day, staff_id, business_type) DO UPDATE SET
      ${LEVELS.map((l) => `r_${l} = r_${l} + excluded.r_${l}`).join(', ')};
    INSERT INTO evaluation_monthly
      SELECT hall_id, substr(day, 1, 7), staff_id, business_type, sum(served), sum(handled), sum(handled_sec), sum(no_shows),
             ${LEVELS.map((l) => `sum(r_${l})`).join(', ')}
        FROM evaluation_daily GROUP BY 1, 2, 3, 4;
    INSERT INTO handling_monthly SELECT hall_id, substr(day, 1, 7), business_type, bucket, sum(n) FROM handling_daily GROUP BY 1, 2, 3, 4;`;

const TICKET_COLUMNS = 'status, staff_id, day, business_type, started_at, finished_at, hall_id';

/** The ratings of a ticket count on the ticket's hall day and type: they move when the ticket row does. */
function ratingsOfTicket(t: string, sign: 1 | -1, from = `FROM ratings r WHERE r.ticket_id = ${t}.id`): string {
  return ratingDelta('r', sign, from, t);
}
const KEY_CHANGED =
  'OLD.day IS NOT NEW.day OR OLD.business_type IS NOT NEW.business_type OR OLD.hall_id IS NOT NEW.hall_id';

export const evaluationAppeals: Migration = {
  version: 21,
  name: 'staff evaluation: daily aggregates kept by triggers, agent indexes, rating appeals and decisions, evaluation weights',
  sql: `
      CREATE TABLE rating_appeals (
        id TEXT PRIMARY KEY, hall_id TEXT NOT NULL, rating_id TEXT NOT NULL UNIQUE, staff_id TEXT NOT NULL,
        reason TEXT NOT NULL, filed_at TEXT NOT NULL
      );
      CREATE INDEX rating_appeals_staff ON rating_appeals (staff_id, filed_at);
      CREATE TABLE appeal_decisions (
        id TEXT PRIMARY KEY, hall_id TEXT NOT NULL, decision TEXT NOT NULL CHECK (decision IN ('accepted','rejected')),
        manager_id TEXT NOT NULL, note TEXT NOT NULL, decided_at TEXT NOT NULL
      );
      CREATE TABLE evaluation_weights (
        hall_id TEXT PRIMARY KEY, weights TEXT NOT NULL, updated_by TEXT NOT NULL, updated_at TEXT NOT NULL
      );
      CREATE INDEX tickets_staff_day ON tickets (staff_id, day);
      CREATE INDEX consultations_at ON consultations (at);

${GRAINS.map(
  (g) => `
      CREATE TABLE evaluation_${g.suffix} (
        hall_id TEXT NOT NULL, ${g.column} TEXT NOT NULL, staff_id TEXT NOT NULL, business_type TEXT NOT NULL,
        served INTEGER NOT NULL DEFAULT 0, handled INTEGER NOT NULL DEFAULT 0, handled_sec INTEGER NOT NULL DEFAULT 0,
        no_shows INTEGER NOT NULL DEFAULT 0,
        ${LEVELS.map((l) => `r_${l} INTEGER NOT NULL DEFAULT 0`).join(', ')},
        PRIMARY KEY (hall_id, ${g.column}, staff_id, business_type)
      ) WITHOUT ROWID;
      CREATE TABLE handling_${g.suffix} (
        hall_id TEXT NOT NULL, ${g.column} TEXT NOT NULL, business_type TEXT NOT NULL, bucket INTEGER NOT NULL, n INTEGER NOT NULL,
        PRIMARY KEY (hall_id, ${g.column}, business_type, bucket)
      ) WITHOUT ROWID;`,
).join('')}

      ${BACKFILL}

      CREATE TRIGGER evaluation_ticket_replaced BEFORE INSERT ON tickets
      BEGIN ${ticketDelta('o', -1, 'FROM tickets o', 'o.id = NEW.id')}
        ${ratingsOfTicket('o', -1, 'FROM tickets o JOIN ratings r ON r.ticket_id = o.id WHERE o.id = NEW.id')} END;
      CREATE TRIGGER evaluation_ticket_inserted AFTER INSERT ON tickets
      BEGIN ${ticketDelta('NEW', 1)} ${ratingsOfTicket('NEW', 1)} END;
      CREATE TRIGGER evaluation_ticket_key_changed AFTER UPDATE OF day, business_type, hall_id ON tickets
      WHEN ${KEY_CHANGED}
      BEGIN ${ratingsOfTicket('OLD', -1)} ${ratingsOfTicket('NEW', 1)} END;
      CREATE TRIGGER evaluation_ticket_updated AFTER UPDATE OF ${TICKET_COLUMNS} ON tickets
      WHEN OLD.status IN ('finished', 'no_show') OR NEW.status IN ('finished', 'no_show')
      BEGIN ${ticketDelta('OLD', -1)} ${ticketDelta('NEW', 1)} END;
      CREATE TRIGGER evaluation_ticket_deleted AFTER DELETE ON tickets
      BEGIN ${ticketDelta('OLD', -1)} ${ratingsOfTicket('OLD', -1)} END;

      CREATE TRIGGER evaluation_rating_replaced BEFORE INSERT ON ratings
      BEGIN ${ratingDelta('o', -1, 'FROM ratings o JOIN tickets t ON t.id = o.ticket_id WHERE o.id = NEW.id')} END;
      CREATE TRIGGER evaluation_rating_inserted AFTER INSERT ON ratings
      BEGIN ${ratingDelta('NEW', 1)} END;
      CREATE TRIGGER evaluation_rating_updated AFTER UPDATE OF level, staff_id, ticket_id ON ratings
      BEGIN ${ratingDelta('OLD', -1)} ${ratingDelta('NEW', 1)} END;
      CREATE TRIGGER evaluation_rating_deleted AFTER DELETE ON ratings
      BEGIN ${ratingDelta('OLD', -1)} END;
    `,
};
