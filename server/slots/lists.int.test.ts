/**
 * The slot lists that can grow — a publisher's upcoming and past days, a day's participants, a decaan's pupils'
 * bookings — come a page at a time (keyset, server/lib/keyset.ts) with the total under the same scoped filter: paging
 * reaches every row once in order, the last page has no next cursor, a forged cursor is a translated 400, and another
 * tenant's user sees none of them.
 */
import { randomUUID } from 'node:crypto'
import { beforeAll, describe, expect, it } from 'vitest'
import { buildTwoRegionWorld, uniq } from '../db/factories.ts'
import { encodeKeyset } from '../lib/keyset.ts'
import { allPages, callerFor, db, expectTrpcError, httpQuery } from '../test/helpers.ts'

type World = Awaited<ReturnType<typeof buildTwoRegionWorld>>
let w: World
let programmeId: string
const HOUR = 3_600_000
const [UPCOMING, PAST, CROWD, ELSEWHERE] = [30, 27, 60, 5]
let crowded: { id: string }
let other: { id: string }

async function slotAt(startsAt: Date) {
  return db.slot.create({
    data: { programmeId, organisationId: w.a.mbo.id, startsAt, endsAt: new Date(startsAt.getTime() + 4 * HOUR), location: 'Hoofdgebouw', capacity: 10, bookingOpensAt: new Date(startsAt.getTime() - 30 * 24 * HOUR), bookingClosesAt: new Date(startsAt.getTime() - HOUR), audienceLevels: ['HAVO'] },
  })
}

/** Waiting-list bookings of the world's school A (no place taken), half with UUIDs as the booking engine makes them. */
async function bookings(slotId: string, n: number) {
  for (let i = 0; i < n; i++)
    await db.slotBooking.create({
      data: { ...(i % 2 ? { id: randomUUID() } : {}), slotId, organisationId: w.a.mbo.id, programmeId, pupilName: `Leerling ${i}`, pupilEmail: `l${i}-${uniq()}@example.test`, schoolId: w.a.school.id, level: 'HAVO', year: 4, status: 'WAITLISTED', waitlistedAt: new Date() },
    })
}

beforeAll(async () => {
  w = await buildTwoRegionWorld(db)
  programmeId = (await (await callerFor(w.a.publisher.id)).slots.createProgramme({ organisationId: w.a.mbo.id, name: 'Techniek', level: 'MBO_3', code: '12345' })).id
  const now = Date.now()
  for (let i = 0; i < UPCOMING; i++) await slotAt(new Date(now + (24 + (i % 20)) * HOUR)) // some share a start time
  for (let i = 0; i < PAST; i++) await slotAt(new Date(now - (24 + i) * HOUR))
  crowded = await slotAt(new Date(now + 24 * HOUR))
  other = await slotAt(new Date(now + 48 * HOUR))
  await bookings(crowded.id, CROWD)
  await bookings(other.id, ELSEWHERE)
})


const sorted = (xs: (readonly [number, string])[], dir: 1 | -1) => [...xs].sort((x, y) => dir * (x[0] - y[0] || (x[1] < y[1] ? -1 : 1)))

describe("a publisher's days a page at a time", () => {
  it('upcoming soonest first and past latest first, through all of them, with the totals', async () => {
    const p = await callerFor(w.a.publisher.id)
    const upcoming = await allPages((cursor) => p.slots.list({ past: false, cursor, limit: 25 }))
    expect(upcoming.map((x) => x.items.length)).toEqual([25, UPCOMING + 2 - 25])
    expect(upcoming.every((x) => x.total === UPCOMING + 2)).toBe(true)
    const up = upcoming.flatMap((x) => x.items.map((s) => [s.startsAt.getTime(), s.id] as const))
    expect(up).toEqual(sorted(up, 1))
    expect(new Set(up.map((s) => s[1])).size).toBe(UPCOMING + 2)
    expect(upcoming.flatMap((x) => x.items).find((s) => s.id === crowded.id)?.waitlisted).toBe(CROWD)
    const past = await allPages((cursor) => p.slots.list({ past: true, cursor, limit: 25 }))
    expect(past.map((x) => x.items.length)).toEqual([25, 2])
    expect(past[0]!.total).toBe(PAST)
    const back = past.flatMap((x) => x.items.map((s) => [s.startsAt.getTime(), s.id] as const))
    expect(back).toEqual(sorted(back, -1))
    const end = past.at(-1)!.items.at(-1)!
    expect(await p.slots.list({ past: true, cursor: encodeKeyset(end.startsAt, end.id) })).toEqual({ items: [], nextCursor: null, total: PAST })
  })

  it("another institution's publisher sees none of them", async () => {
    const pb = await callerFor(w.b.publisher.id)
    expect(await pb.slots.list({ past: false })).toEqual({ items: [], nextCursor: null, total: 0 })
    expect(await pb.slots.list({ past: true })).toEqual({ items: [], nextCursor: null, total: 0 })
    await expectTrpcError(pb.slots.list({ organisationId: w.a.mbo.id }), 'FORBIDDEN')
  })
})

