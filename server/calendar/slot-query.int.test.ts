import { beforeAll, describe, expect, it } from 'vitest'
import ical from 'node-ical'
import { TRPCError } from '@trpc/server'
import { buildTwoRegionWorld, buildUser } from '../db/factories.ts'
import { callerFor, db, expectTrpcError, httpQuery } from '../test/helpers.ts'
import { jsonOutput } from '../api/transformer.ts'
import { createCaller } from '../api/root.ts'
import { GET as regionFeedGET } from '../../app/api/calendar/region/[slug]/route.ts'
import { GET as organisationFeedGET } from '../../app/api/calendar/organisation/[id]/route.ts'
import type { CalendarEntry } from './query.ts'
import { slotEntryHref } from './slot-entries.ts'
import type { CreateEventInput } from './schema.ts'
import { keptAhead } from './test-dates.ts'

/** The examples' fixed dates, kept ahead of today (same weekdays and DST changes). */
const at = keptAhead('2032-03-01')

/**
 * Proefstudeer/meeloop slots in the shared calendar: published by institutions through the slots API and read
 * back through the calendar API, the public region calendar and the ICS feeds.
 */
type World = Awaited<ReturnType<typeof buildTwoRegionWorld>>
let w: World
let mboSlot: string
let hboSlot: string
let cancelledSlot: string
let event: string
let hboPublisher: string

const month = { from: at.day('2032-03-01'), to: at.day('2032-04-01'), types: [] }
const ids = (entries: CalendarEntry[]) => entries.map((e) => e.id)

/** An event of region A's school on 10 March 2032 (the day of the slots). */
const schoolEvent = (e: Pick<CreateEventInput, 'title' | 'type' | 'audienceLevels' | 'startTime' | 'endTime'>): CreateEventInput => ({
  description: '',
  organiserIds: [w.a.school.id],
  regionIds: [w.a.region.id],
  schoolYears: [],
  allDay: false,
  startDate: at.day('2032-03-10'),
  endDate: at.day('2032-03-10'),
  attachments: [],
  ...e,
})

beforeAll(async () => {
  w = await buildTwoRegionWorld(db)
  hboPublisher = (await buildUser(db, { roles: [{ role: 'INSTITUTION_PUBLISHER', organisationId: w.a.hbo.id }] })).id
  const mbo = await callerFor(w.a.publisher.id)
  const hbo = await callerFor(hboPublisher)
  const pm = await mbo.slots.createProgramme({ organisationId: w.a.mbo.id, name: 'Verzorgende IG', level: 'MBO_3', code: '25498' })
  const ph = await hbo.slots.createProgramme({ organisationId: w.a.hbo.id, name: 'Pedagogiek', level: 'BACHELOR', code: '34808' })
  const common = { location: 'Hoofdgebouw, Utrecht', questions: [], closesHoursBefore: 24 }
  ;[mboSlot, cancelledSlot] = (
    await mbo.slots.createSlots({
      ...common,
      programmeId: pm.id,
      audienceLevels: ['VMBO_KB', 'VMBO_GT'],
      dates: [
        { date: at.day('2032-03-10'), startTime: '09:00', endTime: '12:00', capacity: 12 },
        { date: at.day('2032-03-17'), startTime: '09:00', endTime: '12:00', capacity: 12 },
      ],
    })
  ).map((s) => s.id) as [string, string]
  hboSlot = (await hbo.slots.createSlots({ ...common, programmeId: ph.id, audienceLevels: ['HAVO', 'VWO'], dates: [{ date: at.day('2032-03-10'), startTime: '13:00', endTime: '16:00', capacity: 20 }] }))[0]!.id
  await mbo.slots.cancel({ id: cancelledSlot })

  const coord = await callerFor(w.a.coordinator.id)
  const { ids: created } = await coord.calendar.create(schoolEvent({ title: 'Open dag havo/vwo', type: 'OPEN_DAG', audienceLevels: ['havo', 'vwo'], startTime: '10:00', endTime: '12:00' }))
  event = created[0]!
  await coord.calendar.publish({ id: event, regionId: w.a.region.id })
})

