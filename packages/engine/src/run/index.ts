// The engine's pure runtime surface: safe for deterministic workflow code (no Node built-ins, no parser).
export * from '../errors/diagnostic.ts';
export * from '../spi/json.ts';
export * from '../spi/plugin.ts';
export * from './sequence.ts';
export { ledgerIdentity } from './ledger-identity.ts';
export type * from '../spi/ledger.ts';
