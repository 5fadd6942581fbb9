export * from './build';
export * from './envelope';
export { needsTk1 } from './tk1';
export { needsD01, isLateRow, rowDocuments } from './d01';
