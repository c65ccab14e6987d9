import { describe, expect, it } from 'vitest';
import {
  type AuditEventContent,
  AuditChainVerifier,
  auditEventHash,
  canonicalJson,
  type ChainedAuditEvent,
} from './audit-chain.ts';

function chain(n: number): ChainedAuditEvent[] {
  const events: ChainedAuditEvent[] = [];
  let previousHash = '';
  for (let i = 1; i <= n; i++) {
    const content: AuditEventContent = {
      id: `E${i}`,
      organizationId: 'org',
      projectId: null,
      actorType: 'user',
      actorId: 'u1',
      action: 'registry.channel.assigned',
      targetType: 'channel',
      targetId: 'c1',
      data: { n: i, nested: { b: 1, a: [1, 'x'] } },
      createdAt: new Date(Date.UTC(2026, 0, 1, 0, 0, i)),
      sequence: i,
    };
    const hash = auditEventHash(previousHash, content);
    events.push({ ...content, previousHash, hash });
    previousHash = hash;
  }
  return events;
}

function verify(events: ChainedAuditEvent[], head: { sequence: number; hash: string } | undefined) {
  const verifier = new AuditChainVerifier();
  for (const e of events) verifier.add(e);
  verifier.finish(head);
  return verifier.problems.map((p) => `${p.kind} ${p.sequence}`);
}

describe('canonical JSON', () => {
  it('sorts keys at every level and drops undefined members', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { z: 1, y: 2 }], c: undefined } })).toBe(
      '{"a":{"d":[2,{"y":2,"z":1}]},"b":1}',
    );
  });
});

describe('audit chain verification', () => {
  const events = chain(4);
  const head = { sequence: 4, hash: events[3]!.hash };

  it('accepts an intact chain', () => {
    expect(verify(events, head)).toEqual([]);
  });
  it('finds an edited event', () => {
    const edited = events.map((e) => (e.sequence === 2 ? { ...e, data: { n: 99 } } : e));
    expect(verify(edited, head)).toEqual(['edited 2']);
  });
  it('finds an edited event whose hash was recomputed: the next one no longer links', () => {
    const { previousHash, hash: _stale, ...content } = { ...events[1]!, action: 'nothing.happened' };
    const rehashed = { ...content, previousHash, hash: auditEventHash(previousHash, content) };
    expect(verify([events[0]!, rehashed, events[2]!, events[3]!], head)).toEqual(['relinked 3']);
  });
  it('finds a deleted event in the middle and at the end', () => {
    expect(verify([events[0]!, events[2]!, events[3]!], head)).toEqual(['missing 2', 'relinked 3']);
    expect(verify(events.slice(0, 3), head)).toEqual(['head 4']);
  });
});
