export * from './errors/diagnostic.ts';
export * from './errors/format.ts';
export * from './run/sequence.ts';
export * from './spi/json.ts';
export * from './spi/plugin.ts';
