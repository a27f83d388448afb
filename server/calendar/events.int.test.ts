import { describe, expect, it } from 'vitest'
import ical from 'node-ical'
import type { ZodError } from 'zod'
import { AppError } from '../lib/errors.ts'
import { issueMessage, translator } from '../i18n/translate.ts'
import { callerFor, db, expectTrpcError } from '../test/helpers.ts'
import { twoRegionWorldBeforeAll } from '../test/world.ts'
import type { CreateEventInput } from './schema.ts'
import { GET as regionFeedGET } from '../../app/api/calendar/region/[slug]/route.ts'
import { GET as personalFeedGET } from '../../app/api/calendar/feed/[token]/route.ts'
import { GET as organisationFeedGET } from '../../app/api/calendar/organisation/[id]/route.ts'
import { keptAhead } from './test-dates.ts'
import { publishedEvent, schoolEventInput } from './test-world.ts'

/** The examples' fixed dates, kept ahead of today (same weekdays and DST changes). */
const at = keptAhead('2027-03-03')

const w = twoRegionWorldBeforeAll()

/** A valid event of the school in region A; dates far in the future keep runs independent. */
const eventInput = (over: Partial<CreateEventInput> = {}) =>
  schoolEventInput(
    w,
    { title: 'Open dag havo/vwo', description: 'Rondleiding en proeflessen', audienceLevels: ['havo', 'vwo'], schoolYears: [2, 3], startDate: at.day('2031-02-08'), locationAddress: 'Schoolstraat 1, Utrecht' },
    over,
  )

const published = (input: CreateEventInput) => publishedEvent(w, input)

const feedText = async (res: Response) => {
  expect(res.status).toBe(200)
  expect(res.headers.get('content-type')).toContain('text/calendar')
  return res.text()
}
const vevents = (text: string) => Object.values(ical.sync.parseICS(text)).filter((c) => c?.type === 'VEVENT') as ical.VEvent[]

