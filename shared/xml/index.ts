export * from './sink';
export * from './canonical-writer';
