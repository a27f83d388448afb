import { describe, expect, it, vi } from 'vitest'
import ical from 'node-ical'
import type { ZodError } from 'zod'
import { issueMessage } from '../i18n/translate.ts'
import { callerFor, db, expectTrpcError } from '../test/helpers.ts'
import { twoRegionWorldBeforeAll } from '../test/world.ts'
import type { CreateEventInput } from './schema.ts'
import { GET as regionFeedGET } from '../../app/api/calendar/region/[slug]/route.ts'
import { GET as organisationFeedGET } from '../../app/api/calendar/organisation/[id]/route.ts'
import { keptAhead } from './test-dates.ts'
import { publishedEvent, schoolEventInput } from './test-world.ts'
import { logger } from '../lib/logger.ts'

/** The examples' fixed dates, kept ahead of today (same weekdays and DST changes). */
const at = keptAhead('2030-10-01')

const w = twoRegionWorldBeforeAll()

const eventInput = (over: Partial<CreateEventInput> = {}) => schoolEventInput(w, { startDate: at.day('2031-02-08') }, over)
const published = (input: CreateEventInput, side: 'a' | 'b' = 'a') => publishedEvent(w, input, side)

const regionFeed = (side: 'a' | 'b' = 'a') => regionFeedGET(new Request('http://x/'), { params: Promise.resolve({ slug: `${w[side].region.slug}.ics` }) })
const orgFeed = () => organisationFeedGET(new Request('http://x/'), { params: Promise.resolve({ id: w.a.school.id }) })
const vevents = (text: string) => Object.values(ical.sync.parseICS(text)).filter((c) => c?.type === 'VEVENT') as ical.VEvent[]

describe('URLs are validated and normalised on input', () => {
  it.each([
    ['a space inside', 'https://x.nl/a b'],
    ['a tab inside', 'https://x.nl/a\tb'],
    ['a control character', 'https://x.nl/a\u0007b'],
    ['a zero-width space', 'https://x.nl/a\u200bb'],
    ['credentials', 'https://school.nl@evil.example/'],
    ['another scheme', 'javascript:alert(1)'],
    ['an IP address', 'http://10.0.0.1/'],
  ])('a registration URL with %s is a translated 400 and nothing is written', async (_name, url) => {
    const before = await db.calendarEvent.count({ where: { createdById: w.a.staff.id } })
    const staff = await callerFor(w.a.staff.id)
    const err = await expectTrpcError(staff.calendar.create(eventInput({ registrationUrl: url })), 'BAD_REQUEST')
    const issues = (err.cause as ZodError).issues.map((i) => ({ path: i.path.join('.'), message: issueMessage(i, 'nl') }))
    expect(issues).toContainEqual({ path: 'registrationUrl', message: 'Vul een volledig webadres in dat begint met https://, zonder spaties.' })
    expect(await db.calendarEvent.count({ where: { createdById: w.a.staff.id } })).toBe(before)
  })

  it('URLs are stored normalised (lower-case host, punycode, percent-encoded path) and attachments split per line', async () => {
    const staff = await callerFor(w.a.staff.id)
    const { ids } = await staff.calendar.create(
      eventInput({ registrationUrl: '  HTTPS://Bücher.NL/aanmelden/é?x=1  ', onlineUrl: 'https://meet.example.nl/Room', attachments: 'https://x.nl/a.pdf\r\nhttps://x.nl/b.pdf\n' as unknown as string[] }),
    )
    const row = await db.calendarEvent.findUniqueOrThrow({ where: { id: ids[0]! } })
    expect(row.registrationUrl).toBe('https://xn--bcher-kva.nl/aanmelden/%C3%A9?x=1')
    expect(row.onlineUrl).toBe('https://meet.example.nl/Room')
    expect(row.attachments).toEqual(['https://x.nl/a.pdf', 'https://x.nl/b.pdf'])
  })
})

describe('one bad event never takes a feed down', () => {
  it('a row with a space in its URL, written directly to the database, is skipped and logged without its content', async () => {
    const good = await published(eventInput({ title: 'Goede open dag', startDate: at.day('2030-10-01'), endDate: at.day('2030-10-01') }))
    const bad = await published(eventInput({ title: 'Slechte open dag', startDate: at.day('2030-10-02'), endDate: at.day('2030-10-02') }))
    await db.calendarEvent.update({ where: { id: bad }, data: { registrationUrl: 'https://x.nl/a b', onlineUrl: 'https://x.nl/c d' } })
    const warn = vi.spyOn(logger, 'warn').mockImplementation(() => {})
    const error = vi.spyOn(logger, 'error').mockImplementation(() => {})
    try {
      for (const res of [await regionFeed(), await orgFeed()]) {
        expect(res.status).toBe(200)
        const uids = vevents(await res.text()).map((e) => e.uid)
        expect(uids).toContain(`${good}@overstap.nl`)
        expect(uids).not.toContain(`${bad}@overstap.nl`)
      }
      const logged = warn.mock.calls.map((c) => c.map((x) => (typeof x === 'string' ? x : JSON.stringify(x))).join(' ')).join('\n')
      expect(logged).toContain(`event ${bad}`)
      expect(logged).not.toContain('Slechte')
      expect(logged).not.toContain('x.nl')
      expect(error).not.toHaveBeenCalled()
    } finally {
      warn.mockRestore()
      error.mockRestore()
    }
  })
})

describe('ICS lines are folded at 75 octets (RFC 5545 3.1)', () => {
  it('a Dutch title and description with diacritics give no line over 75 octets and parse back intact', async () => {
    const title = 'Voorlichtingsavond tweedefase: ééndaagse oriëntatie op hbo-opleidingen in België en Nederland'
    const description = 'Één avond met café, crèche en ‘ideeën’ 🎓 voor havo- en vwo-leerlingen; ' + 'ë'.repeat(120)
    // Region B: independent of the bad row above (which the old code answered with a 500).
    const id = await published(eventInput({ title, description, organiserIds: [w.b.school.id], regionIds: [w.b.region.id], startDate: at.day('2030-10-05'), endDate: at.day('2030-10-05') }), 'b')
    const res = await regionFeed('b')
    expect(res.status).toBe(200)
    const bytes = Buffer.from(await res.arrayBuffer())
    const lines: Buffer[] = []
    for (let at = 0, next = bytes.indexOf('\r\n'); next !== -1; at = next + 2, next = bytes.indexOf('\r\n', at)) lines.push(bytes.subarray(at, next))
    expect(Math.max(...lines.map((l) => l.length))).toBeLessThanOrEqual(75)
    // Every physical line is valid UTF-8 on its own: no multi-byte character was split across lines.
    const strict = new TextDecoder('utf-8', { fatal: true })
    for (const line of lines) expect(() => strict.decode(line)).not.toThrow()
    expect(lines.filter((l) => l[0] === 0x20).length).toBeGreaterThan(3)
    const text = bytes.toString('utf8')
    const ev = vevents(text).find((e) => e.uid === `${id}@overstap.nl`)!
    expect(ev.summary).toBe(title)
    expect(String(ev.description)).toContain(description)
  })
})
