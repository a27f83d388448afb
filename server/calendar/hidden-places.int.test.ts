/**
 * A personal-link-only slot (a listed-only campaign, or the institution's list rule) in the calendar: its places taken
 * are listed pupils of the schools taking part — often one school — so `capacity − free` would be a small count of
 * pupils. The month/week and list views (one statement, ./query-entries.ts) and the conflict warnings give its free
 * places to nobody but its institution (placesHidden, participation/slot-rules.ts); an ordinary slot keeps them until
 * it has ended. The statement's rule is held to the JS rules (slotRules, slotViewEntry) for every kind of
 * participation rule, ended or not.
 */
import { beforeAll, describe, expect, it } from 'vitest'
import { buildSlot, buildTwoRegionWorld, uniq } from '../db/factories.ts'
import { callerFor, db } from '../test/helpers.ts'
import { sqlOf } from '../db/client.ts'
import { loadActor } from '../auth/actor.ts'
import { toAmsterdam } from '../lib/time.ts'
import { placesHidden, placesHiddenFor, slotRules, visibleFree } from '../participation/slot-rules.ts'
import { newLinkToken } from '../participation/pupils.ts'
import { schoolYearOf } from '../participation/school-year.ts'
import type { CalendarEntry } from './query.ts'
import { slotViewEntry } from './slot-query.ts'
import { entryFree, placesHiddenSql, slotPlacesHiddenSql, visibleFreeSql } from './slot-entries.ts'
import { personalLinkOnlySql } from '../participation/slot-rules.ts'

const HOUR = 3_600_000
const DAY = 24 * HOUR
const localDate = (ms: number) => toAmsterdam(new Date(Date.now() + ms)).date
/** The views' window: the past week and the next four weeks (the slots are two weeks ahead, the ended ones days ago). */
const window = () => ({ from: localDate(-7 * DAY), to: localDate(28 * DAY) })

let w: Awaited<ReturnType<typeof buildTwoRegionWorld>>
let listedSlot: string
let openSlot: string

type SlotView = Extract<CalendarEntry, { kind: 'slot' }>
const slotIn = (entries: readonly CalendarEntry[], id: string) => entries.find((e) => e.id === id) as SlotView | undefined

/** Free places of the two slots as `userId` (null: the public) reads them in the month view, the list view and the public calendar. */
async function freeAsRead(userId: string | null) {
  const caller = await callerFor(userId)
  const { from, to } = window()
  const views: (readonly CalendarEntry[])[] = []
  if (userId) {
    views.push(await caller.calendar.range({ regionId: w.a.region.id, from, to, types: [] }))
    views.push((await caller.calendar.list({ regionId: w.a.region.id, from, limit: 50, types: [] })).items)
  } else views.push((await caller.calendar.publicRange({ slug: w.a.region.slug, from, to })).events)
  return views.map((entries) => ({ listed: slotIn(entries, listedSlot)?.free, open: slotIn(entries, openSlot)?.free, capacity: slotIn(entries, listedSlot)?.capacity }))
}

beforeAll(async () => {
  w = await buildTwoRegionWorld(db)
  const publisher = await callerFor(w.a.publisher.id)
  const programmeId = (await publisher.slots.createProgramme({ organisationId: w.a.mbo.id, name: `Verzorgende IG ${uniq()}`, level: 'MBO_3', code: '25498' })).id
  listedSlot = (await buildSlot(db, { programmeId, organisationId: w.a.mbo.id, capacity: 20 })).id
  openSlot = (await buildSlot(db, { programmeId, organisationId: w.a.mbo.id, capacity: 20, startsInHours: 24 * 14 + 5 })).id
  // One school's listed-only campaign over the first slot, and one of its pupils booked it with the personal link.
  const coord = await callerFor(w.a.coordinator.id)
  await coord.participation.createCampaign({ regionId: w.a.region.id, name: `Meeloopdagen ${uniq()}`, opensAt: localDate(-DAY), closesAt: localDate(10 * DAY), maxPerPupil: 2, levels: [], schoolIds: [w.a.school.id], slotIds: [listedSlot], listedOnly: true })
  const { token, hash } = newLinkToken()
  await db.participationPupil.create({
    data: { schoolId: w.a.school.id, schoolYear: schoolYearOf(new Date()), name: 'Sam de Vries', email: `s${uniq()}@${uniq()}.example.test`, level: 'HAVO', year: 4, className: '4H1', linkHash: hash, linkExpiresAt: new Date(Date.now() + 60 * DAY) },
  })
  expect(await (await callerFor(null)).participation.linkBook({ token, slotId: listedSlot })).toMatchObject({ status: 'CONFIRMED' })
  expect((await db.slot.findUniqueOrThrow({ where: { id: listedSlot } })).confirmedCount).toBe(1)
})

