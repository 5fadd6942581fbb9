import type { Migration } from './types';

export const migration: Migration = {
  version: 40,
  name: 'signing',
  up(db) {
    void db;
  },
};
