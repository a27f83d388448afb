import { describe, expect, it } from 'vitest'
import ical from 'node-ical'
import { buildOrganisation, buildUser } from '../db/factories.ts'
import { AppError } from '../lib/errors.ts'
import { callerFor, db, expectTrpcError } from '../test/helpers.ts'
import { twoRegionWorldBeforeAll } from '../test/world.ts'
import { linkedEventSelect } from '../fund/grants.ts'
import type { CreateEventInput } from './schema.ts'
import { GET as regionFeedGET } from '../../app/api/calendar/region/[slug]/route.ts'
import { GET as organisationFeedGET } from '../../app/api/calendar/organisation/[id]/route.ts'
import { keptAhead } from './test-dates.ts'
import { publishedEvent, schoolEventInput } from './test-world.ts'

/** The examples' fixed dates, kept ahead of today (same weekdays and DST changes). */
const at = keptAhead('2032-02-08')

const w = twoRegionWorldBeforeAll()

const eventInput = (over: Partial<CreateEventInput> = {}) =>
  schoolEventInput(
    w,
    { title: 'Open dag havo/vwo', description: 'Rondleiding', audienceLevels: ['havo', 'vwo'], startDate: at.day('2032-02-08'), registrationUrl: 'https://school.example.nl/aanmelden' },
    over,
  )

const published = (input: CreateEventInput) => publishedEvent(w, input)

const publicTitles = async (from: string, to: string) =>
  (await (await callerFor(null)).calendar.publicRange({ slug: w.a.region.slug, from, to })).events.map((e) => ('title' in e ? e.title : ''))
const feedSummaries = async () => {
  const res = await regionFeedGET(new Request('http://x/'), { params: Promise.resolve({ slug: w.a.region.slug }) })
  return Object.values(ical.sync.parseICS(await res.text())).flatMap((c) => (c?.type === 'VEVENT' ? [String((c as ical.VEvent).summary)] : []))
}

