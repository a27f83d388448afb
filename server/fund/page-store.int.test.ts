/**
 * The stored fund pages (server/fund/page-store.ts, migration 20261201000700_fund_page_store): a page is read back from
 * the store while the grant's data version and the page functions are unchanged, and never after a write that changes
 * what it shows — whoever writes: every write below is plain SQL, as a seed, another tool or a cascade would write it.
 * Before each write the stored pages are poisoned (their text replaced by a marker with the same version), so a stale
 * read fails the test; after it, every page must equal the page computed afresh. The actor is authorized on a stored
 * page as on a computed one.
 */
import { beforeAll, describe, expect, it } from 'vitest'
import { Prisma } from '../db/generated/client.ts'
import { buildBoard, buildOrganisation, buildTwoRegionWorld, buildUser } from '../db/factories.ts'
import { buildBudgetLine, buildCalendarEvent, buildFundGrant, buildReport } from './factories.ts'
import { callerFor, db, expectTrpcError } from '../test/helpers.ts'

let w: Awaited<ReturnType<typeof buildTwoRegionWorld>>
let grantId: string
let lineId: string
let eventId: string
let otherBoardId: string

beforeAll(async () => {
  w = await buildTwoRegionWorld(db)
  const other = await buildBoard(db, { name: 'Stichting Tweede' })
  otherBoardId = other.id
  await buildOrganisation(db, { regionIds: [w.a.region.id], boardId: other.id })
  const grant = await buildFundGrant(db, { regionId: w.a.region.id, penvoerderId: w.a.mbo.id, allocations: { 2020: 10_000_000, 2021: 12_000_000 } })
  grantId = grant.id
  const line = await buildBudgetLine(db, { grantId, year: 2020, boardIds: [w.a.board.id, other.id], activity: 'Open dagen', amountCents: 3_000_000 })
  lineId = line.id
  await buildBudgetLine(db, { grantId, year: 2021, boardIds: [other.id], activity: 'Decanen', category: 'PERSONNEL' })
  await buildReport(db, { budgetLineId: line.id, boardId: w.a.board.id, year: 2020, amountCents: 100_000, coFinancedCents: 50_000, status: 'APPROVED' })
  await buildReport(db, { budgetLineId: line.id, boardId: other.id, year: 2020, amountCents: 70_000, status: 'SUBMITTED' })
  const event = await buildCalendarEvent(db, { title: 'Open dag', startsAt: new Date('2020-03-12T13:00:00Z'), regionIds: [w.a.region.id], organiserId: w.a.mbo.id })
  eventId = event.id
  await db.$executeRaw`INSERT INTO "FundBudgetLineEvent" ("budgetLineId", "eventId") VALUES (${lineId}, ${eventId})`
})

/** Every page of the grant as its readers get it: the coordinator's four, the board reporter's two. */
async function pages() {
  const coordinator = await callerFor(w.a.coordinator.id)
  const reporter = await callerFor(w.a.boardReporter.id)
  const grant = { grantId }
  return JSON.stringify({
    region: await coordinator.fund.regionDashboard(grant),
    dashboard: await coordinator.fund.dashboard(grant),
    settlement: await coordinator.fund.settlement(grant),
    accountability: await coordinator.fund.accountability(grant),
    board: await reporter.fund.dashboard(grant),
    boardSettlement: await reporter.fund.settlement(grant),
  })
}

const stored = async () => (await db.$queryRaw<{ key: string; page: string }[]>`SELECT "key", "page" FROM "FundPageStore" WHERE "grantId" = ${grantId} ORDER BY "key"`)
const MARKER = JSON.stringify({ stale: true })
const poison = () => db.$executeRaw`UPDATE "FundPageStore" SET "page" = ${MARKER}, "parts" = '[["stale", 9, 13]]', "tags" = NULL WHERE "grantId" = ${grantId}`
const forget = () => db.$executeRaw`DELETE FROM "FundPageStore" WHERE "grantId" = ${grantId}`