describe('workflow: draft → propose → publish / reject → cancel', () => {
  it('staff propose, see the audience conflict; the coordinator sees it too and publishes; every step is audited', async () => {
    const rival = await published(
      eventInput({ title: 'Open dag Lyceum (havo)', organiserIds: [w.a.hbo.id], audienceLevels: ['havo'], startDate: at.day('2031-03-08'), startTime: '10:00', endDate: at.day('2031-03-08'), endTime: '13:00' }),
    )
    const staff = await callerFor(w.a.staff.id)
    const { ids } = await staff.calendar.create(eventInput({ startDate: at.day('2031-03-08'), endDate: at.day('2031-03-08') }))
    const id = ids[0]!
    expect((await staff.calendar.get({ id })).status).toBe('DRAFT')

    const proposed = await staff.calendar.propose({ id })
    expect(proposed.event.status).toBe('PROPOSED')
    expect(proposed.conflicts.map((c) => c.id)).toEqual([rival])

    const coord = await callerFor(w.a.coordinator.id)
    const queue = await coord.calendar.pending()
    const mine = queue.find((e) => e.id === id)!
    expect(mine.approvableRegionIds).toEqual([w.a.region.id])
    expect(mine.conflicts.map((c) => c.title)).toEqual(['Open dag Lyceum (havo)'])
    expect((await coord.calendar.get({ id })).conflicts.map((c) => c.id)).toEqual([rival])

    const pub = await coord.calendar.publish({ id, regionId: w.a.region.id })
    expect(pub.status).toBe('PUBLISHED')
    const month = await staff.calendar.range({ regionId: w.a.region.id, from: at.day('2031-03-01'), to: at.day('2031-04-01'), types: [] })
    expect(month.map((e) => e.id)).toEqual(expect.arrayContaining([id, rival]))

    const actions = (await db.auditLog.findMany({ where: { entityId: id }, orderBy: { id: 'asc' } })).map((a) => [a.action, a.actorId])
    expect(actions).toEqual([
      ['calendar.create', w.a.staff.id],
      ['calendar.propose', w.a.staff.id],
      ['calendar.publish', w.a.coordinator.id],
    ])
  })

  it('a non-overlapping audience or time is no conflict', async () => {
    await published(eventInput({ title: 'Ouderavond vmbo', audienceLevels: ['vmbo-gt'], startDate: at.day('2031-04-12'), endDate: at.day('2031-04-12') }))
    await published(eventInput({ title: 'Open dag havo middag', startDate: at.day('2031-04-12'), startTime: '12:30', endDate: at.day('2031-04-12'), endTime: '15:00' }))
    const staff = await callerFor(w.a.staff.id)
    const { ids } = await staff.calendar.create(eventInput({ startDate: at.day('2031-04-12'), endDate: at.day('2031-04-12') }))
    expect((await staff.calendar.propose({ id: ids[0]! })).conflicts).toEqual([])
  })

  it('the coordinator rejects with a reason; staff change and propose again', async () => {
    const staff = await callerFor(w.a.staff.id)
    const { ids } = await staff.calendar.create(eventInput({ startDate: at.day('2031-05-10'), endDate: at.day('2031-05-10') }))
    const id = ids[0]!
    await staff.calendar.propose({ id })
    const coord = await callerFor(w.a.coordinator.id)
    await expectTrpcError(coord.calendar.reject({ id, regionId: w.a.region.id, reason: '' }), 'BAD_REQUEST')
    const rejected = await coord.calendar.reject({ id, regionId: w.a.region.id, reason: 'Valt samen met de regionale studiebeurs' })
    expect(rejected.status).toBe('REJECTED')
    const seen = await staff.calendar.get({ id })
    expect(seen.regions[0]).toMatchObject({ decision: 'REJECTED', rejectReason: 'Valt samen met de regionale studiebeurs' })
    await staff.calendar.update({ id, ...eventInput({ startDate: at.day('2031-05-17'), endDate: at.day('2031-05-17') }) })
    expect((await staff.calendar.propose({ id })).event.status).toBe('PROPOSED')
    expect((await db.calendarEventRegion.findFirstOrThrow({ where: { eventId: id } })).rejectReason).toBeNull()
  })

  it('coordinators publish their own events directly, not other organisations’ drafts', async () => {
    const coord = await callerFor(w.a.coordinator.id)
    const { ids } = await coord.calendar.create(eventInput({ organiserIds: [w.a.mbo.id], startDate: at.day('2031-06-01'), endDate: at.day('2031-06-01') }))
    expect((await coord.calendar.publish({ id: ids[0]!, regionId: w.a.region.id })).status).toBe('PUBLISHED')
    const staff = await callerFor(w.a.staff.id)
    const draft = await staff.calendar.create(eventInput({ startDate: at.day('2031-06-02'), endDate: at.day('2031-06-02') }))
    // Someone else's draft is not the coordinator's to publish before it is proposed…
    await expectTrpcError(coord.calendar.publish({ id: draft.ids[0]!, regionId: w.a.region.id }), 'BAD_REQUEST')
    expect((await db.calendarEvent.findUniqueOrThrow({ where: { id: draft.ids[0]! } })).status).toBe('DRAFT')
    // …and a coordinator of another region may neither see nor decide it.
    const coordB = await callerFor(w.b.coordinator.id)
    await expectTrpcError(coordB.calendar.get({ id: draft.ids[0]! }), 'FORBIDDEN')
    await expectTrpcError(coordB.calendar.publish({ id: draft.ids[0]!, regionId: w.a.region.id }), 'FORBIDDEN')
  })

  // Moving a published event: see review.int.test.ts (staff's move waits for the region, then bumps SEQUENCE and e-mails).

  it('cancelling keeps the event visible as cancelled, bumps SEQUENCE and freezes it', async () => {
    const id = await published(eventInput({ title: 'Meeloopdag', type: 'MEELOOPDAG', startDate: at.day('2031-10-02'), endDate: at.day('2031-10-02') }))
    const staff = await callerFor(w.a.staff.id)
    const cancelled = await staff.calendar.cancel({ id })
    expect(cancelled).toMatchObject({ status: 'CANCELLED', sequence: 1 })
    const anon = await callerFor(null)
    const region = await anon.calendar.publicRange({ slug: w.a.region.slug, from: at.day('2031-10-01'), to: at.day('2031-11-01') })
    expect(region.events.find((e) => e.id === id)?.status).toBe('CANCELLED')
    await expectTrpcError(staff.calendar.update({ id, ...eventInput() }), 'BAD_REQUEST')
    expect((await db.auditLog.findFirstOrThrow({ where: { entityId: id }, orderBy: { id: 'desc' } })).action).toBe('calendar.cancel')
  })
})

