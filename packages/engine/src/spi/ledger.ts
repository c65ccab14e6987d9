import type { JsonObject } from './json.ts';

/**
 * The resource ledger: every temporary resource a step creates (an instance, a key pair, a
 * remote temp folder, an image) is written here BEFORE it is created, with the idempotency key and
 * tags the create must carry, and marked when it exists, when it is deleted, or when it could not be
 * deleted (orphaned). A cancel, a throw or a worker's death between "create" and "return the state"
 * therefore never loses a resource: the entry is there, and a retried step or the sweeper finds it.
 */
export type LedgerStatus = 'intended' | 'created' | 'deleted' | 'orphaned';

export interface LedgerResourceInput {
  /** Unique within the build, stable across retries: `instance`, `key-pair`, `ami:eu-west-1`. */
  key: string;
  /** What it is, in the provider's words: `ec2-instance`, `ssh-remote-folder`, `azure-resource-group`. */
  kind: string;
  /** `aws`, `azure`, `ssh`, `local`, ... */
  provider: string;
  region?: string;
  /** For people: what it is and why it exists. */
  description: string;
  /** Whatever the plugin needs to delete it later (never a secret). */
  data?: JsonObject;
}

export interface LedgerEntry extends Required<Omit<LedgerResourceInput, 'region'>> {
  region?: string;
  status: LedgerStatus;
  /** The provider's id once created (`i-0abc`, a path, a resource id). */
  externalId?: string;
  /**
   * Stable for (run, build, key), at most 64 characters of [A-Za-z0-9-]: pass it where the
   * provider takes one (EC2 `ClientToken`), and look the resource up by `tags` before creating it.
   */
  idempotencyKey: string;
  /** Tags every created resource carries (`kiln:run`, `kiln:build`, `kiln:resource`). */
  tags: Record<string, string>;
  /** Why deletion failed, for an orphan. */
  reason?: string;
}

export interface ResourceLedger {
  /**
   * Records a resource this step is about to create. Calling it again for the same key (a retried
   * step) returns the entry as it stands, so the caller can see it was already created.
   */
  intend(resource: LedgerResourceInput): Promise<LedgerEntry>;
  /** The resource exists now. */
  created(key: string, externalId: string, data?: JsonObject): Promise<void>;
  /** The resource is gone (deleting what is already gone counts as deleted). */
  deleted(key: string): Promise<void>;
  /** Deletion failed; `reason` says why and how to remove it by hand. */
  orphaned(key: string, reason: string): Promise<void>;
  /** This build's entries, in the order they were intended. */
  entries(): Promise<LedgerEntry[]>;
}

/**
 * Secrets a build makes while it runs (a temporary private key, a generated password): kept by the
 * host outside the build state, sealed at rest, never in workflow history or logs. Scoped to one
 * build of one run, and gone when the run ends.
 */
export interface BuildSecrets {
  put(name: string, value: string): Promise<void>;
  get(name: string): Promise<string | undefined>;
}
