import { describe, expect, it } from 'vitest';
import { presentActorName, presentCreatorName } from './present-actor-name.ts';

const none = { actorUserName: null, actorUserEmail: null, actorPrincipalName: null };

describe('presentActorName', () => {
  it('names a user by name and email', () => {
    const names = { ...none, actorUserName: 'Ada Lovelace', actorUserEmail: 'ada@example.com' };
    expect(presentActorName('user', 'u1', names)).toBe('Ada Lovelace (ada@example.com)');
  });

  it('names a service principal by its name and the system as Kiln', () => {
    expect(presentActorName('service_principal', 'sp1', { ...none, actorPrincipalName: 'ci' })).toBe('ci');
    expect(presentActorName('system', null, none)).toBe('Kiln');
  });

  it('names an actor whose record is gone by type and id', () => {
    expect(presentActorName('user', 'u9', none)).toBe('deleted user u9');
    expect(presentActorName('service_principal', 'sp9', none)).toBe('deleted service principal sp9');
  });
});

describe('presentCreatorName', () => {
  it('tells users, principals, the system and unknown ids apart', () => {
    expect(presentCreatorName('system', none)).toBe('Kiln');
    expect(
      presentCreatorName('u1', { ...none, actorUserName: 'Ada', actorUserEmail: 'ada@example.com' }),
    ).toBe('Ada (ada@example.com)');
    expect(presentCreatorName('sp1', { ...none, actorPrincipalName: 'ci' })).toBe('ci');
    expect(presentCreatorName('gone', none)).toBe('unknown actor gone');
  });
});