describe("a day's participants a page at a time", () => {
  it('in booking order through all of them, with the total; another publisher is refused', async () => {
    const p = await callerFor(w.a.publisher.id)
    const pages = await allPages((cursor) => p.slots.participants({ slotId: crowded.id, cursor }))
    expect(pages.map((x) => x.items.length)).toEqual([50, CROWD - 50])
    expect(pages.every((x) => x.total === CROWD)).toBe(true)
    const rows = pages.flatMap((x) => x.items.map((b) => [b.createdAt.getTime(), b.id] as const))
    expect(rows).toEqual(sorted(rows, 1))
    expect(new Set(rows.map((r) => r[1])).size).toBe(CROWD)
    expect(pages.flatMap((x) => x.items).some((b) => b.id.includes('-'))).toBe(true) // UUIDs page too
    await expectTrpcError((await callerFor(w.b.publisher.id)).slots.participants({ slotId: crowded.id }), 'FORBIDDEN')
    await expectTrpcError((await callerFor(w.a.staff.id)).slots.participants({ slotId: crowded.id }), 'FORBIDDEN')
  })
})

describe("a decaan's pupils' bookings a page at a time", () => {
  it('latest day first through all of them, with the total; another school sees none', async () => {
    const staff = await callerFor(w.a.staff.id)
    const pages = await allPages((cursor) => staff.slots.schoolBookings({ cursor, limit: 25 }).then((r) => ({ ...r, items: r.bookings })))
    const all = CROWD + ELSEWHERE
    expect(pages.map((x) => x.items.length)).toEqual([25, 25, all - 50])
    expect(pages.every((x) => x.total === all)).toBe(true)
    const rows = pages.flatMap((x) => x.items.map((b) => [b.startsAt.getTime(), b.id] as const))
    expect(rows).toEqual(sorted(rows, -1))
    expect(new Set(rows.map((r) => r[1])).size).toBe(all)
    expect(pages.at(-1)!.nextCursor).toBeNull()
    const theirs = await (await callerFor(w.b.staff.id)).slots.schoolBookings({})
    expect({ bookings: theirs.bookings, total: theirs.total }).toEqual({ bookings: [], total: 0 })
    await expectTrpcError((await callerFor(w.b.staff.id)).slots.schoolBookings({ schoolId: w.a.school.id }), 'FORBIDDEN')
  })
})

describe('forged cursors', () => {
  it('are a 400 with a translated message on every slot list', async () => {
    const cases = [
      [w.a.publisher.id, 'slots.list', { past: false, cursor: '1_a;b' }],
      [w.a.publisher.id, 'slots.participants', { slotId: 'x', cursor: 'abc' }],
      [w.a.staff.id, 'slots.schoolBookings', { cursor: 'tWmFhbg_abc' }],
    ] as const
    for (const [user, path, input] of cases)
      for (const [locale, text] of [
        ['nl', 'Deze pagina van de lijst bestaat niet (meer); begin opnieuw bij de eerste pagina.'],
        ['en', 'This page of the list does not exist (any more); start again from the first page.'],
      ] as const) {
        const res = await httpQuery(user, path, input, locale)
        expect(res.status, `${path} ${locale}`).toBe(400)
        expect(res.body.error.json.data.issues).toContainEqual({ path: 'cursor', message: text })
      }
    await expectTrpcError((await callerFor(w.a.publisher.id)).slots.participants({ slotId: crowded.id, limit: 500 }), 'BAD_REQUEST')
  })
})