describe('edits of a published event by staff wait for the region; the approved version stays public', () => {
  it('staff rewrite title and URL: public views, feeds and the fund keep the approved version until the coordinator publishes the change', async () => {
    const id = await published(eventInput({ title: 'Open dag Lyceum', startDate: at.day('2032-03-06'), endDate: at.day('2032-03-06') }))
    const staff = await callerFor(w.a.staff.id)
    const res = await staff.calendar.update({ id, ...eventInput({ title: 'Gratis iPads voor iedereen', registrationUrl: 'https://evil.example.com/phish', startDate: at.day('2032-03-06'), endDate: at.day('2032-03-06') }) })
    expect(res.revised).toBe(true)
    expect(res.event).toMatchObject({ title: 'Open dag Lyceum', status: 'PUBLISHED', sequence: 0 })

    // Public: still the approved version everywhere.
    expect(await publicTitles(at.day('2032-03-01'), at.day('2032-04-01'))).toContain('Open dag Lyceum')
    expect(await publicTitles(at.day('2032-03-01'), at.day('2032-04-01'))).not.toContain('Gratis iPads voor iedereen')
    expect(await feedSummaries()).toContain('Open dag Lyceum')
    const readerB = await callerFor(w.a.publisher.id)
    expect((await readerB.calendar.get({ id })).title).toBe('Open dag Lyceum')
    expect((await readerB.calendar.get({ id })).revision).toBeNull()
    // The fund reads the event row (its published state): the approved title.
    expect((await db.calendarEvent.findUniqueOrThrow({ where: { id }, select: linkedEventSelect })).title).toBe('Open dag Lyceum')

    // The editor sees their pending change and edits on from it.
    const mine = await staff.calendar.get({ id })
    expect(mine.revision?.status).toBe('PENDING')
    expect(mine.editContent?.title).toBe('Gratis iPads voor iedereen')

    // The coordinator sees the diff in the queue and publishes the change.
    const coord = await callerFor(w.a.coordinator.id)
    const queued = (await coord.calendar.pending()).find((e) => e.id === id)!
    expect(queued.revisionRegionIds).toEqual([w.a.region.id])
    expect(queued.revision!.changes).toEqual(
      expect.arrayContaining([
        { field: 'title', before: 'Open dag Lyceum', after: 'Gratis iPads voor iedereen' },
        { field: 'registrationUrl', before: 'https://school.example.nl/aanmelden', after: 'https://evil.example.com/phish' },
      ]),
    )
    // Staff cannot approve their own change.
    await expectTrpcError(staff.calendar.approveRevision({ id, regionId: w.a.region.id }), 'FORBIDDEN')
    const applied = await coord.calendar.approveRevision({ id, regionId: w.a.region.id })
    expect(applied.applied).toBe(true)
    expect(applied.event).toMatchObject({ title: 'Gratis iPads voor iedereen', registrationUrl: 'https://evil.example.com/phish', sequence: 1 })
    expect(await publicTitles(at.day('2032-03-01'), at.day('2032-04-01'))).toContain('Gratis iPads voor iedereen')
    expect(await db.calendarEventRevision.count({ where: { eventId: id } })).toBe(0)
    const actions = (await db.auditLog.findMany({ where: { entityId: id }, orderBy: { id: 'asc' } })).map((a) => a.action)
    expect(actions).toEqual(['calendar.create', 'calendar.publish', 'calendar.revise', 'calendar.revision.apply'])
  })

  it('a rejected change keeps the approved version; the editor sees the reason', async () => {
    const id = await published(eventInput({ title: 'Ouderavond', startDate: at.day('2032-03-10'), endDate: at.day('2032-03-10') }))
    const staff = await callerFor(w.a.staff.id)
    await staff.calendar.update({ id, ...eventInput({ title: 'Ouderavond (verplaatst)', startDate: at.day('2032-03-11'), endDate: at.day('2032-03-11') }) })
    const coord = await callerFor(w.a.coordinator.id)
    await expectTrpcError(coord.calendar.rejectRevision({ id, regionId: w.a.region.id, reason: '' }), 'BAD_REQUEST')
    await coord.calendar.rejectRevision({ id, regionId: w.a.region.id, reason: 'Valt samen met de studiebeurs' })
    const row = await db.calendarEvent.findUniqueOrThrow({ where: { id } })
    expect(row).toMatchObject({ title: 'Ouderavond', status: 'PUBLISHED', sequence: 0 })
    expect(row.startsAt.toISOString()).toBe(at.instant('2032-03-10T08:30:00.000Z'))
    const seen = await staff.calendar.get({ id })
    expect(seen.revision).toMatchObject({ status: 'REJECTED', rejectReason: 'Valt samen met de studiebeurs' })
    expect((await coord.calendar.pending()).some((e) => e.id === id)).toBe(false)
    await expectTrpcError(coord.calendar.approveRevision({ id, regionId: w.a.region.id }), 'BAD_REQUEST')
  })

  it('a moved time, once approved, bumps SEQUENCE and notifies the other organisers (in-app and a mail in the outbox)', async () => {
    const coOrganiser = await buildUser(db, { roles: [{ role: 'INSTITUTION_PUBLISHER', organisationId: w.a.mbo.id }] })
    const id = await published(eventInput({ title: 'Gezamenlijke voorlichting', organiserIds: [w.a.school.id, w.a.mbo.id], startDate: at.day('2032-09-10'), endDate: at.day('2032-09-10') }))
    const staff = await callerFor(w.a.staff.id)
    await staff.calendar.update({ id, ...eventInput({ title: 'Gezamenlijke voorlichting', organiserIds: [w.a.school.id, w.a.mbo.id], startDate: at.day('2032-09-11'), endDate: at.day('2032-09-11') }) })
    const moved = () => db.notification.findMany({ where: { userId: coOrganiser.id, kind: 'calendar.moved' } })
    const mails = () => db.mailOutbox.count({ where: { key: { startsWith: `notification:${coOrganiser.id}:` } } })
    // Waiting for the region: nobody is told of the move yet (the publication itself was told earlier).
    expect(await moved()).toHaveLength(0)
    const before = await mails()
    await (await callerFor(w.a.coordinator.id)).calendar.approveRevision({ id, regionId: w.a.region.id })
    expect((await moved()).map((n) => n.link)).toEqual([`/agenda/${id}`])
    // One more mail, written to the transactional outbox in the approval's transaction (the worker sends it).
    expect(await mails()).toBe(before + 1)
    expect((await db.calendarEvent.findUniqueOrThrow({ where: { id } })).sequence).toBe(1)
  })

  it('a non-substantive edit (capacity) and edits by the coordinator go live at once', async () => {
    const id = await published(eventInput({ title: 'Meeloopdag', startDate: at.day('2032-03-20'), endDate: at.day('2032-03-20') }))
    const staff = await callerFor(w.a.staff.id)
    const res = await staff.calendar.update({ id, ...eventInput({ title: 'Meeloopdag', capacity: 40, startDate: at.day('2032-03-20'), endDate: at.day('2032-03-20') }) })
    expect(res.revised).toBe(false)
    expect(res.event.capacity).toBe(40)
    const coord = await callerFor(w.a.coordinator.id)
    const direct = await coord.calendar.update({ id, ...eventInput({ title: 'Meeloopdag (middag)', startDate: at.day('2032-03-20'), endDate: at.day('2032-03-20') }) })
    expect(direct).toMatchObject({ revised: false, event: { title: 'Meeloopdag (middag)' } })
  })

  it('an event published in two regions applies the change only when both coordinators approved', async () => {
    // The hbo of region A also takes part in region B.
    await db.organisationRegion.create({ data: { organisationId: w.a.hbo.id, regionId: w.b.region.id } })
    const hboStaff = await buildUser(db, { roles: [{ role: 'ORG_STAFF', organisationId: w.a.hbo.id }] })
    const staff = await callerFor(hboStaff.id)
    const { ids } = await staff.calendar.create(eventInput({ title: 'Proefstudeerdag', organiserIds: [w.a.hbo.id], regionIds: [w.a.region.id, w.b.region.id], startDate: at.day('2032-04-01'), endDate: at.day('2032-04-01') }))
    const id = ids[0]!
    await staff.calendar.propose({ id })
    const [coordA, coordB] = [await callerFor(w.a.coordinator.id), await callerFor(w.b.coordinator.id)]
    await coordA.calendar.publish({ id, regionId: w.a.region.id })
    await coordB.calendar.publish({ id, regionId: w.b.region.id })
    await staff.calendar.update({ id, ...eventInput({ title: 'Proefstudeerdag (nieuw programma)', organiserIds: [w.a.hbo.id], regionIds: [w.a.region.id, w.b.region.id], startDate: at.day('2032-04-01'), endDate: at.day('2032-04-01') }) })
    // Region A's coordinator cannot decide for B.
    await expectTrpcError(coordA.calendar.approveRevision({ id, regionId: w.b.region.id }), 'FORBIDDEN')
    expect((await coordA.calendar.approveRevision({ id, regionId: w.a.region.id })).applied).toBe(false)
    expect((await db.calendarEvent.findUniqueOrThrow({ where: { id } })).title).toBe('Proefstudeerdag')
    expect((await coordB.calendar.approveRevision({ id, regionId: w.b.region.id })).applied).toBe(true)
    expect((await db.calendarEvent.findUniqueOrThrow({ where: { id } })).title).toBe('Proefstudeerdag (nieuw programma)')
  })

  it('staff of another organisation, and another region’s coordinator, cannot touch the revision', async () => {
    const id = await published(eventInput({ title: 'Studiebeurs', startDate: at.day('2032-05-01'), endDate: at.day('2032-05-01') }))
    await (await callerFor(w.a.staff.id)).calendar.update({ id, ...eventInput({ title: 'Studiebeurs XL', startDate: at.day('2032-05-01'), endDate: at.day('2032-05-01') }) })
    const coordB = await callerFor(w.b.coordinator.id)
    await expectTrpcError(coordB.calendar.approveRevision({ id, regionId: w.a.region.id }), 'FORBIDDEN')
    await expectTrpcError(coordB.calendar.rejectRevision({ id, regionId: w.a.region.id, reason: 'Niet van ons' }), 'FORBIDDEN')
    await expectTrpcError((await callerFor(w.a.publisher.id)).calendar.update({ id, ...eventInput({ organiserIds: [w.a.mbo.id] }) }), 'FORBIDDEN')
    expect((await db.calendarEventRevision.findUniqueOrThrow({ where: { eventId: id } })).status).toBe('PENDING')
  })
})