describe('permissions', () => {
  it('staff cannot publish, nor edit or cancel another organisation’s event', async () => {
    const publisher = await callerFor(w.a.publisher.id)
    const { ids } = await publisher.calendar.create(eventInput({ title: 'Proefstudeerdag mbo', type: 'PROEFSTUDEREN', organiserIds: [w.a.mbo.id], audienceLevels: ['vmbo-gt'] }))
    const id = ids[0]!
    await publisher.calendar.propose({ id })
    const staff = await callerFor(w.a.staff.id)
    await expectTrpcError(staff.calendar.publish({ id, regionId: w.a.region.id }), 'FORBIDDEN')
    await expectTrpcError(staff.calendar.update({ id, ...eventInput({ organiserIds: [w.a.mbo.id] }) }), 'FORBIDDEN')
    await expectTrpcError(staff.calendar.cancel({ id }), 'FORBIDDEN')
    // Staff cannot organise in another organisation's name either.
    await expectTrpcError(staff.calendar.create(eventInput({ organiserIds: [w.a.mbo.id] })), 'FORBIDDEN')
    expect((await db.calendarEvent.findUniqueOrThrow({ where: { id } })).status).toBe('PROPOSED')
  })

  it('a coordinator of region A cannot approve, reject or read in region B', async () => {
    const staffB = await callerFor(w.b.staff.id)
    const { ids } = await staffB.calendar.create(eventInput({ organiserIds: [w.b.school.id], regionIds: [w.b.region.id] }))
    await staffB.calendar.propose({ id: ids[0]! })
    const coordA = await callerFor(w.a.coordinator.id)
    await expectTrpcError(coordA.calendar.publish({ id: ids[0]!, regionId: w.b.region.id }), 'FORBIDDEN')
    await expectTrpcError(coordA.calendar.reject({ id: ids[0]!, regionId: w.b.region.id, reason: 'Niet onze regio' }), 'FORBIDDEN')
    await expectTrpcError(coordA.calendar.range({ regionId: w.b.region.id, from: at.day('2031-02-01'), to: at.day('2031-03-01'), types: [] }), 'FORBIDDEN')
    await expectTrpcError(coordA.calendar.get({ id: ids[0]! }), 'FORBIDDEN')
    expect((await coordA.calendar.pending()).some((e) => e.id === ids[0])).toBe(false)
    // Publishing "in A" an event that is not shared with A is refused, not silently done.
    await expectTrpcError(coordA.calendar.publish({ id: ids[0]!, regionId: w.a.region.id }), 'BAD_REQUEST')
    expect((await db.calendarEventRegion.findFirstOrThrow({ where: { eventId: ids[0]! } })).decision).toBe('PENDING')
  })

  it('region B staff cannot share an event with region A, and anonymous callers are UNAUTHORIZED', async () => {
    const staffB = await callerFor(w.b.staff.id)
    await expectTrpcError(staffB.calendar.create(eventInput({ organiserIds: [w.b.school.id], regionIds: [w.a.region.id] })), 'BAD_REQUEST')
    const anon = await callerFor(null)
    await expectTrpcError(anon.calendar.create(eventInput()), 'UNAUTHORIZED')
    await expectTrpcError(anon.calendar.range({ regionId: w.a.region.id, from: at.day('2031-02-01'), to: at.day('2031-03-01'), types: [] }), 'UNAUTHORIZED')
  })
})

