import type { JsonObject } from '../spi/json.ts';
import type { BuildSecrets, LedgerEntry, LedgerResourceInput, ResourceLedger } from '../spi/ledger.ts';
import { ledgerIdentity } from './ledger-identity.ts';

/**
 * A resource ledger held in memory, for one build of a run in this process (`kiln` commands, tests).
 * The worker's ledger is a database table with the same behaviour.
 */
export function createMemoryLedger(buildRunId: string, buildName: string): ResourceLedger {
  const entries = new Map<string, LedgerEntry>();
  const entry = (key: string): LedgerEntry => {
    const found = entries.get(key);
    if (!found) throw new Error(`the ledger has no resource "${key}": record it with intend() first`);
    return found;
  };
  return {
    async intend(resource: LedgerResourceInput) {
      const existing = entries.get(resource.key);
      if (existing) return { ...existing };
      const created: LedgerEntry = {
        key: resource.key,
        kind: resource.kind,
        provider: resource.provider,
        ...(resource.region ? { region: resource.region } : {}),
        description: resource.description,
        data: resource.data ?? {},
        status: 'intended',
        ...ledgerIdentity(buildRunId, buildName, resource.key),
      };
      entries.set(resource.key, created);
      return { ...created };
    },
    async created(key: string, externalId: string, data?: JsonObject) {
      const e = entry(key);
      e.status = 'created';
      e.externalId = externalId;
      if (data) e.data = { ...e.data, ...data };
    },
    async deleted(key: string) {
      entry(key).status = 'deleted';
    },
    async orphaned(key: string, reason: string) {
      const e = entry(key);
      e.status = 'orphaned';
      e.reason = reason;
    },
    async entries() {
      return [...entries.values()].map((e) => ({ ...e }));
    },
  };
}

/** Build secrets held in memory: gone with the process. */
export function createMemorySecrets(): BuildSecrets {
  const values = new Map<string, string>();
  return {
    async put(name, value) {
      values.set(name, value);
    },
    async get(name) {
      return values.get(name);
    },
  };
}
