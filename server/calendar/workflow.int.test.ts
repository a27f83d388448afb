import { describe, expect, it } from 'vitest'
import { callerFor, db, expectTrpcError } from '../test/helpers.ts'
import { twoRegionWorldBeforeAll } from '../test/world.ts'
import type { CreateEventInput } from './schema.ts'
import { addLocalDays } from './time.ts'
import { monthFromNow, nextWeekday } from './test-dates.ts'
import { schoolEventInput } from './test-world.ts'

const w = twoRegionWorldBeforeAll()

/** A school event in region A, on a Wednesday some weeks from today. */
const eventInput = (over: Partial<CreateEventInput> = {}) =>
  schoolEventInput(w, { title: 'Meeloopmiddag', type: 'MEELOOPDAG', startDate: nextWeekday(3, 21), startTime: '13:00', endTime: '15:00' }, over)

const auditCount = (entityId: string, action: string) => db.auditLog.count({ where: { entityId, action } })

describe('publishing a weekly series at once', () => {
  it('one action publishes every proposed date of the series in the region, each audited; other dates are left alone', async () => {
    const first = nextWeekday(3, 21)
    const staff = await callerFor(w.a.staff.id)
    const { ids, seriesId } = await staff.calendar.create(eventInput({ title: 'Reeks meeloopmiddagen', startDate: first, endDate: first, repeatWeeklyUntil: addLocalDays(first, 21) }))
    expect(ids).toHaveLength(4)
    for (const id of ids.slice(0, 3)) await staff.calendar.propose({ id })
    await staff.calendar.cancel({ id: ids[2]! })

    const coord = await callerFor(w.a.coordinator.id)
    // The event page offers the series: the proposed, not cancelled dates (the draft is not the coordinator's).
    expect((await coord.calendar.get({ id: ids[0]! })).seriesPending).toEqual({ [w.a.region.id]: 2 })
    expect(await coord.calendar.publishSeries({ id: ids[0]!, regionId: w.a.region.id })).toEqual({ published: 2 })

    const rows = await db.calendarEvent.findMany({ where: { seriesId: seriesId! }, orderBy: { startsAt: 'asc' }, select: { id: true, status: true } })
    expect(rows.map((r) => r.status)).toEqual(['PUBLISHED', 'PUBLISHED', 'CANCELLED', 'DRAFT'])
    for (const id of ids.slice(0, 2)) expect(await auditCount(id, 'calendar.publish')).toBe(1)
    for (const id of ids.slice(2)) expect(await auditCount(id, 'calendar.publish')).toBe(0)
    // Nothing left to publish; another region's coordinator may not.
    await expectTrpcError(coord.calendar.publishSeries({ id: ids[0]!, regionId: w.a.region.id }), 'BAD_REQUEST')
    await expectTrpcError((await callerFor(w.b.coordinator.id)).calendar.publishSeries({ id: ids[0]!, regionId: w.a.region.id }), 'FORBIDDEN')
  })

  it('a single event is not a series', async () => {
    const staff = await callerFor(w.a.staff.id)
    const { ids } = await staff.calendar.create(eventInput())
    await staff.calendar.propose({ id: ids[0]! })
    const coord = await callerFor(w.a.coordinator.id)
    expect((await coord.calendar.get({ id: ids[0]! })).seriesPending).toEqual({})
    await expectTrpcError(coord.calendar.publishSeries({ id: ids[0]!, regionId: w.a.region.id }), 'BAD_REQUEST')
  })
})

describe('who proposes', () => {
  it('after rejecting a school’s event the coordinator is not offered (nor allowed) to propose it again; the school is', async () => {
    const staff = await callerFor(w.a.staff.id)
    const { ids } = await staff.calendar.create(eventInput({ title: 'Afgewezen meeloopmiddag' }))
    const id = ids[0]!
    await staff.calendar.propose({ id })
    const coord = await callerFor(w.a.coordinator.id)
    await coord.calendar.reject({ id, regionId: w.a.region.id, reason: 'Valt samen met de toetsweek' })
    const seen = await coord.calendar.get({ id })
    expect(seen).toMatchObject({ status: 'REJECTED', canEdit: true, canPropose: false })
    await expectTrpcError(coord.calendar.propose({ id }), 'FORBIDDEN')
    expect((await staff.calendar.get({ id })).canPropose).toBe(true)
    await staff.calendar.propose({ id })
  })

  it('a coordinator proposes and publishes their own event', async () => {
    const coord = await callerFor(w.a.coordinator.id)
    const { ids } = await coord.calendar.create(eventInput({ title: 'Regionale voorlichting' }))
    expect((await coord.calendar.get({ id: ids[0]! })).canPropose).toBe(true)
  })
})

describe('invitations on the event page', () => {
  it('the invited organisation’s staff see their open invitation on the event; others do not', async () => {
    const staff = await callerFor(w.a.staff.id)
    const { ids } = await staff.calendar.create(eventInput({ title: 'Samen met het mbo', organiserIds: [w.a.school.id, w.a.mbo.id] }))
    const mbo = await callerFor(w.a.publisher.id)
    expect((await mbo.calendar.get({ id: ids[0]! })).myInvitations).toEqual([{ organisationId: w.a.mbo.id, name: w.a.mbo.name }])
    expect((await staff.calendar.get({ id: ids[0]! })).myInvitations).toEqual([])
    await mbo.calendar.respondToInvitation({ id: ids[0]!, organisationId: w.a.mbo.id, accept: true })
    expect((await mbo.calendar.get({ id: ids[0]! })).myInvitations).toEqual([])
  })
})

describe('public calendar filters', () => {
  it('type and level narrow the public calendar', async () => {
    const region = w.a.region
    const month = monthFromNow(2)
    const day = addLocalDays(month, 9)
    const coord = await callerFor(w.a.coordinator.id)
    for (const [title, type, level] of [
      ['Publiek open dag vwo', 'OPEN_DAG', 'vwo'],
      ['Publiek ouderavond vmbo', 'OUDERAVOND', 'vmbo-gt'],
    ] as const) {
      const { ids } = await coord.calendar.create(eventInput({ title, type, audienceLevels: [level], startDate: day, endDate: day }))
      await coord.calendar.publish({ id: ids[0]!, regionId: region.id })
    }
    const anon = await callerFor(null)
    const titles = async (f: { types?: ('OPEN_DAG' | 'OUDERAVOND')[]; level?: 'vwo' | 'vmbo-gt' }) =>
      (await anon.calendar.publicRange({ slug: region.slug, from: month, to: monthFromNow(3), ...f })).events.map((e) => e.title).filter((t) => t.startsWith('Publiek'))
    expect(await titles({})).toEqual(['Publiek open dag vwo', 'Publiek ouderavond vmbo'])
    expect(await titles({ types: ['OPEN_DAG'] })).toEqual(['Publiek open dag vwo'])
    expect(await titles({ level: 'vmbo-gt' })).toEqual(['Publiek ouderavond vmbo'])
    expect(await titles({ types: ['OPEN_DAG'], level: 'vmbo-gt' })).toEqual([])
  })
})