describe('co-organisers consent', () => {
  it('staff adding another organisation invite it: not shown, no edit rights, until its staff accept (audited)', async () => {
    const staff = await callerFor(w.a.staff.id)
    const { ids } = await staff.calendar.create(eventInput({ title: 'Samen met het mbo', organiserIds: [w.a.school.id, w.a.mbo.id], startDate: at.day('2032-06-01'), endDate: at.day('2032-06-01') }))
    const id = ids[0]!
    const ev = await staff.calendar.get({ id })
    expect(ev.organisers.map((o) => o.organisationId)).toEqual([w.a.school.id])
    expect(ev.invitations.map((i) => i.organisationId)).toEqual([w.a.mbo.id])

    const mbo = await callerFor(w.a.publisher.id)
    // Invited, not organiser: may look, may not edit.
    expect((await mbo.calendar.get({ id })).canEdit).toBe(false)
    await expectTrpcError(mbo.calendar.update({ id, ...eventInput({ organiserIds: [w.a.mbo.id], startDate: at.day('2032-06-01'), endDate: at.day('2032-06-01') }) }), 'FORBIDDEN')
    expect((await mbo.calendar.invitations()).map((i) => i.event.id)).toContain(id)
    // Someone else cannot accept in the mbo's name.
    await expectTrpcError(staff.calendar.respondToInvitation({ id, organisationId: w.a.mbo.id, accept: true }), 'FORBIDDEN')

    await mbo.calendar.respondToInvitation({ id, organisationId: w.a.mbo.id, accept: true })
    const after = await mbo.calendar.get({ id })
    expect(after.organisers.map((o) => o.organisationId).sort()).toEqual([w.a.school.id, w.a.mbo.id].sort())
    expect(after.canEdit).toBe(true)
    const actions = (await db.auditLog.findMany({ where: { entityId: id }, orderBy: { id: 'asc' } })).map((a) => a.action)
    expect(actions).toEqual(['calendar.create', 'calendar.organiser.invite', 'calendar.organiser.accept'])
  })

  it('a declined invitation leaves the organisation out; adding to a published event waits for acceptance and then for the region', async () => {
    const id = await published(eventInput({ title: 'Open avond', startDate: at.day('2032-06-10'), endDate: at.day('2032-06-10') }))
    const staff = await callerFor(w.a.staff.id)
    const res = await staff.calendar.update({ id, ...eventInput({ title: 'Open avond', organiserIds: [w.a.school.id, w.a.hbo.id], startDate: at.day('2032-06-10'), endDate: at.day('2032-06-10') }) })
    expect(res.revised).toBe(false)
    expect((await db.calendarEventOrganiser.findMany({ where: { eventId: id } })).map((o) => o.organisationId)).toEqual([w.a.school.id])
    const hboStaff = await callerFor((await buildUser(db, { roles: [{ role: 'ORG_STAFF', organisationId: w.a.hbo.id }] })).id)
    expect(await hboStaff.calendar.respondToInvitation({ id, organisationId: w.a.hbo.id, accept: true })).toEqual({ accepted: true, revised: true })
    // Accepted, but the region has not yet published the new organiser list.
    expect((await db.calendarEventOrganiser.findMany({ where: { eventId: id } })).map((o) => o.organisationId)).toEqual([w.a.school.id])
    await (await callerFor(w.a.coordinator.id)).calendar.approveRevision({ id, regionId: w.a.region.id })
    expect((await db.calendarEventOrganiser.findMany({ where: { eventId: id } })).map((o) => o.organisationId).sort()).toEqual([w.a.school.id, w.a.hbo.id].sort())

    const { ids } = await staff.calendar.create(eventInput({ title: 'Nog een', organiserIds: [w.a.school.id, w.a.mbo.id], startDate: at.day('2032-06-12'), endDate: at.day('2032-06-12') }))
    const mbo = await callerFor(w.a.publisher.id)
    await mbo.calendar.respondToInvitation({ id: ids[0]!, organisationId: w.a.mbo.id, accept: false })
    expect((await db.calendarEventOrganiser.findMany({ where: { eventId: ids[0]! } })).map((o) => o.organisationId)).toEqual([w.a.school.id])
    await expectTrpcError(mbo.calendar.respondToInvitation({ id: ids[0]!, organisationId: w.a.mbo.id, accept: true }), 'NOT_FOUND')
  })
})

