/** The home page's blocks: each role sees its own tenant's work, counted exactly, and nothing of another region. */
import { beforeAll, describe, expect, it } from 'vitest'
import { buildSlot, buildTwoRegionWorld, uniq } from '../db/factories.ts'
import { buildBudgetLine, buildFundGrant, buildReport } from '../fund/factories.ts'
import { callerFor, db } from '../test/helpers.ts'
import { nextWeekday } from '../calendar/test-dates.ts'
import { addLocalDays } from '../calendar/time.ts'
import { toAmsterdam } from '../lib/time.ts'

let w: Awaited<ReturnType<typeof buildTwoRegionWorld>>
const YEAR = new Date().getFullYear()

beforeAll(async () => {
  w = await buildTwoRegionWorld(db)
})

const blockOf = (o: { sections: { role: string; blocks: { key: string; count: number; items: { title: string; note?: string | null; flag?: boolean }[] }[] }[] }, key: string) =>
  o.sections.flatMap((s) => s.blocks).find((b) => b.key === key)!

describe('home overview', () => {
  it('coordinator: proposals waiting in the own region only, submitted reports, fund this year; a decaan sees the own proposal’s status', async () => {
    const staff = await callerFor(w.a.staff.id)
    const day = nextWeekday(3, 30)
    const title = `Ouderavond ${uniq()}`
    const { ids } = await staff.calendar.create({
      title, description: '', type: 'OUDERAVOND', organiserIds: [w.a.school.id], regionIds: [w.a.region.id], audienceLevels: ['havo'], schoolYears: [],
      allDay: false, startDate: day, startTime: '19:00', endDate: day, endTime: '21:00', attachments: [],
    })
    await staff.calendar.propose({ id: ids[0]! })
    const grant = await buildFundGrant(db, { regionId: w.a.region.id, penvoerderId: w.a.mbo.id, fundName: `Fonds ${uniq()}`, allocations: { [YEAR]: 5_000_000 } })
    const line = await buildBudgetLine(db, { grantId: grant.id, year: YEAR, boardIds: [w.a.board.id], amountCents: 2_000_000, activity: 'Netwerkweek' })
    await buildReport(db, { budgetLineId: line.id, boardId: w.a.board.id, year: YEAR, amountCents: 150_000, status: 'SUBMITTED' })
    await buildReport(db, { budgetLineId: line.id, boardId: w.a.board.id, year: YEAR, amountCents: 50_000, status: 'APPROVED' })
    await buildReport(db, { budgetLineId: line.id, boardId: w.a.board.id, year: YEAR, amountCents: 10_000, status: 'REJECTED' })

    const coord = await (await callerFor(w.a.coordinator.id)).home.overview()
    expect(coord.sections.map((s) => s.role)).toEqual(['REGION_COORDINATOR'])
    expect(blockOf(coord, 'coordinator.proposals')).toMatchObject({ count: 1, items: [{ title, flag: false }] })
    expect(blockOf(coord, 'coordinator.reports')).toMatchObject({ count: 1, items: [{ title: `${w.a.board.name}: Netwerkweek` }] })
    expect(blockOf(coord, 'coordinator.fund').items.map((i) => [i.title, i.note])).toEqual([
      ['allocated', '5000000'],
      ['budgeted', '2000000'],
      ['reported', '200000'],
      ['approved', '50000'],
    ])

    // A published event of the region at the same time for the same level: the proposal is flagged as a conflict.
    const ev = await db.calendarEvent.findUniqueOrThrow({ where: { id: ids[0]! } })
    await db.calendarEvent.create({
      data: { title: 'Open avond elders', type: 'OPEN_DAG', status: 'PUBLISHED', startsAt: ev.startsAt, endsAt: ev.endsAt, audienceLevels: ['havo'], regions: { create: [{ regionId: w.a.region.id, decision: 'PUBLISHED' }] } },
    })
    expect(blockOf(await (await callerFor(w.a.coordinator.id)).home.overview(), 'coordinator.proposals')).toMatchObject({ count: 1, items: [{ title, flag: true }] })

    const other = await (await callerFor(w.b.coordinator.id)).home.overview()
    expect(blockOf(other, 'coordinator.proposals').count).toBe(0)
    expect(blockOf(other, 'coordinator.reports').count).toBe(0)
    expect(blockOf(other, 'coordinator.fund')).toMatchObject({ count: 0, items: [] })

    const reporter = await (await callerFor(w.a.boardReporter.id)).home.overview()
    expect(blockOf(reporter, 'reporter.rejected')).toMatchObject({ count: 1, items: [{ note: 'Bewijsstuk ontbreekt' }] })
    expect(blockOf(reporter, 'reporter.drafts').count).toBe(0)
    expect(blockOf(await (await callerFor(w.b.boardReporter.id)).home.overview(), 'reporter.rejected').count).toBe(0)

    const decaan = await (await callerFor(w.a.staff.id)).home.overview()
    expect(blockOf(decaan, 'staff.proposals')).toMatchObject({ count: 1, items: [{ title, note: 'PROPOSED' }] })
    expect(blockOf(await (await callerFor(w.b.staff.id)).home.overview(), 'staff.proposals').count).toBe(0)
  })

  it('coordinator: each shown proposal is flagged only for a published event of its own region overlapping it in time and audience', async () => {
    const v = await buildTwoRegionWorld(db)
    const HOUR = 3_600_000
    const base = Date.parse(`${nextWeekday(2, 60)}T08:00:00Z`)
    const at = (d: number, h = 0) => new Date(base + d * 24 * HOUR + h * HOUR)
    const event = (title: string, startsAt: Date, levels: string[], status: 'PROPOSED' | 'PUBLISHED', regionId: string) =>
      db.calendarEvent.create({
        data: { title, type: 'OPEN_DAG', status, startsAt, endsAt: new Date(startsAt.getTime() + 2 * HOUR), audienceLevels: levels,
          regions: { create: [{ regionId, decision: status === 'PROPOSED' ? 'PENDING' : 'PUBLISHED' }] } },
      })
    const p = `Voorstel ${uniq()}`
    await event(`${p} 1`, at(0), ['havo'], 'PROPOSED', v.a.region.id) // overlapped by a published havo event of the region
    await event(`${p} 2`, at(1), ['vwo'], 'PROPOSED', v.a.region.id) // overlapped in time, not in audience
    await event(`${p} 3`, at(2), ['havo'], 'PROPOSED', v.a.region.id) // overlapped by another region's event only, and touched (not overlapped) at its start
    await event(`${p} 4`, at(3), ['havo', 'vwo'], 'PROPOSED', v.a.region.id) // overlapped by another proposal only (not published)
    await event(`${p} 5`, at(4), ['vmbo', 'havo'], 'PROPOSED', v.a.region.id) // one shared level among several, partly overlapping
    await event(`${p} 6`, at(5), ['havo'], 'PROPOSED', v.a.region.id) // beyond the five shown
    await event('Elders 1', at(0, 1), ['havo'], 'PUBLISHED', v.a.region.id)
    await event('Elders 2', at(1), ['havo'], 'PUBLISHED', v.a.region.id)
    await event('Elders 3', at(2), ['havo'], 'PUBLISHED', v.b.region.id)
    await event('Elders 3b', at(2, -2), ['havo'], 'PUBLISHED', v.a.region.id)
    await event('Elders 4', at(3), ['havo'], 'PROPOSED', v.b.region.id)
    await event('Elders 5', at(4, -1), ['havo', 'wo'], 'PUBLISHED', v.a.region.id)
    const block = blockOf(await (await callerFor(v.a.coordinator.id)).home.overview(), 'coordinator.proposals')
    expect(block.count).toBe(6)
    expect(block.items.map((i) => [i.title, i.flag])).toEqual([
      [`${p} 1`, true],
      [`${p} 2`, false],
      [`${p} 3`, false],
      [`${p} 4`, false],
      [`${p} 5`, true],
    ])
  })

  it('coordinator: slots nearly full or under-booked, but not the personal-link-only ones, whose places taken are class-list pupils\' bookings', async () => {
    const v = await buildTwoRegionWorld(db)
    const publisher = await callerFor(v.a.publisher.id)
    const programme = async (name: string, code: string) => (await publisher.slots.createProgramme({ organisationId: v.a.mbo.id, name: `${name} ${uniq()}`, level: 'MBO_4', code })).id
    const [open, listed, campaigned] = [await programme('Open', '25480'), await programme('Klassenlijst', '25481'), await programme('Campagne', '25482')]
    // The programme's own list rule: only pupils on a class list may book it.
    await db.participationListRule.create({ data: { organisationId: v.a.mbo.id, programmeId: listed, listedOnly: true } })
    const slot = async (programmeId: string, confirmedCount: number) => {
      const s = await buildSlot(db, { programmeId, organisationId: v.a.mbo.id, capacity: 20, startsInHours: 24 * 6 })
      return db.slot.update({ where: { id: s.id }, data: { status: 'PUBLISHED', confirmedCount } })
    }
    await slot(open, 2)
    const hidden = await slot(listed, 3)
    const inCampaign = await slot(campaigned, 3)
    await db.participationCampaign.create({
      data: { regionId: v.a.region.id, name: `Meeloopdagen ${uniq()}`, opensAt: new Date(Date.now() - 86_400_000), closesAt: new Date(Date.now() + 10 * 86_400_000), maxPerPupil: 2, listedOnly: true, slots: { create: [{ slotId: inCampaign.id }] } },
    })
    const answer = await (await callerFor(v.a.coordinator.id)).home.overview()
    const block = blockOf(answer, 'coordinator.slots')
    expect(block.items.map((i) => [i.title.split(' ')[0], i.note])).toEqual([['Open', '2/20']])
    expect(block.count).toBe(1)
    // Neither the 3 bookings nor the 17 free places of the hidden slots, anywhere in the answer (the old one held "3/20").
    const json = JSON.stringify(answer)
    expect(json).not.toContain('3/20')
    expect(answer.sections.flatMap((x) => x.blocks).flatMap((b) => b.items.map((i) => i.note))).not.toEqual(expect.arrayContaining([expect.stringMatching(/^(3|17)(\/20)?$/)]))
    expect(json).not.toContain(hidden.id)
    expect(json).not.toContain(inCampaign.id)
  })

  it('board reporter: report deadlines from today (Amsterdam) on, of grants with a line of the own board only', async () => {
    const today = toAmsterdam(new Date()).date
    const grant = await buildFundGrant(db, { regionId: w.a.region.id, penvoerderId: w.a.mbo.id, fundName: `Fonds ${uniq()}`, allocations: { [YEAR - 1]: 1_000, [YEAR]: 1_000 } })
    await buildBudgetLine(db, { grantId: grant.id, year: YEAR, boardIds: [w.a.board.id], amountCents: 500 })
    const deadline = (year: number, date: string) => db.fundAllocation.updateMany({ where: { grantId: grant.id, year }, data: { reportDeadline: new Date(`${date}T00:00:00Z`) } })
    await deadline(YEAR, today)
    await deadline(YEAR - 1, addLocalDays(today, -1))
    const titles = blockOf(await (await callerFor(w.a.boardReporter.id)).home.overview(), 'reporter.deadlines').items.map((i) => i.title)
    expect(titles).toContain(`${grant.fundName} ${YEAR}`)
    expect(titles).not.toContain(`${grant.fundName} ${YEAR - 1}`)
    const other = blockOf(await (await callerFor(w.b.boardReporter.id)).home.overview(), 'reporter.deadlines').items.map((i) => i.title)
    expect(other).not.toContain(`${grant.fundName} ${YEAR}`)
  })

  it('admin: the platform section with open invitations and regions without a coordinator', async () => {
    const admin = await (await callerFor(w.admin.id)).home.overview()
    expect(admin.sections.map((s) => [s.role, s.blocks.map((b) => b.key)])).toEqual([['PLATFORM_ADMIN', ['admin.invitations', 'admin.regions']]])
    expect(blockOf(admin, 'admin.regions').items.map((i) => i.title)).not.toContain(w.a.region.name)
  })
})