describe('a personal-link-only slot with one booking in the calendar', () => {
  it('the public calendar shows no free places for it (capacity − free was the 1), and the ordinary slot’s', async () => {
    expect(await freeAsRead(null)).toEqual([{ listed: null, open: 20, capacity: 20 }])
    const { from, to } = window()
    const text = JSON.stringify(await (await callerFor(null)).calendar.publicRange({ slug: w.a.region.slug, from, to }))
    expect(text).not.toMatch(/"free":19\b/)
  })

  it('a coordinator (and a school’s staff) read null in the month and list views; the ordinary slot keeps its number', async () => {
    for (const reader of [w.a.coordinator.id, w.a.staff.id]) expect(await freeAsRead(reader), reader).toEqual([{ listed: null, open: 20, capacity: 20 }, { listed: null, open: 20, capacity: 20 }])
  })

  it('the slot’s institution (its publisher) and the platform admin read the real number', async () => {
    for (const reader of [w.a.publisher.id, w.admin.id]) expect(await freeAsRead(reader), reader).toEqual([{ listed: 19, open: 20, capacity: 20 }, { listed: 19, open: 20, capacity: 20 }])
  })

  it('a conflict warning about the slot carries no place figures either', async () => {
    const staff = await callerFor(w.a.staff.id)
    const starts = toAmsterdam(new Date(Date.now() + 14 * DAY))
    const { ids } = await staff.calendar.create({
      title: 'Voorlichting havo', description: '', type: 'VOORLICHTING', organiserIds: [w.a.school.id], regionIds: [w.a.region.id], audienceLevels: ['havo'], schoolYears: [],
      allDay: false, startDate: starts.date, startTime: '00:00', endDate: localDate(15 * DAY), endTime: '23:00', attachments: [],
    })
    const { conflicts } = await staff.calendar.propose({ id: ids[0]! })
    const slot = conflicts.find((c) => c.id === listedSlot)
    expect(slot).toBeDefined()
    expect(Object.keys(slot!)).not.toContain('free')
    expect(JSON.stringify(conflicts)).not.toMatch(/"free":19\b/)
  })
})