/** The typed error's key of a refused call (a translated 400). */
const errorKey = async (promise: Promise<unknown>) => {
  const err = await expectTrpcError(promise, 'BAD_REQUEST')
  expect(err.cause).toBeInstanceOf(AppError)
  return (err.cause as AppError).key
}
const organisersOf = async (eventId: string) => (await db.calendarEventOrganiser.findMany({ where: { eventId } })).map((o) => o.organisationId).sort()
const invitedTo = async (eventId: string) => (await db.calendarOrganiserInvitation.findMany({ where: { eventId } })).map((o) => o.organisationId).sort()
const regionsOf = async (eventId: string) => (await db.calendarEventRegion.findMany({ where: { eventId } })).map((r) => r.regionId).sort()

describe('organisers named without consent, and the regions an event is shared with', () => {
  it('a coordinator names directly only organisations of the event’s region; another region’s school is invited and stays out of its feed', async () => {
    const coord = await callerFor(w.a.coordinator.id)
    const day = { startDate: at.day('2032-07-01'), endDate: at.day('2032-07-01') }
    // Region B's school takes part in region A's calendar only if its own staff accept.
    const { ids } = await coord.calendar.create(eventInput({ title: 'Regionale beurs', organiserIds: [w.b.school.id, w.a.mbo.id], ...day }))
    const id = ids[0]!
    expect(await organisersOf(id)).toEqual([w.a.mbo.id])
    expect(await invitedTo(id)).toEqual([w.b.school.id])
    await coord.calendar.publish({ id, regionId: w.a.region.id })
    const feed = await organisationFeedGET(new Request('http://x/'), { params: Promise.resolve({ id: w.b.school.id }) })
    expect(feed.status).toBe(200)
    expect(await feed.text()).not.toContain('Regionale beurs')

    // Editing the event: adding it is an invitation as well, while the region's own school is named directly.
    await coord.calendar.update({ id, ...eventInput({ title: 'Regionale beurs', organiserIds: [w.a.mbo.id, w.b.school.id, w.a.school.id], ...day }) })
    expect(await organisersOf(id)).toEqual([w.a.mbo.id, w.a.school.id].sort())
    expect(await invitedTo(id)).toEqual([w.b.school.id])

    // With only another region's organisation nobody organises it directly: refused, nothing written.
    const before = await db.calendarEvent.count({ where: { createdById: w.a.coordinator.id } })
    expect(await errorKey(coord.calendar.create(eventInput({ organiserIds: [w.b.school.id], ...day })))).toBe('calendar.errors.organiserConsent')
    expect(await db.calendarEvent.count({ where: { createdById: w.a.coordinator.id } })).toBe(before)
  })

  it('an organisation cannot bring its event into a region through an invited co-organiser that has not accepted', async () => {
    const staff = await callerFor(w.a.staff.id)
    const day = { startDate: at.day('2032-07-08'), endDate: at.day('2032-07-08') }
    const before = await db.calendarEvent.count({ where: { createdById: w.a.staff.id } })
    for (const regionIds of [[w.b.region.id], [w.a.region.id, w.b.region.id]]) {
      expect(await errorKey(staff.calendar.create(eventInput({ organiserIds: [w.a.school.id, w.b.mbo.id], regionIds, ...day })))).toBe('calendar.errors.regionNotOfOrganisers')
    }
    expect(await db.calendarEvent.count({ where: { createdById: w.a.staff.id } })).toBe(before)

    // Its own event: adding region B together with the invitation is refused too, and changes nothing.
    const { ids } = await staff.calendar.create(eventInput({ title: 'Meeloopmiddag', ...day }))
    const id = ids[0]!
    const edit = (organiserIds: string[], regionIds: string[]) => staff.calendar.update({ id, ...eventInput({ title: 'Meeloopmiddag', organiserIds, regionIds, ...day }) })
    expect(await errorKey(edit([w.a.school.id, w.b.mbo.id], [w.a.region.id, w.b.region.id]))).toBe('calendar.errors.regionNotOfOrganisers')
    expect(await regionsOf(id)).toEqual([w.a.region.id])
    expect(await invitedTo(id)).toEqual([])

    // Once region B's organisation accepted, the event may be shared with region B…
    await edit([w.a.school.id, w.b.mbo.id], [w.a.region.id])
    await (await callerFor(w.b.publisher.id)).calendar.respondToInvitation({ id, organisationId: w.b.mbo.id, accept: true })
    await edit([w.a.school.id, w.b.mbo.id], [w.a.region.id, w.b.region.id])
    expect(await regionsOf(id)).toEqual([w.a.region.id, w.b.region.id].sort())
    // …but not kept there once that organiser is dropped.
    expect(await errorKey(edit([w.a.school.id], [w.a.region.id, w.b.region.id]))).toBe('calendar.errors.regionNotOfOrganisers')
    expect(await organisersOf(id)).toEqual([w.a.school.id, w.b.mbo.id].sort())
  })

  it('a change waiting for review cannot share the event with a region only its new organiser takes part in', async () => {
    // One person on the staff of both a region A and a region B organisation.
    const orgA = await buildOrganisation(db, { regionIds: [w.a.region.id], sector: 'VO' })
    const orgB = await buildOrganisation(db, { regionIds: [w.b.region.id], sector: 'HBO' })
    const both = await callerFor((await buildUser(db, { roles: [{ role: 'ORG_STAFF', organisationId: orgA.id }, { role: 'ORG_STAFF', organisationId: orgB.id }] })).id)
    const day = { startDate: at.day('2032-07-15'), endDate: at.day('2032-07-15') }
    const id = await published(eventInput({ title: 'Doorstroomavond', organiserIds: [orgA.id], ...day }))
    // Published in A, so adding orgB waits for A's coordinator; until then only orgA organises it, which is not in B.
    const res = both.calendar.update({ id, ...eventInput({ title: 'Doorstroomavond', organiserIds: [orgA.id, orgB.id], regionIds: [w.a.region.id, w.b.region.id], ...day }) })
    expect(await errorKey(res)).toBe('calendar.errors.regionNotOfOrganisers')
    expect(await regionsOf(id)).toEqual([w.a.region.id])
  })
})
