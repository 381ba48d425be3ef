import type { Migration } from './migration';

/** A number held for another branch's migration; the merge replaces this file with that one. */
export const reserved20: Migration = {
  version: 20,
  name: 'reserved',
  sql: 'SELECT 1;',
};
