import { beforeAll, describe, expect, it } from 'vitest'
import { buildTwoRegionWorld, uniq } from '../db/factories.ts'
import { mayStartSignIn } from '../auth/invitations.ts'
import { callerFor, db, expectTrpcError } from '../test/helpers.ts'

type World = Awaited<ReturnType<typeof buildTwoRegionWorld>>
let w: World

beforeAll(async () => {
  w = await buildTwoRegionWorld(db)
})

describe('pending invitations: resend and withdraw', () => {
  it('the inviting coordinator resends (validity extended) and withdraws (address erased, sign-in no longer allowed); another region cannot', async () => {
    const email = `decaan-${uniq()}@example.test`
    const c = await callerFor(w.a.coordinator.id)
    const { invitation } = await c.member.invite({ email, role: 'ORG_STAFF', organisationId: w.a.school.id })
    expect(await mayStartSignIn(db, email)).toBe(true)

    // Age the invitation, then resend: it is valid for the full period again.
    await db.invitation.update({ where: { id: invitation.id }, data: { expiresAt: new Date(Date.now() + 86_400_000) } })
    const other = await callerFor(w.b.coordinator.id)
    await expectTrpcError(other.member.resendInvitation({ invitationId: invitation.id }), 'FORBIDDEN')
    await expectTrpcError(other.member.withdrawInvitation({ invitationId: invitation.id }), 'FORBIDDEN')
    const staff = await callerFor(w.a.staff.id)
    await expectTrpcError(staff.member.withdrawInvitation({ invitationId: invitation.id }), 'FORBIDDEN')
    await c.member.resendInvitation({ invitationId: invitation.id })
    const resent = await db.invitation.findUniqueOrThrow({ where: { id: invitation.id } })
    expect(resent.expiresAt.getTime()).toBeGreaterThan(Date.now() + 13 * 86_400_000)

    await c.member.withdrawInvitation({ invitationId: invitation.id })
    const withdrawn = await db.invitation.findUniqueOrThrow({ where: { id: invitation.id } })
    expect(withdrawn.revokedAt).not.toBeNull()
    expect(withdrawn.email).toBeNull()
    expect(await mayStartSignIn(db, email)).toBe(false)
    const list = await c.member.invitations({ regionId: w.a.region.id, limit: 100 })
    expect(list.items.map((i) => i.id)).not.toContain(invitation.id)
    // Gone: neither resend nor a second withdrawal finds it.
    await expectTrpcError(c.member.withdrawInvitation({ invitationId: invitation.id }), 'NOT_FOUND')
    await expectTrpcError(c.member.resendInvitation({ invitationId: invitation.id }), 'NOT_FOUND')

    const trail = await db.auditLog.findMany({ where: { entityType: 'Invitation', entityId: invitation.id }, orderBy: { id: 'asc' } })
    expect(trail.map((a) => a.action)).toEqual(['invitation.create', 'invitation.resend', 'invitation.withdraw'])
    expect(JSON.stringify(trail.map((a) => [a.before, a.after]))).not.toContain(email) // no address in the audit log
  })
})
