/**
 * ICS feeds in a language. Calendar apps fetch feeds without cookies, so the language is in the URL (`?lang=en`,
 * validated; default Dutch); a personal feed without one uses its owner's stored language. Before, every feed was
 * Dutch ("Organisatie:", "Aanmelden:", "Meeloopdag: …").
 */
import { describe, expect, it } from 'vitest'
import ical from 'node-ical'
import { callerFor, db } from '../test/helpers.ts'
import { createMboProgramme, twoRegionWorldBeforeAll } from '../test/world.ts'
import { GET as regionFeedGET } from '../../app/api/calendar/region/[slug]/route.ts'
import { GET as organisationFeedGET } from '../../app/api/calendar/organisation/[id]/route.ts'
import { GET as personalFeedGET } from '../../app/api/calendar/feed/[token]/route.ts'
import { keptAhead } from './test-dates.ts'
import { publishedEvent, schoolEventInput } from './test-world.ts'
import { organisationFeedPath, regionFeedPath } from './feed-links.ts'

const at = keptAhead('2031-03-01')
const w = twoRegionWorldBeforeAll()

const vevents = async (res: Response) => {
  expect(res.status).toBe(200)
  return Object.values(ical.sync.parseICS(await res.text())).filter((c) => c?.type === 'VEVENT') as ical.VEvent[]
}
const regionFeed = (query = '', cookie?: string) =>
  regionFeedGET(new Request(`http://x/api/calendar/region/${w.a.region.slug}.ics${query}`, { headers: cookie ? { cookie } : {} }), { params: Promise.resolve({ slug: `${w.a.region.slug}.ics` }) })

let eventId: string
let slotId: string

describe('feeds in the language of their URL', () => {
  it('setup: an event with a registration link and a meeloopdag in region A', async () => {
    eventId = await publishedEvent(w, schoolEventInput(w, { startDate: at.day('2031-03-12') }, { title: 'Open dag taal', registrationUrl: 'https://school.example/aanmelden' }))
    const programmeId = await createMboProgramme(w, { name: 'Zorg taal', level: 'MBO_4', code: '25493' })
    const p = await callerFor(w.a.publisher.id)
    const [slot] = await p.slots.createSlots({ programmeId, location: 'Aula', audienceLevels: ['HAVO'], questions: [], closesHoursBefore: 24, dates: [{ date: at.day('2031-03-13'), startTime: '09:00', endTime: '12:00', capacity: 5 }] })
    slotId = slot!.id
  })

  it('default and ?lang=nl: Dutch texts; ?lang=en: English texts', async () => {
    for (const query of ['', '?lang=nl']) {
      const events = await vevents(await regionFeed(query))
      const ev = events.find((e) => e.uid === `${eventId}@overstap.nl`)!
      expect(ev.description).toContain(`Organisatie: ${w.a.school.name}`)
      expect(ev.description).toContain('Aanmelden: https://school.example/aanmelden')
      expect(events.find((e) => e.uid === `slot-${slotId}@overstap.nl`)!.summary).toBe(`Meeloopdag: Zorg taal (${w.a.mbo.name})`)
    }
    const events = await vevents(await regionFeed('?lang=en'))
    const ev = events.find((e) => e.uid === `${eventId}@overstap.nl`)!
    expect(ev.description).toContain(`Organiser: ${w.a.school.name}`)
    expect(ev.description).toContain('Register: https://school.example/aanmelden')
    expect(ev.description).not.toMatch(/Organisatie|Aanmelden/)
    const slot = events.find((e) => e.uid === `slot-${slotId}@overstap.nl`)!
    expect(slot.summary).toBe(`Shadowing day: Zorg taal (${w.a.mbo.name})`)
    expect(slot.description).toMatch(/^Organiser: .*\n\nRegister: http/s)

    const org = await vevents(await organisationFeedGET(new Request(`http://x/api/calendar/organisation/${w.a.school.id}.ics?lang=en`), { params: Promise.resolve({ id: `${w.a.school.id}.ics` }) }))
    expect(org.find((e) => e.uid === `${eventId}@overstap.nl`)!.description).toContain('Register: ')
  })

  it('an unknown language is a translated 400, in the cookie’s language when there is one', async () => {
    const res = await regionFeed('?lang=de')
    expect(res.status).toBe(400)
    expect(JSON.stringify(await res.json())).toContain('Kies als taal van de feed nl of en.')
    const en = await regionFeed('?lang=xx', 'NEXT_LOCALE=en')
    expect(en.status).toBe(400)
    expect(JSON.stringify(await en.json())).toContain('Choose nl or en as the language of the feed.')
  })

  it('the links the app shows carry the UI’s language; a personal feed URL too, else the owner’s stored language', async () => {
    expect(regionFeedPath('twente', 'en')).toBe('/api/calendar/region/twente.ics?lang=en')
    expect(regionFeedPath('twente', 'nl')).toBe('/api/calendar/region/twente.ics')
    expect(organisationFeedPath('org1', 'en')).toBe('/api/calendar/organisation/org1.ics?lang=en')

    const english = await callerFor(w.a.staff.id, 'en')
    const { url } = await english.calendar.createFeedToken({ label: 'Work' })
    const link = new URL(url)
    expect(link.searchParams.get('lang')).toBe('en')
    const token = link.pathname.split('/').pop()!
    const personal = (query: string) => personalFeedGET(new Request(`http://x/api/calendar/feed/${token}${query}`), { params: Promise.resolve({ token }) })
    expect((await vevents(await personal(link.search))).find((e) => e.uid === `${eventId}@overstap.nl`)!.description).toContain('Register: ')
    // without ?lang=: the owner's stored language (Dutch when none)
    expect((await vevents(await personal(''))).find((e) => e.uid === `${eventId}@overstap.nl`)!.description).toContain('Aanmelden: ')
    await db.user.update({ where: { id: w.a.staff.id }, data: { locale: 'en' } })
    expect((await vevents(await personal(''))).find((e) => e.uid === `${eventId}@overstap.nl`)!.description).toContain('Register: ')
    expect((await vevents(await personal('?lang=nl'))).find((e) => e.uid === `${eventId}@overstap.nl`)!.description).toContain('Aanmelden: ')
  })
})
