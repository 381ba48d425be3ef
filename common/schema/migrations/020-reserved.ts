import type { Migration } from './migration';

/** Number 20 is held for another part of the console; this placeholder keeps the numbering whole until it lands. */
export const reserved20: Migration = {
  version: 20,
  name: 'reserved',
  sql: '',
};