describe('stored fund pages', () => {
  it('are stored on the first read and read back from the store while nothing changed', async () => {
    await forget()
    const first = await pages()
    // region dashboard and the coordinator's dashboard share one page; settlement, export, and the board views
    expect((await stored()).map((s) => s.key.split(':').slice(0, 2).join(':'))).toEqual([
      'accountability:region',
      'dashboard:board',
      'dashboard:region',
      'settlement:board',
      'settlement:region',
    ])
    expect(await pages()).toBe(first)
    // Proof that the second read came from the store: a page changed there (same version) is what is read back.
    await poison()
    const coordinator = await callerFor(w.a.coordinator.id)
    expect(JSON.stringify(await coordinator.fund.regionDashboard({ grantId }))).toBe(MARKER)
    await forget()
  })

  const writes: [string, () => Promise<unknown>][] = [
    ['a report approved', () => db.$executeRaw`UPDATE "FundReport" SET "status" = 'APPROVED', "decidedAt" = now() WHERE "boardId" = ${otherBoardId}`],
    ['a report written', () => buildReport(db, { budgetLineId: lineId, boardId: w.a.board.id, year: 2020, amountCents: 1_234, status: 'SUBMITTED' })],
    ['a report deleted', () => db.$executeRaw`DELETE FROM "FundReport" WHERE "amountCents" = 1234 AND "budgetLineId" = ${lineId}`],
    ['a payment', () => db.$executeRaw`INSERT INTO "FundPayment" ("id", "grantId", "boardId", "year", "kind", "amountCents", "paidOn", "reference", "createdById") VALUES (${`pay-${grantId}`}, ${grantId}, ${w.a.board.id}, 2020, 'ADVANCE', 40000, '2020-06-01', 'Termijn 1', ${w.a.coordinator.id})`],
    ['a line amount', () => db.$executeRaw`UPDATE "FundBudgetLine" SET "amountCents" = "amountCents" + 1 WHERE "id" = ${lineId}`],
    ['a line board removed', () => db.$executeRaw`DELETE FROM "FundBudgetLineBoard" WHERE "budgetLineId" = ${lineId} AND "boardId" = ${otherBoardId}`],
    ['an allocation', () => db.$executeRaw`UPDATE "FundAllocation" SET "amountCents" = "amountCents" + 100 WHERE "grantId" = ${grantId} AND "year" = 2021`],
    ['a closed year', () => db.$executeRaw`INSERT INTO "FundClosedYear" ("grantId", "year", "closedById") VALUES (${grantId}, 2020, ${w.a.coordinator.id})`],
    ['the grant', () => db.$executeRaw`UPDATE "FundGrant" SET "coFinancingPercent" = 75 WHERE "id" = ${grantId}`],
    ['the linked event renamed', () => db.$executeRaw`UPDATE "CalendarEvent" SET "title" = 'Open dag (nieuw)' WHERE "id" = ${eventId}`],
    ['the linked event unlinked', () => db.$executeRaw`DELETE FROM "FundBudgetLineEvent" WHERE "eventId" = ${eventId}`],
    ['the region renamed', () => db.$executeRaw`UPDATE "Region" SET "name" = "name" || ' (nieuw)' WHERE "id" = ${w.a.region.id}`],
    ['the penvoerder renamed', () => db.$executeRaw`UPDATE "Organisation" SET "name" = "name" || ' (nieuw)' WHERE "id" = ${w.a.mbo.id}`],
    ['a board renamed', () => db.$executeRaw`UPDATE "Board" SET "name" = 'Stichting Tweede (nieuw)' WHERE "id" = ${otherBoardId}`],
    ['an organisation leaves the region', () => db.$executeRaw`DELETE FROM "OrganisationRegion" WHERE "regionId" = ${w.a.region.id} AND "organisationId" IN (SELECT "id" FROM "Organisation" WHERE "boardId" = ${otherBoardId})`],
  ]

  it.each(writes)('are not read back after %s: every page equals the page computed afresh', async (_, write) => {
    await pages() // stored
    await poison()
    const before = (await db.$queryRaw<{ version: bigint }[]>`SELECT "version" FROM "FundGrantVersion" WHERE "grantId" = ${grantId}`)[0]?.version ?? 0n
    await write()
    const after = (await db.$queryRaw<{ version: bigint }[]>`SELECT "version" FROM "FundGrantVersion" WHERE "grantId" = ${grantId}`)[0]!.version
    expect(after).toBeGreaterThan(before)
    const read = await pages()
    expect(read).not.toContain('"stale"')
    await forget()
    expect(read).toBe(await pages())
  })

  it('are not read back after a release: another code or page function', async () => {
    await pages()
    await poison()
    await db.$executeRaw`UPDATE "FundPageStore" SET "code" = 'another-release' WHERE "grantId" = ${grantId}`
    expect(await pages()).not.toContain('"stale"')
    // the new release's pages replaced the old ones: still one row per page and view
    expect((await stored()).map((r) => r.key)).toEqual(['accountability:region:', 'dashboard:board:' + w.a.board.id, 'dashboard:region:', 'settlement:board:' + w.a.board.id, 'settlement:region:'])
    // the functions' identity is read from pg_proc: replacing one (as a migration does) changes it
    const CODE = Prisma.sql`SELECT string_agg(p.xmin::text, ',' ORDER BY p.proname) AS c FROM pg_proc p WHERE p.proname IN ('fund_grant', 'fund_settlement')`
    const code = async () => (await db.$queryRaw<{ c: string }[]>(CODE))[0]!.c
    const def = (await db.$queryRaw<{ def: string }[]>`SELECT pg_get_functiondef('"fund_settlement"(text, text[])'::regprocedure) AS def`)[0]!.def
    const was = await code()
    await db.$transaction(async (tx) => {
      await tx.$executeRawUnsafe(def)
      expect((await tx.$queryRaw<{ c: string }[]>(CODE))[0]!.c).not.toBe(was)
      throw new Error('rollback')
    }).catch((e: unknown) => expect((e as Error).message).toBe('rollback'))
    expect(await code()).toBe(was)
  })

  it('authorize the reader of a stored page as a computed one', async () => {
    await pages()
    const outsider = await callerFor(w.b.coordinator.id)
    const otherReporter = await callerFor(w.b.boardReporter.id)
    const publisher = await callerFor(w.a.publisher.id)
    for (const caller of [outsider, otherReporter, publisher]) {
      await expectTrpcError(caller.fund.regionDashboard({ grantId }), 'FORBIDDEN')
      await expectTrpcError(caller.fund.dashboard({ grantId }), 'FORBIDDEN')
      await expectTrpcError(caller.fund.settlement({ grantId }), 'FORBIDDEN')
      await expectTrpcError(caller.fund.accountability({ grantId }), 'FORBIDDEN')
    }
    // A board reporter gets its own board's page, never the region's stored one, and no region-only page.
    const reporter = await callerFor(w.a.boardReporter.id)
    expect((await reporter.fund.dashboard({ grantId })).scope).toBe('board')
    expect((await reporter.fund.dashboard({ grantId })).byBoard.map((b) => b.id)).toEqual([w.a.board.id])
    await expectTrpcError(reporter.fund.regionDashboard({ grantId }), 'FORBIDDEN')
    await expectTrpcError(reporter.fund.accountability({ grantId }), 'FORBIDDEN')
    // A reporter of two boards of the region: its view is both boards (another key than the one-board page).
    const both = await buildUser(db, { roles: [{ role: 'BOARD_REPORTER', boardId: w.a.board.id }, { role: 'BOARD_REPORTER', boardId: otherBoardId }] })
    const bothCaller = await callerFor(both.id)
    const inRegion = (await db.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM "OrganisationRegion" r JOIN "Organisation" o ON o."id" = r."organisationId" WHERE r."regionId" = ${w.a.region.id} AND o."boardId" = ${otherBoardId}`)[0]!.n
    const expected = inRegion ? [w.a.board.id, otherBoardId].sort() : [w.a.board.id]
    expect((await bothCaller.fund.dashboard({ grantId })).byBoard.map((b) => b.id).sort()).toEqual(expected)
    await expectTrpcError((await callerFor(w.a.coordinator.id)).fund.dashboard({ grantId: 'no-such-grant' }), 'NOT_FOUND')
  })

  it('an actor holding fund.read in two kinds of scope gets the stored page of its real view (a second read, no computation)', async () => {
    // coordinator of region B (guessed view: a region) and reporter of region A's board (its view of this grant)
    const mixed = await buildUser(db, { roles: [{ role: 'REGION_COORDINATOR', regionId: w.b.region.id }, { role: 'BOARD_REPORTER', boardId: w.a.board.id }] })
    const caller = await callerFor(mixed.id)
    await forget()
    const fresh = JSON.stringify(await caller.fund.dashboard({ grantId }))
    expect(fresh).toBe(JSON.stringify(await (await callerFor(w.a.boardReporter.id)).fund.dashboard({ grantId })))
    await (await callerFor(w.a.coordinator.id)).fund.dashboard({ grantId }) // the region's page stored too
    await poison()
    expect(JSON.stringify(await caller.fund.dashboard({ grantId }))).toBe(MARKER) // read from the store: the board page
    await forget()
    expect(JSON.stringify(await caller.fund.dashboard({ grantId }))).toBe(fresh)
  })
})