describe('slots in the region calendar', () => {
  it('over HTTP the views read exactly what the server caller reads (the statement’s JSON passed through, Dates revived)', async () => {
    const staff = await callerFor(w.a.staff.id)
    const viaHttp = async (path: string, input: object) => {
      const res = await httpQuery(w.a.staff.id, path, input, 'nl')
      return jsonOutput.deserialize((res.body as unknown as { result: { data: unknown } }).result.data)
    }
    const entries = await staff.calendar.range({ regionId: w.a.region.id, ...month })
    expect(entries.length).toBe(4)
    expect(entries[0]!.startsAt).toBeInstanceOf(Date)
    expect(await viaHttp('calendar.range', { regionId: w.a.region.id, ...month })).toStrictEqual([...entries])
    const list = { regionId: w.a.region.id, from: at.day('2032-03-01'), limit: 2, types: [] }
    const page = await staff.calendar.list(list)
    expect(await viaHttp('calendar.list', list)).toStrictEqual({ items: [...page.items], nextCursor: page.nextCursor })
  })

  it('month view: events and slots of the region together, in time order, slots in calendar vocabulary', async () => {
    const staff = await callerFor(w.a.staff.id)
    const entries = await staff.calendar.range({ regionId: w.a.region.id, ...month })
    expect(ids(entries)).toEqual([mboSlot, event, hboSlot, cancelledSlot])
    const mbo = entries.find((e) => e.id === mboSlot)!
    expect(mbo).toMatchObject({ kind: 'slot', type: 'MEELOOPDAG', title: 'Verzorgende IG', status: 'PUBLISHED', free: 12, capacity: 12, locationAddress: 'Hoofdgebouw, Utrecht' })
    expect(mbo.audienceLevels).toEqual(['vmbo-k', 'vmbo-gt'])
    expect(mbo.organisers.map((o) => o.organisation.name)).toEqual([w.a.mbo.name])
    expect(mbo.startsAt.toISOString()).toBe(at.instant('2032-03-10T08:00:00.000Z'))
    expect(entries.find((e) => e.id === hboSlot)).toMatchObject({ type: 'PROEFSTUDEREN', audienceLevels: ['havo', 'vwo'] })
    expect(entries.find((e) => e.id === cancelledSlot)?.status).toBe('CANCELLED')
  })

  it('a decaan opens a slot on its public booking page; the institution’s publisher on its management page', async () => {
    const href = async (userId: string) => slotEntryHref((await (await callerFor(userId)).calendar.range({ regionId: w.a.region.id, ...month })).find((e) => e.id === mboSlot) as Extract<CalendarEntry, { kind: 'slot' }>)
    expect(await href(w.a.staff.id)).toBe(`/instelling/${w.a.mbo.brin}/proefstuderen/${mboSlot}`)
    expect(await href(w.a.publisher.id)).toBe(`/proefstuderen/${mboSlot}`)
  })

  it('filters apply to slots: type, level, organisation and sector', async () => {
    const staff = await callerFor(w.a.staff.id)
    const range = (f: object) => staff.calendar.range({ regionId: w.a.region.id, ...month, ...f }).then(ids)
    expect(await range({ types: ['OPEN_DAG'] })).toEqual([event])
    expect(await range({ types: ['PROEFSTUDEREN'] })).toEqual([hboSlot])
    expect(await range({ types: ['MEELOOPDAG', 'OPEN_DAG'] })).toEqual([mboSlot, event, cancelledSlot])
    expect(await range({ level: 'vwo' })).toEqual([event, hboSlot])
    expect(await range({ level: 'vmbo-k' })).toEqual([mboSlot, cancelledSlot])
    expect(await range({ level: 'mbo-2' })).toEqual([])
    expect(await range({ organisationId: w.a.hbo.id })).toEqual([hboSlot])
    expect(await range({ sector: 'MBO' })).toEqual([mboSlot, cancelledSlot])
    expect(await range({ sector: 'VO' })).toEqual([event])
  })

  it('the week view only has the slots of that week', async () => {
    const staff = await callerFor(w.a.staff.id)
    expect(ids(await staff.calendar.range({ regionId: w.a.region.id, from: at.day('2032-03-15'), to: at.day('2032-03-22'), types: [] }))).toEqual([cancelledSlot])
  })

  it('region B sees none of region A’s slots, and cannot open region A’s calendar', async () => {
    const b = await callerFor(w.b.staff.id)
    expect(ids(await b.calendar.range({ regionId: w.b.region.id, ...month }))).toEqual([])
    await expectTrpcError(b.calendar.range({ regionId: w.a.region.id, ...month }), 'FORBIDDEN')
  })

  it('list view pages through events and slots together with a keyset cursor: every entry once, in order', async () => {
    const staff = await callerFor(w.a.staff.id)
    const seen: string[] = []
    let cursor: string | undefined
    for (let page = 0; page < 10; page++) {
      const res = await staff.calendar.list({ regionId: w.a.region.id, from: at.day('2032-03-01'), limit: 1, types: [], cursor })
      seen.push(...ids(res.items))
      if (!res.nextCursor) break
      cursor = res.nextCursor
    }
    expect(seen).toEqual([mboSlot, event, hboSlot, cancelledSlot])
    expect(ids((await staff.calendar.list({ regionId: w.a.region.id, from: at.day('2032-03-11'), limit: 50, types: [] })).items)).toEqual([cancelledSlot])
    const err = await staff.calendar.list({ regionId: w.a.region.id, from: at.day('2032-03-01'), limit: 1, types: [], cursor: 'not-a-cursor' }).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(TRPCError)
    expect((err as TRPCError).code).toBe('BAD_REQUEST')
  })

  it('a list page holds the month view’s entries from its first day as they are, with a cursor exactly when more follow', async () => {
    const staff = await callerFor(w.a.staff.id)
    const entries = await staff.calendar.range({ regionId: w.a.region.id, ...month })
    for (const limit of [1, 3, 4, 5]) {
      const page = await staff.calendar.list({ regionId: w.a.region.id, from: at.day('2032-03-01'), limit, types: [] })
      expect([...page.items]).toStrictEqual(entries.slice(0, limit))
      expect(page.nextCursor !== null).toBe(limit < entries.length)
    }
  })

  it('a havo/vwo event at the same time as a havo/vwo proefstudeerdag shows the slot as an audience conflict', async () => {
    const coord = await callerFor(w.a.coordinator.id)
    const { conflicts } = await coord.calendar.get({ id: event })
    expect(conflicts.map((c) => c.id)).toEqual([])
    const staff = await callerFor(w.a.staff.id)
    const { ids: created } = await staff.calendar.create(schoolEvent({ title: 'Voorlichting vwo', type: 'VOORLICHTING', audienceLevels: ['vwo'], startTime: '15:00', endTime: '17:00' }))
    const proposed = await staff.calendar.propose({ id: created[0]! })
    expect(proposed.conflicts.map((c) => [c.id, c.type])).toEqual([[hboSlot, 'PROEFSTUDEREN']])
  })
})