describe('the statement’s rule is the JS rule', () => {
  it('placesHidden and visibleFree in SQL give what the JS rules give, for every value of ended and personalLinkOnly', async () => {
    const one = async <T>(sql: string, values: unknown[]) => (await sqlOf(db).query<{ v: T }>(sql, values)).rows[0]!.v
    for (const ended of [true, false])
      for (const personalLinkOnly of [true, false])
        expect(await one<boolean>(`SELECT ${placesHiddenSql({ ended: '$1::boolean', personalLinkOnly: '$2::boolean' })} AS v`, [ended, personalLinkOnly]), `${ended} ${personalLinkOnly}`).toBe(placesHiddenFor({ ended, personalLinkOnly }))
    // Over a slot row ending just before, at and just after `now` (ended at its end time: slotEnded).
    const now = new Date()
    for (const endsAt of [new Date(now.getTime() - 1), now, new Date(now.getTime() + 1)])
      for (const personalLinkOnly of [true, false]) {
        expect(placesHidden({ endsAt }, { personalLinkOnly }, now)).toBe(personalLinkOnly || endsAt <= now)
        for (const [capacity, confirmedCount] of [[20, 1], [20, 20], [5, 7]] as const) {
          // visibleFreeSql over a slot whose rule is personalLinkOnly: the rule's SQL replaced by the value.
          const sql = visibleFreeSql('x', now).replace(personalLinkOnlySql('x'), '$3::boolean')
          const row = `SELECT $1::int AS "capacity", $2::int AS "confirmedCount", $4::timestamp(3) AS "endsAt"`
          expect(await one<number | null>(`SELECT ${sql} AS v FROM (${row}) x`, [capacity, confirmedCount, personalLinkOnly, endsAt.toISOString()]), `${endsAt.toISOString()} ${personalLinkOnly}`).toBe(
            visibleFree({ capacity, confirmedCount, endsAt }, { personalLinkOnly }, now),
          )
          // The institution reads the number, ended or not.
          expect(entryFree({ capacity, confirmedCount, endsAt }, { personalLinkOnly }, true, now)).toBe(Math.max(0, capacity - confirmedCount))
        }
      }
  })

  it('the end time is decided first: an ended slot’s participation rules are not read at all', async () => {
    const programme = await db.slotProgramme.create({ data: { organisationId: w.b.hbo.id, name: `Opleiding ${uniq()}`, sector: 'HBO', level: 'BACHELOR', code: '34809' } })
    const [ended, upcoming] = [await buildSlot(db, { programmeId: programme.id, organisationId: w.b.hbo.id, capacity: 10, startsInHours: -30 }), await buildSlot(db, { programmeId: programme.id, organisationId: w.b.hbo.id, capacity: 10 })]
    const now = new Date()
    // The rules' probes replaced by one that fails whenever it runs (a division by zero per row, not foldable when planned).
    const failing = `((SELECT 1 / (count(*) - count(*)) FROM "Slot" z WHERE z."id" = s."id") = 1)`
    const hidden = slotPlacesHiddenSql('s', now).replace(personalLinkOnlySql('s'), failing)
    expect(hidden).toContain(failing)
    const read = (id: string) => sqlOf(db).query<{ v: boolean }>(`SELECT ${hidden} AS v FROM "Slot" s WHERE s."id" = $1`, [id])
    expect((await read(ended.id)).rows[0]!.v).toBe(true)
    await expect(read(upcoming.id)).rejects.toThrow(/division by zero/)
  })

  it('for every kind of participation rule: hidden exactly where slotRules says personal-link-only, entries as slotViewEntry writes them', async () => {
    // Region B's mbo lists its pupils, except for one programme (a programme's rule overrides the institution's);
    // its hbo has no rule, and campaigns list their pupils or not.
    const [mbo, hbo] = [w.b.mbo, w.b.hbo]
    const programme = (organisationId: string, sector: 'MBO' | 'HBO', code: string) =>
      db.slotProgramme.create({ data: { organisationId, name: `Opleiding ${uniq()}`, sector, level: sector === 'MBO' ? 'MBO_4' : 'BACHELOR', code } })
    const [zorg, ict, pedagogiek] = [await programme(mbo.id, 'MBO', '25480'), await programme(mbo.id, 'MBO', '25187'), await programme(hbo.id, 'HBO', '34808')]
    await db.participationListRule.create({ data: { organisationId: mbo.id, programmeId: '', listedOnly: true } })
    await db.participationListRule.create({ data: { organisationId: mbo.id, programmeId: ict.id, listedOnly: false } })
    const slot = async (p: { id: string; organisationId: string }, hour: number, confirmed: number) => {
      const s = await buildSlot(db, { programmeId: p.id, organisationId: p.organisationId, capacity: 10, startsInHours: 24 * 14 + hour })
      return db.slot.update({ where: { id: s.id }, data: { confirmedCount: confirmed } })
    }
    const slots = {
      orgListed: await slot(zorg, 1, 2),
      programmeOpen: await slot(ict, 2, 3),
      plain: await slot(pedagogiek, 3, 4),
      campaignListed: await slot(pedagogiek, 4, 1),
      campaignOpen: await slot(pedagogiek, 5, 5),
      // The same kinds, ended (two to three days ago): hidden to all but the institution, whatever the rule.
      orgListedEnded: await slot(zorg, -24 * 16 - 1, 2),
      programmeOpenEnded: await slot(ict, -24 * 16 - 2, 3),
      plainEnded: await slot(pedagogiek, -24 * 16 - 3, 4),
      campaignOpenEnded: await slot(pedagogiek, -24 * 17 - 5, 5),
    }
    const campaign = (listedOnly: boolean, slotId: string) =>
      db.participationCampaign.create({ data: { regionId: w.b.region.id, name: `Campagne ${uniq()}`, opensAt: new Date(), closesAt: new Date(Date.now() + 60 * DAY), maxPerPupil: 3, levels: [], listedOnly, slots: { create: [{ slotId }] } } })
    await campaign(true, slots.campaignListed.id)
    await campaign(false, slots.campaignOpen.id)
    await campaign(false, slots.campaignOpenEnded.id)

    const all = Object.values(slots)
    const rules = await slotRules(db, all)
    expect(Object.fromEntries(Object.entries(slots).map(([k, s]) => [k, rules.get(s.id)!.personalLinkOnly]))).toEqual({
      orgListed: true, programmeOpen: false, plain: false, campaignListed: true, campaignOpen: false, orgListedEnded: true, programmeOpenEnded: false, plainEnded: false, campaignOpenEnded: false,
    })
    // The SQL twin of personalLinkOnly, slot by slot.
    const { rows } = await sqlOf(db).query<{ id: string; v: boolean }>(`SELECT s."id", ${personalLinkOnlySql('s')} AS v FROM "Slot" s WHERE s."id" = ANY($1::text[])`, [all.map((s) => s.id)])
    for (const r of rows) expect(r.v, r.id).toBe(rules.get(r.id)!.personalLinkOnly)

    // Each reader's views hold exactly the entries slotViewEntry writes for that reader.
    const rows2 = await db.slot.findMany({ where: { id: { in: all.map((s) => s.id) } }, include: { programme: { select: { name: true, sector: true } }, organisation: { select: { id: true, name: true, brin: true } } } })
    const { from, to } = window()
    for (const reader of [null, w.b.coordinator.id, w.b.staff.id, w.b.publisher.id, w.admin.id]) {
      const caller = await callerFor(reader)
      const actor = reader ? await loadActor(db, reader) : null
      const want = rows2.map((s) => slotViewEntry(s, s.organisation, rules.get(s.id)!, actor, new Date()))
      const read = reader
        ? [await caller.calendar.range({ regionId: w.b.region.id, from, to, types: [] }), (await caller.calendar.list({ regionId: w.b.region.id, from, limit: 50, types: [] })).items]
        : [(await caller.calendar.publicRange({ slug: w.b.region.slug, from, to })).events]
      for (const entries of read) for (const e of want) expect(slotIn(entries, e.id), `${reader} ${e.id}`).toStrictEqual(e)
    }
    // The institution (region B's mbo publisher) reads its own listed slot's number, ended or not; the hbo's stay hidden
    // to it once ended (or listed), and the public reads no ended slot's places.
    const pub = await (await callerFor(w.b.publisher.id)).calendar.range({ regionId: w.b.region.id, from, to, types: [] })
    const free = (entries: readonly CalendarEntry[], keys: (keyof typeof slots)[]) => keys.map((k) => slotIn(entries, slots[k].id)?.free)
    expect(free(pub, ['orgListed', 'campaignListed', 'plain', 'orgListedEnded', 'programmeOpenEnded', 'plainEnded', 'campaignOpenEnded'])).toEqual([8, null, 6, 8, 7, null, null])
    const anon = (await (await callerFor(null)).calendar.publicRange({ slug: w.b.region.slug, from, to })).events
    expect(free(anon, ['programmeOpen', 'plain', 'campaignOpen', 'orgListedEnded', 'programmeOpenEnded', 'plainEnded', 'campaignOpenEnded'])).toEqual([7, 6, 5, null, null, null, null])
    // The public slot page follows the same rule; the slot search lists upcoming slots only (no ended one to show).
    const caller = await callerFor(null)
    expect([(await caller.slots.publicSlot({ id: slots.plain.id })).free, (await caller.slots.publicSlot({ id: slots.plainEnded.id })).free]).toEqual([6, null])
    const cards = await caller.slots.search({ regionSlug: w.b.region.slug, limit: 200 })
    expect(cards.find((c) => c.id === slots.plain.id)).toMatchObject({ free: 6, full: false })
    expect(cards.filter((c) => c.endsAt <= new Date())).toEqual([])
  })
})
