/**
 * registration.availability (public: the calendar's "Aanmelden" with free places) tells only about events the public
 * may see — published in a region, as the registration page itself (publicRegistration) — not about a draft's, a
 * proposed or a rejected event's places and link, whatever ids the caller sends.
 */
import { describe, expect, it } from 'vitest'
import { buildTwoRegionWorld } from '../db/factories.ts'
import { buildCalendarEvent } from '../fund/factories.ts'
import { callerFor, db } from '../test/helpers.ts'

describe('registration.availability', () => {
  it('answers for published events only', async () => {
    const w = await buildTwoRegionWorld(db)
    const startsAt = new Date(Date.now() + 30 * 86_400_000)
    const withRegistration = async (title: string, status?: 'PUBLISHED' | 'PROPOSED' | 'DRAFT') => {
      const event = await buildCalendarEvent(db, { title, startsAt, regionIds: [w.a.region.id], organiserId: w.a.mbo.id, status })
      const reg = await db.registrationEvent.create({ data: { eventId: event.id, opensAt: new Date(Date.now() - 86_400_000), closesAt: new Date(Date.now() + 86_400_000) } })
      await db.registrationSession.create({ data: { registrationId: reg.id, title, startsAt, endsAt: new Date(startsAt.getTime() + 3_600_000), capacity: 12 } })
      return event
    }
    const published = await withRegistration('Open dag')
    const proposed = await withRegistration('Open dag (voorgesteld)', 'PROPOSED')
    const draft = await withRegistration('Open dag (concept)', 'DRAFT')
    const answer = await (await callerFor(null)).registration.availability({ eventIds: [published.id, proposed.id, draft.id] })
    expect(answer).toEqual({ [published.id]: { free: 12, href: `/aanmelden/${published.id}` } })
    expect(await (await callerFor(null)).registration.availability({ eventIds: [proposed.id, draft.id] })).toEqual({})
  })
})
