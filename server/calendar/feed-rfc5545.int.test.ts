/**
 * Every iCalendar feed passes an RFC 5545 structure check with ical.js (server/test/ics-rfc5545.ts): the region's
 * public feed, an organisation's feed (events and slots) and the personal token feed, with a timed, an all-day and a
 * cancelled event and a slot whose Dutch names are long enough to be folded (diacritics, emoji, commas, semicolons).
 */
import { beforeAll, describe, expect, it } from 'vitest'
import { uniq } from '../db/factories.ts'
import { db } from '../test/helpers.ts'
import { twoRegionWorldBeforeAll } from '../test/world.ts'
import { expectRfc5545 } from '../test/ics-rfc5545.ts'
import { loadActor } from '../auth/actor.ts'
import type { CreateEventInput } from './schema.ts'
import { createFeedToken, eventUid, slotUid } from './feed.ts'
import { keptAhead } from './test-dates.ts'
import { publishedEvent, schoolEventInput } from './test-world.ts'
import { GET as regionFeedGET } from '../../app/api/calendar/region/[slug]/route.ts'
import { GET as organisationFeedGET } from '../../app/api/calendar/organisation/[id]/route.ts'
import { GET as personalFeedGET } from '../../app/api/calendar/feed/[token]/route.ts'

const at = keptAhead('2030-11-01')
const HOUR = 3_600_000
const LONG = 'Voorlichtingsavond tweedefase: ééndaagse oriëntatie op hbo-opleidingen in België, Nederland; café 🎓'

const w = twoRegionWorldBeforeAll()
let eventIds: string[]
let slotId: string

const published = (over: Partial<CreateEventInput>) =>
  publishedEvent(
    w,
    schoolEventInput(
      w,
      {
        title: LONG,
        description: `Één avond met crèche en ‘ideeën’ voor havo- en vwo-leerlingen, ouders; docenten.\n${'ë'.repeat(90)}`,
        startDate: at.day('2030-11-04'),
        startTime: '19:30',
        endTime: '21:30',
        locationAddress: 'Stationsstraat 1, 7511 JD Enschede, gebouw “De Oriënt”',
        registrationUrl: 'https://school.example.nl/aanmelden/voorlichtingsavond-tweedefase-oriëntatie?bron=overstap&jaar=2031',
      },
      over,
    ),
  )

beforeAll(async () => {
  const timed = await published({})
  const allDay = await published({ title: `Hele dag: ${LONG}`, allDay: true, startDate: at.day('2030-11-05'), endDate: at.day('2030-11-06'), startTime: undefined, endTime: undefined })
  const cancelled = await published({ title: `Vervalt: ${LONG}`, startDate: at.day('2030-11-07'), endDate: at.day('2030-11-07') })
  await db.calendarEvent.update({ where: { id: cancelled }, data: { status: 'CANCELLED', sequence: { increment: 1 } } })
  eventIds = [timed, allDay, cancelled]
  const programme = await db.slotProgramme.create({ data: { organisationId: w.a.mbo.id, name: `Verpleegkunde en zorg ‘ééndaags’ niveau 4 — oriëntatie ${uniq()}`, sector: 'MBO', level: 'MBO_4', code: '25491' } })
  const startsAt = new Date(Math.floor(Date.now() / HOUR) * HOUR + 20 * 24 * HOUR)
  slotId = (
    await db.slot.create({
      data: {
        programmeId: programme.id,
        organisationId: w.a.mbo.id,
        startsAt,
        endsAt: new Date(startsAt.getTime() + 3 * HOUR),
        location: 'Gebouw A, lokaal 1.12',
        capacity: 10,
        bookingOpensAt: new Date(startsAt.getTime() - 30 * 24 * HOUR),
        bookingClosesAt: startsAt,
        audienceLevels: ['HAVO'],
        status: 'PUBLISHED',
      },
    })
  ).id
})

async function body(res: Response) {
  expect(res.status).toBe(200)
  expect(res.headers.get('content-type')).toBe('text/calendar; charset=utf-8')
  return Buffer.from(await res.arrayBuffer())
}

describe('every feed is valid RFC 5545 (ical.js, 75-octet folding, VERSION, PRODID, UID, DTSTAMP, DTSTART)', () => {
  it("the region's public feed", async () => {
    const res = await regionFeedGET(new Request('http://x/'), { params: Promise.resolve({ slug: `${w.a.region.slug}.ics` }) })
    const uids = expectRfc5545(await body(res))
    expect(uids).toEqual(expect.arrayContaining([...eventIds.map(eventUid), slotUid(slotId)]))
  })

  it("an organisation's feed, with events and with slots", async () => {
    const school = await organisationFeedGET(new Request('http://x/'), { params: Promise.resolve({ id: w.a.school.id }) })
    expect(expectRfc5545(await body(school)).sort()).toEqual(eventIds.map(eventUid).sort())
    const mbo = await organisationFeedGET(new Request('http://x/'), { params: Promise.resolve({ id: w.a.mbo.id }) })
    expect(expectRfc5545(await body(mbo))).toEqual([slotUid(slotId)])
  })

  it('the personal token feed', async () => {
    const { url } = await createFeedToken(db, (await loadActor(db, w.a.coordinator.id))!, { label: 'Agenda' })
    const token = url.split('/').pop()!
    const res = await personalFeedGET(new Request('http://x/'), { params: Promise.resolve({ token: `${token}.ics` }) })
    const uids = expectRfc5545(await body(res))
    expect(uids).toEqual(expect.arrayContaining([...eventIds.map(eventUid), slotUid(slotId)]))
  })
})
