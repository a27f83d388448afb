/**
 * The reminder mail's ICS attachment passes the same RFC 5545 structure check as the feeds (ical.js, VERSION,
 * PRODID, UID, DTSTAMP, DTSTART, 75-octet folding) — also with a long Dutch programme and institution name.
 */
import { describe, expect, it } from 'vitest'
import { expectRfc5545 } from '../test/ics-rfc5545.ts'
import { reminderIcs } from './reminders.ts'

const HOUR = 3_600_000

describe('the reminder ICS attachment is valid RFC 5545', () => {
  it.each([
    ['a short name', 'Verpleegkunde', 'ROC Twente', 'Gebouw A'],
    ['long names with diacritics', 'Verpleegkunde en zorg ‘ééndaags’ niveau 4 — oriëntatie op de beroepspraktijk', 'Hogeschool Saxion — Academie Gezondheidszorg, Enschede', 'Ariënsplein 1, 7511 JX Enschede; gebouw “De Oriënt”, lokaal 1.12 (één trap op)'],
  ])('%s', (_case, programme, institution, location) => {
    const startsAt = new Date(Math.floor(Date.now() / HOUR) * HOUR + 3 * 24 * HOUR)
    const ics = reminderIcs({ id: 'c0000000000000000000booking', pupilEmail: 'p@example.test', slotId: 's', locale: 'nl', slot: { startsAt, endsAt: new Date(startsAt.getTime() + 3 * HOUR), location, programme: { name: programme }, organisation: { name: institution } } })
    expect(expectRfc5545(ics)).toEqual(['booking-c0000000000000000000booking@overstap.nl'])
  })
})
