export * from './compute';
export * from './insured-salary';
