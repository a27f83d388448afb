/**
 * The tenancy lists that can grow — organisations, role memberships, pending invitations — come a page at a time
 * (keyset, server/lib/keyset.ts) with the total under the same scoped filter: paging reaches every row once, the
 * last page has no next cursor, a forged cursor is a translated 400, and another tenant's user sees none of them.
 */
import { beforeAll, describe, expect, it } from 'vitest'
import { buildOrganisation, buildTwoRegionWorld, buildUser, uniq } from '../db/factories.ts'
import { encodeKeyset } from '../lib/keyset.ts'
import { allPages, callerFor, db, expectTrpcError, httpQuery } from '../test/helpers.ts'

type World = Awaited<ReturnType<typeof buildTwoRegionWorld>>
let w: World
const prefix = `Paginaschool ${uniq()}`
const ORGS = 30

beforeAll(async () => {
  w = await buildTwoRegionWorld(db)
  for (let i = 0; i < ORGS; i++) await buildOrganisation(db, { regionIds: [w.a.region.id], sector: 'VO', name: `${prefix} ${String(i).padStart(2, '0')}` })
  for (let i = 0; i < ORGS; i++) await buildUser(db, { roles: [{ role: 'ORG_STAFF', organisationId: w.a.school.id }] })
  await db.invitation.createMany({
    data: Array.from({ length: ORGS }, (_, i) => ({ email: `uitnodiging-${i}-${uniq()}@example.test`, role: 'ORG_STAFF' as const, organisationId: w.a.school.id, invitedById: w.a.coordinator.id, expiresAt: new Date(Date.now() + 86_400_000) })),
  })
})


describe('organisations a page at a time', () => {
  it('pages by name through all of them, the total counts all, the last page has no next cursor', async () => {
    const c = await callerFor(w.a.coordinator.id)
    const pages = await allPages((cursor) => c.organisation.page({ search: prefix, cursor, limit: 25 }))
    expect(pages.map((p) => p.items.length)).toEqual([25, 5])
    expect(pages.map((p) => p.total)).toEqual([ORGS, ORGS])
    expect(pages.at(-1)!.nextCursor).toBeNull()
    const names = pages.flatMap((p) => p.items.map((o) => o.name))
    expect(names).toEqual(Array.from({ length: ORGS }, (_, i) => `${prefix} ${String(i).padStart(2, '0')}`))
    // The region's whole directory: the world's three and these.
    const region = await allPages((cursor) => c.organisation.page({ regionId: w.a.region.id, cursor, limit: 10 }))
    expect(region[0]!.total).toBe(ORGS + 3)
    expect(new Set(region.flatMap((p) => p.items.map((o) => o.id))).size).toBe(ORGS + 3)
    // A cursor past the last row: an empty page, no next cursor, the same total.
    const last = pages.at(-1)!.items.at(-1)!
    expect(await c.organisation.page({ search: prefix, cursor: encodeKeyset(last.name, last.id) })).toEqual({ items: [], nextCursor: null, total: ORGS })
  })

  it('another tenant sees none of them; another region in the input is refused', async () => {
    const other = await callerFor(w.b.coordinator.id)
    expect(await other.organisation.page({ search: prefix })).toEqual({ items: [], nextCursor: null, total: 0 })
    await expectTrpcError(other.organisation.page({ regionId: w.a.region.id }), 'FORBIDDEN')
    const staff = await callerFor(w.a.staff.id)
    expect((await staff.organisation.page({})).total).toBe(1) // their own school only
  })

  it('a forged cursor or an oversized page is a 400 with a translated message', async () => {
    for (const [locale, text] of [
      ['nl', 'Deze pagina van de lijst bestaat niet (meer); begin opnieuw bij de eerste pagina.'],
      ['en', 'This page of the list does not exist (any more); start again from the first page.'],
    ] as const) {
      const res = await httpQuery(w.a.coordinator.id, 'organisation.page', { cursor: "x'; drop table" }, locale)
      expect(res.status).toBe(400)
      expect(res.body.error.json.data.issues).toEqual([{ path: 'cursor', message: text }])
    }
    await expectTrpcError((await callerFor(w.a.coordinator.id)).organisation.page({ cursor: '12_abc' }), 'BAD_REQUEST') // a number key where a name belongs
    await expectTrpcError((await callerFor(w.a.coordinator.id)).organisation.page({ limit: 1000 }), 'BAD_REQUEST')
  })
})

describe('members and invitations a page at a time', () => {
  it('memberships of the region page oldest first through all of them, with the total', async () => {
    const c = await callerFor(w.a.coordinator.id)
    const pages = await allPages((cursor) => c.member.list({ regionId: w.a.region.id, cursor, limit: 25 }))
    // The world's coordinator, board reporter, staff and publisher, and the 30 staff added here.
    expect(pages.map((p) => p.items.length)).toEqual([25, 9])
    expect(pages.every((p) => p.total === ORGS + 4)).toBe(true)
    const rows = pages.flatMap((p) => p.items)
    expect(new Set(rows.map((m) => m.id)).size).toBe(ORGS + 4)
    const order = rows.map((m) => [m.createdAt.getTime(), m.id] as const)
    expect(order).toEqual([...order].sort((x, y) => x[0] - y[0] || (x[1] < y[1] ? -1 : 1)))
    const end = rows.at(-1)!
    expect(await c.member.list({ regionId: w.a.region.id, cursor: encodeKeyset(end.createdAt, end.id) })).toEqual({ items: [], nextCursor: null, total: ORGS + 4 })
  })

  it('pending invitations page newest first, with the total', async () => {
    const c = await callerFor(w.a.coordinator.id)
    const pages = await allPages((cursor) => c.member.invitations({ regionId: w.a.region.id, cursor, limit: 25 }))
    expect(pages.map((p) => p.items.length)).toEqual([25, 5])
    expect(pages[1]!.total).toBe(ORGS)
    expect(pages.at(-1)!.nextCursor).toBeNull()
    expect(new Set(pages.flatMap((p) => p.items.map((i) => i.id))).size).toBe(ORGS)
  })

  it('another tenant sees none of them; a forged cursor is a translated 400', async () => {
    const other = await callerFor(w.b.coordinator.id)
    const theirs = await other.member.list({ limit: 100 })
    expect(theirs.items.some((m) => m.organisationId === w.a.school.id || m.regionId === w.a.region.id)).toBe(false)
    expect((await other.member.invitations({ limit: 100 })).items.some((i) => i.organisationId === w.a.school.id)).toBe(false)
    await expectTrpcError(other.member.list({ regionId: w.a.region.id }), 'FORBIDDEN')
    await expectTrpcError(other.member.invitations({ regionId: w.a.region.id }), 'FORBIDDEN')
    await expectTrpcError((await callerFor(w.a.staff.id)).member.list({}), 'FORBIDDEN')
    const res = await httpQuery(w.a.coordinator.id, 'member.invitations', { cursor: 'tWmFhbg_abc' }, 'en')
    expect(res.status).toBe(400)
    expect(res.body.error.json.data.issues).toEqual([{ path: 'cursor', message: 'This page of the list does not exist (any more); start again from the first page.' }])
  })
})
