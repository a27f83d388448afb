/**
 * The public registration page /aanmelden/<eventId> decides by what exists: an id without a published event with
 * registration (unknown, "-1", 3,000 characters, unicode, an event without registration, an unpublished one) is a
 * 404 (Next's notFound(), rendered by ./not-found.tsx with the friendly message), like every other id and token
 * page; an event whose registration exists but is closed keeps its page (200) and says so. The page runs with the
 * real procedures and database; only the request-bound helpers (next-intl's request config, the caller from the
 * request's cookies) are replaced by the same translations and an anonymous caller.
 */
import { beforeAll, describe, expect, it, vi } from 'vitest'
import type { ReactElement } from 'react'
import { buildTwoRegionWorld } from '../db/factories.ts'
import { buildCalendarEvent } from '../fund/factories.ts'
import { callerFor, db } from '../test/helpers.ts'
import { translator } from '../i18n/translate.ts'

vi.mock('next-intl/server', async () => {
  const { translator: tr } = await import('../i18n/translate.ts')
  return {
    getLocale: async () => 'nl',
    getTranslations: async (ns: string) => (key: string, params?: Record<string, string | number>) => tr('nl')(`${ns}.${key}`, params),
  }
})
vi.mock('@/server/api/server', async () => {
  const helpers = await import('../test/helpers.ts')
  return { getCaller: () => helpers.callerFor(null) }
})

const { default: RegisterPage } = await import('../../app/(public)/aanmelden/[eventId]/page.tsx')
const { default: RegistrationNotFound } = await import('../../app/(public)/aanmelden/[eventId]/not-found.tsx')

const NOT_FOUND_DIGEST = 'NEXT_HTTP_ERROR_FALLBACK;404'
const t = translator('nl')
const render = (eventId: string) => RegisterPage({ params: Promise.resolve({ eventId }) })

let w: Awaited<ReturnType<typeof buildTwoRegionWorld>>
let closed: { id: string }
let withoutRegistration: { id: string }
let unpublished: { id: string }

beforeAll(async () => {
  w = await buildTwoRegionWorld(db)
  const startsAt = new Date(Date.now() + 30 * 86_400_000)
  const event = (title: string, status?: 'PUBLISHED' | 'PROPOSED') => buildCalendarEvent(db, { title, startsAt, regionIds: [w.a.region.id], organiserId: w.a.mbo.id, status })
  closed = await event('Open dag (gesloten aanmelding)')
  await db.registrationEvent.create({ data: { eventId: closed.id, opensAt: new Date(Date.now() - 2 * 86_400_000), closesAt: new Date(Date.now() - 86_400_000) } })
  withoutRegistration = await event('Open dag zonder aanmelding')
  unpublished = await event('Open dag (voorgesteld)', 'PROPOSED')
  await db.registrationEvent.create({ data: { eventId: unpublished.id, opensAt: new Date(Date.now() - 86_400_000), closesAt: new Date(Date.now() + 86_400_000) } })
})

describe('/aanmelden/<eventId>', () => {
  it('answers 404 for an id behind which no registration can be found', async () => {
    for (const id of ['c000000000000000000000000', '-1', 'x'.repeat(3000), 'évènement-😀', withoutRegistration.id, unpublished.id]) {
      await expect(render(id), id.slice(0, 40)).rejects.toMatchObject({ digest: NOT_FOUND_DIGEST })
    }
  })

  it('the 404 page carries the same friendly message the page used to show', async () => {
    const page = (await RegistrationNotFound()) as ReactElement<{ title: string; problem: string; invalid: string }>
    expect(page.props).toMatchObject({ title: t('registration.form.title'), problem: 'invalid', invalid: 'Voor deze activiteit kun je je niet aanmelden.' })
  })

  it('keeps the page (200) of an event whose registration is closed, with its message', async () => {
    // the procedure itself answers the event
    expect((await (await callerFor(null)).registration.publicEvent({ eventId: closed.id })).open).toBe(false)
    const page = await render(closed.id)
    const text = JSON.stringify(page)
    expect(text).toContain(t('registration.form.closed'))
    expect(text).toContain('Open dag (gesloten aanmelding)')
  })
})
