/**
 * An RFC 5545 structure check of an iCalendar text, strict where calendar apps are strict: CRLF line ends, every
 * physical line at most 75 octets (UTF-8 bytes) and valid UTF-8 on its own, continuation lines start with one space
 * (folding = CRLF + space), the text parses with ical.js (not only the lenient node-ical), the VCALENDAR has VERSION:2.0
 * and PRODID, and every VEVENT has UID, DTSTAMP and DTSTART. Returns the parsed VEVENTs' UIDs. Test helper.
 */
import ICAL from 'ical.js'
import { expect } from 'vitest'

export function expectRfc5545(ics: string | Buffer): string[] {
  const bytes = typeof ics === 'string' ? Buffer.from(ics, 'utf8') : ics
  const text = bytes.toString('utf8')
  expect(text.endsWith('\r\n'), 'the last line ends with CRLF').toBe(true)
  expect(/(^|[^\r])\n/.test(text), 'no bare LF').toBe(false)
  expect(/\r(?!\n)/.test(text), 'no bare CR').toBe(false)
  const strict = new TextDecoder('utf-8', { fatal: true })
  const physical = bytes.subarray(0, bytes.length - 2).toString('latin1').split('\r\n').map((l) => Buffer.from(l, 'latin1'))
  physical.forEach((line, i) => {
    expect(line.length, `line ${i + 1} is ${line.length} octets: ${line.toString('utf8')}`).toBeLessThanOrEqual(75)
    expect(() => strict.decode(line), `line ${i + 1} splits a character`).not.toThrow()
    expect(line.length, `line ${i + 1} is empty`).toBeGreaterThan(0)
    if (i > 0 && line[0] === 0x20) expect(line.length, `continuation line ${i + 1} carries nothing`).toBeGreaterThan(1)
    // A content line (not a continuation) is NAME[;params]:value.
    if (line[0] !== 0x20) expect(line.toString('utf8'), `line ${i + 1} is not a content line`).toMatch(/^[A-Za-z0-9-]+[;:]/)
  })
  const cal = new ICAL.Component(ICAL.parse(text) as unknown as unknown[])
  expect(cal.name).toBe('vcalendar')
  expect(cal.getFirstPropertyValue('version')).toBe('2.0')
  expect(String(cal.getFirstPropertyValue('prodid') ?? '')).not.toBe('')
  const events = cal.getAllSubcomponents('vevent')
  for (const ev of events) {
    for (const prop of ['uid', 'dtstamp', 'dtstart']) expect(ev.getFirstProperty(prop), `VEVENT ${ev.getFirstPropertyValue('uid')} has ${prop.toUpperCase()}`).not.toBeNull()
    expect(ev.getAllProperties('uid')).toHaveLength(1)
  }
  const uids = events.map((e) => String(e.getFirstPropertyValue('uid')))
  expect(new Set(uids).size, 'UIDs are unique').toBe(uids.length)
  return uids
}