describe('bad input: translated 4xx, nothing written', () => {
  it.each([
    ['end before start', { endTime: '09:00' }, 'endTime', 'Het einde moet na het begin liggen.'],
    ['empty audience', { audienceLevels: [] }, 'audienceLevels', 'Kies ten minste één niveau als doelgroep.'],
    ['no organiser', { organiserIds: [] }, 'organiserIds', 'Kies ten minste één organisator.'],
  ] as const)('%s', async (_name, over, path, message) => {
    const before = await db.calendarEvent.count({ where: { createdById: w.a.staff.id } })
    const staff = await callerFor(w.a.staff.id)
    const err = await expectTrpcError(staff.calendar.create(eventInput(over as Partial<CreateEventInput>)), 'BAD_REQUEST')
    const issues = (err.cause as ZodError).issues.map((i) => ({ path: i.path.join('.'), message: issueMessage(i, 'nl') }))
    expect(issues).toContainEqual({ path, message })
    expect(await db.calendarEvent.count({ where: { createdById: w.a.staff.id } })).toBe(before)
  })

  it('an unknown organisation is a translated 400 and writes nothing', async () => {
    const before = await db.calendarEvent.count({ where: { createdById: w.a.staff.id } })
    const staff = await callerFor(w.a.staff.id, 'en')
    const err = await expectTrpcError(staff.calendar.create(eventInput({ organiserIds: [w.a.school.id, 'nope-does-not-exist'] })), 'BAD_REQUEST')
    expect(err.cause).toBeInstanceOf(AppError)
    expect(translator('en')((err.cause as AppError).key)).toBe('One of the chosen organisations does not exist.')
    expect(await db.calendarEvent.count({ where: { createdById: w.a.staff.id } })).toBe(before)
  })
})

describe('series and time zones', () => {
  it('every Wednesday in March is created as five separate events, correct across the DST change', async () => {
    const staff = await callerFor(w.a.staff.id)
    const { ids, seriesId } = await staff.calendar.create(
      eventInput({ title: 'Meeloopmiddag', type: 'MEELOOPDAG', startDate: at.day('2027-03-03'), startTime: '14:00', endDate: at.day('2027-03-03'), endTime: '16:00', repeatWeeklyUntil: at.day('2027-03-31') }),
    )
    expect(ids).toHaveLength(5)
    const rows = await db.calendarEvent.findMany({ where: { seriesId: seriesId! }, orderBy: { startsAt: 'asc' } })
    // Summer time starts on the last Sunday of March (28 March 2027, and 28 years on): 14:00 local is 13:00 UTC before, 12:00 UTC after.
    expect(rows.map((r) => r.startsAt.toISOString())).toEqual([
      at.instant('2027-03-03T13:00:00.000Z'),
      at.instant('2027-03-10T13:00:00.000Z'),
      at.instant('2027-03-17T13:00:00.000Z'),
      at.instant('2027-03-24T13:00:00.000Z'),
      at.instant('2027-03-31T12:00:00.000Z'),
    ])
    // Each date is its own event: cancelling one leaves the others.
    await staff.calendar.cancel({ id: ids[2]! })
    expect((await db.calendarEvent.findMany({ where: { seriesId: seriesId! }, select: { status: true } })).map((r) => r.status).sort()).toEqual(['CANCELLED', 'DRAFT', 'DRAFT', 'DRAFT', 'DRAFT'])
  })

  it('times around the autumn change are stored in UTC and come back as entered', async () => {
    const staff = await callerFor(w.a.staff.id)
    const { ids } = await staff.calendar.create(eventInput({ startDate: at.day('2031-10-25'), startTime: '23:30', endDate: at.day('2031-10-26'), endTime: '10:00' }))
    const ev = await staff.calendar.get({ id: ids[0]! })
    expect(ev.startsAt.toISOString()).toBe(at.instant('2031-10-25T21:30:00.000Z'))
    expect(ev.endsAt.toISOString()).toBe(at.instant('2031-10-26T09:00:00.000Z'))
  })
})

