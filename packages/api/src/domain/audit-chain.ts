import { createHash } from 'node:crypto';

/** What an audit event's hash covers: every column but the chain's own. */
export interface AuditEventContent {
  id: string;
  organizationId: string;
  projectId: string | null;
  actorType: string;
  actorId: string | null;
  action: string;
  targetType: string;
  targetId: string;
  data: Record<string, unknown>;
  createdAt: Date;
  sequence: number;
}

/** JSON with object keys sorted at every level: one text for one value, whatever the key order. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value))
    return `[${value.map((v) => canonicalJson(v === undefined ? null : v)).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

/** `data` as the database keeps it (JSON values only), so that the hash computed at insert is the one read back. */
export function storedAuditData(data: Record<string, unknown> | undefined): Record<string, unknown> {
  return JSON.parse(JSON.stringify(data ?? {})) as Record<string, unknown>;
}

/** Hex SHA-256 of the previous event's hash and this event's canonical content. */
export function auditEventHash(previousHash: string, event: AuditEventContent): string {
  const content = canonicalJson({ ...event, createdAt: event.createdAt.toISOString() });
  return createHash('sha256').update(previousHash).update('\n').update(content).digest('hex');
}

export type AuditChainProblemKind = 'edited' | 'missing' | 'relinked' | 'head';

export interface AuditChainProblem {
  kind: AuditChainProblemKind;
  sequence: number;
  eventId: string | null;
  message: string;
}

export interface ChainedAuditEvent extends AuditEventContent {
  previousHash: string;
  hash: string;
}

/**
 * Walks one organization's chain in sequence order and names every break: a gap in the sequence (events
 * deleted), an event whose content no longer matches its hash (edited), an event that does not link to the one
 * before it (relinked), and a head that is not the last event (the newest events deleted).
 */
export class AuditChainVerifier {
  private expectedSequence = 1;
  private previousHash = '';
  checked = 0;
  readonly problems: AuditChainProblem[] = [];

  add(event: ChainedAuditEvent): void {
    this.checked += 1;
    if (event.sequence !== this.expectedSequence) {
      const missing = event.sequence - this.expectedSequence;
      this.problems.push({
        kind: 'missing',
        sequence: this.expectedSequence,
        eventId: null,
        message:
          missing > 0
            ? `events ${this.expectedSequence}..${event.sequence - 1} are missing (deleted) before event ${event.sequence} (${event.id})`
            : `event ${event.id} repeats sequence ${event.sequence}`,
      });
    }
    if (event.previousHash !== this.previousHash) {
      this.problems.push({
        kind: 'relinked',
        sequence: event.sequence,
        eventId: event.id,
        message: `event ${event.sequence} (${event.id}) does not link to the event before it`,
      });
    }
    const { previousHash, hash, ...content } = event;
    if (auditEventHash(previousHash, content) !== hash) {
      this.problems.push({
        kind: 'edited',
        sequence: event.sequence,
        eventId: event.id,
        message: `event ${event.sequence} (${event.id}, ${event.action}) was changed after it was written: its content no longer matches its hash`,
      });
    }
    this.expectedSequence = event.sequence + 1;
    this.previousHash = hash;
  }

  /** Checks the last event against the chain's recorded head. */
  finish(head: { sequence: number; hash: string } | undefined): void {
    const last = this.expectedSequence - 1;
    const headSequence = head?.sequence ?? 0;
    if (headSequence !== last || (head && head.hash !== this.previousHash)) {
      this.problems.push({
        kind: 'head',
        sequence: headSequence,
        eventId: null,
        message:
          headSequence > last
            ? `the chain ends at event ${last} but its head is event ${headSequence}: the newest events were deleted`
            : `the chain's head (event ${headSequence}) is not its last event (${last})`,
      });
    }
  }
}
