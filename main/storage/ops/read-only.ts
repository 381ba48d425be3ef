/**
 * Ops that only read and may take long (a year of tickets): the storage runs them on its reader
 * connection, in a worker of their own, so the writer keeps issuing tickets meanwhile. SQLite's WAL
 * lets the reader see every committed write without blocking the writer.
 */
export const READ_ONLY_OPS: ReadonlySet<string> = new Set(['kpiReport', 'kpiTimelines', 'evaluations', 'staffNames']);
