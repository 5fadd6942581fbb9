export * from './schema';
export * from './data';
export * from './lookup';
export * from './month';
