import type { Migration } from './types';

export const migration: Migration = {
  version: 60,
  name: 'desk',
  up(db) {
    void db;
  },
};
