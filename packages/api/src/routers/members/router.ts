import { addMember } from '../../services/tenancy/add-member.ts';
import { changeMember } from '../../services/tenancy/change-member.ts';
import { listMembers } from '../../services/tenancy/list-members.ts';
import { authedProcedure, router } from '../trpc.ts';
import { AddMemberInputSchema } from './add.types.ts';
import { ChangeMemberRoleInputSchema } from './change-role.types.ts';
import { ListMembersInputSchema } from './list.types.ts';
import { RemoveMemberInputSchema } from './remove.types.ts';

export const membersRouter = router({
  list: authedProcedure
    .input(ListMembersInputSchema)
    .query(({ ctx, input }) => listMembers(ctx.db, ctx.actor, input)),
  add: authedProcedure
    .input(AddMemberInputSchema)
    .mutation(({ ctx, input }) => addMember(ctx.db, ctx.actor, input)),
  changeRole: authedProcedure
    .input(ChangeMemberRoleInputSchema)
    .mutation(({ ctx, input }) => changeMember(ctx.db, ctx.actor, input)),
  remove: authedProcedure
    .input(RemoveMemberInputSchema)
    .mutation(({ ctx, input }) => changeMember(ctx.db, ctx.actor, { ...input, role: null })),
});
