import type { Migration } from './types';

export const migration: Migration = {
  version: 30,
  name: 'declarations',
  up(db) {
    void db;
  },
};
