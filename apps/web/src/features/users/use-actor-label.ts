'use client';

import { useQuery } from '@tanstack/react-query';
import { useTRPC } from '~/trpc/react.tsx';

/**
 * How to name an actor on screen: the signed-in user by name and email, others by type and id. Pass type
 * `actor` when only the id is known (e.g. a version's `createdBy`).
 */
export function useActorLabel(): (type: string, id: string | null) => string {
  const trpc = useTRPC();
  const me = useQuery({ ...trpc.me.get.queryOptions(), staleTime: 5 * 60_000 });
  return (type, id) => {
    if (type === 'system' || id === null) return 'system';
    if (me.data && id === me.data.id) return `${me.data.name} (${me.data.email})`;
    if (type === 'service_principal') return `service principal ${id}`;
    return type === 'user' ? `user ${id}` : id;
  };
}
