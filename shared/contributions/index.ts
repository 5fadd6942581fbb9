export * from './compute';
export * from './insured-salary';
export * from './engine';
