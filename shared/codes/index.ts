export * from './plans';
export * from './ethnicities';
export * from './nationalities';
export * from './provinces';
export * from './wage-regions';
export * from './benefit-levels';
export * from './ivan-providers';
