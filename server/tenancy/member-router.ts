import { procedure, router } from '../api/trpc.ts'
import { ZInvitationIdInput, ZInviteInput, ZListMembersInput, ZRevokeMembershipInput } from './schema.ts'
import * as members from './members.ts'

export const memberRouter = router({
  list: procedure('member.read').input(ZListMembersInput).query(({ ctx, input }) => members.listMembers(ctx.db, ctx.actor, input)),
  invitations: procedure('member.read').input(ZListMembersInput).query(({ ctx, input }) => members.listInvitations(ctx.db, ctx.actor, input)),
  invite: procedure('member.invite').input(ZInviteInput).mutation(({ ctx, input }) => members.inviteMember(ctx.db, ctx.actor, input)),
  withdrawInvitation: procedure('member.invite').input(ZInvitationIdInput).mutation(({ ctx, input }) => members.withdrawInvitation(ctx.db, ctx.actor, input.invitationId)),
  resendInvitation: procedure('member.invite').input(ZInvitationIdInput).mutation(({ ctx, input }) => members.resendInvitation(ctx.db, ctx.actor, input.invitationId)),
  revoke: procedure('member.revoke').input(ZRevokeMembershipInput).mutation(({ ctx, input }) => members.revokeMembership(ctx.db, ctx.actor, input.membershipId)),
})