describe('slots on the public calendar and in feeds', () => {
  it('the public region calendar lists slots with a link to book them', async () => {
    const anon = createCaller({ db, actor: null, locale: 'nl', ip: '10.9.9.9' })
    const { events } = await anon.calendar.publicRange({ slug: w.a.region.slug, from: at.day('2032-03-01'), to: at.day('2032-04-01') })
    expect(ids(events)).toEqual([mboSlot, event, hboSlot, cancelledSlot])
    const hbo = events.find((e) => e.id === hboSlot) as Extract<CalendarEntry, { kind: 'slot' }>
    expect(hbo).toMatchObject({ kind: 'slot', appHref: null, brin: w.a.hbo.brin })
    expect(slotEntryHref(hbo)).toBe(`/instelling/${w.a.hbo.brin}/proefstuderen/${hboSlot}`)
  })

  it('region and institution feeds carry slots with their own UID, UTC times, booking URL and STATUS:CANCELLED', async () => {
    const parse = async (res: Response) => {
      expect(res.status).toBe(200)
      return Object.values(ical.sync.parseICS(await res.text())).filter((c) => c?.type === 'VEVENT') as ical.VEvent[]
    }
    const region = await parse(await regionFeedGET(new Request('http://x/'), { params: Promise.resolve({ slug: `${w.a.region.slug}.ics` }) }))
    const byUid = new Map(region.map((e) => [e.uid, e]))
    expect(byUid.has(`${event}@overstap.nl`)).toBe(true)
    const hbo = byUid.get(`slot-${hboSlot}@overstap.nl`)!
    expect(hbo.summary).toBe(`Proefstuderen: Pedagogiek (${w.a.hbo.name})`)
    expect(hbo.start.toISOString()).toBe(at.instant('2032-03-10T12:00:00.000Z'))
    expect(hbo.end!.toISOString()).toBe(at.instant('2032-03-10T15:00:00.000Z'))
    expect(String(hbo.url)).toMatch(new RegExp(`/instelling/${w.a.hbo.brin}/proefstuderen/${hboSlot}$`))
    expect(hbo.status).toBe('CONFIRMED')
    const cancelled = byUid.get(`slot-${cancelledSlot}@overstap.nl`)!
    expect([cancelled.status, Number(cancelled.sequence)]).toEqual(['CANCELLED', 1])

    const org = await parse(await organisationFeedGET(new Request('http://x/'), { params: Promise.resolve({ id: w.a.mbo.id }) }))
    expect(org.map((e) => e.uid).sort()).toEqual([`slot-${mboSlot}@overstap.nl`, `slot-${cancelledSlot}@overstap.nl`].sort())
    const other = await parse(await regionFeedGET(new Request('http://x/'), { params: Promise.resolve({ slug: w.b.region.slug }) }))
    expect(other.some((e) => String(e.uid).startsWith('slot-'))).toBe(false)
  })
})