describe('ICS feeds, read back with an independent parser (node-ical)', () => {
  it('the region feed has stable UIDs, UTC times, SEQUENCE and STATUS:CANCELLED', async () => {
    const timed = await published(eventInput({ title: 'Studiebeurs regio', type: 'STUDIEBEURS', startDate: at.day('2030-11-30'), startTime: '10:00', endDate: at.day('2030-11-30'), endTime: '15:30' }))
    const allDay = await published(eventInput({ title: 'LOB-netwerkweek', type: 'NETWERKWEEK', allDay: true, startDate: at.day('2030-11-25'), endDate: at.day('2030-11-29'), startTime: undefined, endTime: undefined }))
    const staff = await callerFor(w.a.staff.id)
    await staff.calendar.cancel({ id: timed })
    const draft = await staff.calendar.create(eventInput({ title: 'Geheim concept', startDate: at.day('2030-11-30'), endDate: at.day('2030-11-30') }))

    const res = await regionFeedGET(new Request('http://x/'), { params: Promise.resolve({ slug: `${w.a.region.slug}.ics` }) })
    const events = vevents(await feedText(res))
    const byUid = new Map(events.map((e) => [e.uid, e]))
    expect(byUid.has(`${draft.ids[0]}@overstap.nl`)).toBe(false)
    const t = byUid.get(`${timed}@overstap.nl`)!
    expect(t.summary).toBe('Studiebeurs regio')
    expect(t.start.toISOString()).toBe(at.instant('2030-11-30T09:00:00.000Z'))
    expect(t.end!.toISOString()).toBe(at.instant('2030-11-30T14:30:00.000Z'))
    expect(t.status).toBe('CANCELLED')
    expect(Number(t.sequence)).toBe(1)
    const a = byUid.get(`${allDay}@overstap.nl`)!
    expect(a.datetype).toBe('date')
    expect([a.start.getFullYear(), a.start.getMonth() + 1, a.start.getDate()]).toEqual([Number(at.day('2030')), 11, 25])
    expect([a.end!.getFullYear(), a.end!.getMonth() + 1, a.end!.getDate()]).toEqual([Number(at.day('2030')), 11, 30])
    expect(a.status).toBe('CONFIRMED')

    const again = vevents(await feedText(await regionFeedGET(new Request('http://x/'), { params: Promise.resolve({ slug: w.a.region.slug }) })))
    expect(again.map((e) => e.uid).sort()).toEqual(events.map((e) => e.uid).sort())

    const org = vevents(await feedText(await organisationFeedGET(new Request('http://x/'), { params: Promise.resolve({ id: w.a.school.id }) })))
    expect(org.map((e) => e.uid)).toEqual(expect.arrayContaining([`${timed}@overstap.nl`, `${allDay}@overstap.nl`]))
    expect((await regionFeedGET(new Request('http://x/'), { params: Promise.resolve({ slug: 'bestaat-niet' }) })).status).toBe(404)
  })

  it('the personal feed works with its secret token; wrong, revoked or someone else’s token does not', async () => {
    const id = await published(eventInput({ title: 'Voorlichting ouders', type: 'OUDERAVOND', startDate: at.day('2030-12-03'), startTime: '19:30', endDate: at.day('2030-12-03'), endTime: '21:00' }))
    const staff = await callerFor(w.a.staff.id)
    const { id: tokenId, url } = await staff.calendar.createFeedToken({ label: 'Outlook' })
    const token = url.split('/').pop()!
    const stored = await db.calendarFeedToken.findUniqueOrThrow({ where: { id: tokenId } })
    expect(stored.tokenHash).not.toContain(token)
    const call = (t: string) => personalFeedGET(new Request('http://x/'), { params: Promise.resolve({ token: t }) })
    const events = vevents(await feedText(await call(token)))
    expect(events.find((e) => e.uid === `${id}@overstap.nl`)?.start.toISOString()).toBe(at.instant('2030-12-03T18:30:00.000Z'))
    expect((await call(`${token.slice(0, -2)}xx`)).status).toBe(404)
    expect((await call('short')).status).toBe(404)

    const other = await callerFor(w.b.staff.id)
    await expectTrpcError(other.calendar.revokeFeedToken({ id: tokenId }), 'FORBIDDEN')
    expect((await call(token)).status).toBe(200)
    await staff.calendar.revokeFeedToken({ id: tokenId })
    expect((await call(token)).status).toBe(404)
    expect(await staff.calendar.feedTokens()).toEqual([])
  })
})
