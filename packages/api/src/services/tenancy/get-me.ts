import type { Actor } from '../../actor.ts';
import { KilnError } from '../../errors.ts';
import type { Queryable } from '../../repositories/queryable.ts';
import { findUserById, listUserOrganizations } from '../../repositories/tenancy-repository.ts';

export async function getMe(db: Queryable, actor: Actor) {
  if (actor.type !== 'user') throw new KilnError('FORBIDDEN', 'only signed-in users have a profile');
  const user = await findUserById(db, actor.id);
  if (!user) throw new KilnError('UNAUTHENTICATED', `the signed-in user ${actor.id} no longer exists`);
  const organizations = await listUserOrganizations(db, user.id);
  return { id: user.id, email: user.email, name: user.name, organizations };
}
