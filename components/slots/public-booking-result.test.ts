import { beforeEach, describe, expect, it, vi } from 'vitest'
import { formData, jar, redirectTarget } from '@/server/test/next-stubs'

/**
 * The public booking page's result survives a reload: the action keeps the result's display data in a cookie scoped
 * to the slot's page (never the name, the address or the booking's token) and, without JavaScript, redirects to the
 * page (POST-redirect-GET); the page reads it back; "book someone else" forgets it. The procedure, the cookie jar and
 * Next's redirect are stood in for; the actions, the cookie format and the texts are the real ones.
 */
const booked = vi.hoisted(() => ({ calls: [] as unknown[], answer: null as null | Record<string, unknown>, refuse: false }))

vi.mock('next/headers', async () => (await import('@/server/test/next-stubs')).nextHeaders)
vi.mock('next/navigation', async () => (await import('@/server/test/next-stubs')).nextNavigation)
vi.mock('next-intl/server', () => ({ getLocale: async () => 'nl' }))
vi.mock('@/server/i18n/formatter', async () => {
  const { createFormatter } = await import('use-intl/core')
  return { getAppFormatter: async () => createFormatter({ locale: 'nl-NL', timeZone: 'Europe/Amsterdam' }) }
})
vi.mock('@/server/api/server', async () => {
  const { TRPCError } = await import('@trpc/server')
  return {
    getCaller: async () => ({
      slots: {
        book: async (input: unknown) => {
          booked.calls.push(input)
          if (booked.refuse) throw new TRPCError({ code: 'CONFLICT', message: 'k.slots.errors.alreadyBooked' })
          return booked.answer
        },
      },
    }),
  }
})

// The slot's row as the database holds it: its institution's BRIN is where the result's page is (./slot-page).
vi.mock('@/server/db/replica', () => ({
  publicReadDb: () => ({ slot: { findUnique: async ({ where }: { where: { id: string } }) => (where.id === 'cslot123' ? { id: 'cslot123', organisation: { brin: '25PZ' } } : null) } }),
}))

const { bookSlot, forgetBooking } = await import('@/app/(public)/instelling/[brin]/proefstuderen/[slotId]/actions')
const { BOOKED_COOKIE, bookedView, decodeBooked, encodeBooked, readBooked } = await import('@/app/(public)/instelling/[brin]/proefstuderen/[slotId]/booked-result')
const { shownResult } = await import('./public-booking-form.tsx')
const { pathNamesInstitution } = await import('@/app/(public)/instelling/[brin]/proefstuderen/[slotId]/slot-page')

/** The form's bound state: the slot's id only. */
const page = { slotId: 'cslot123' }
const path = '/instelling/25PZ/proefstuderen/cslot123'
const pupil = { name: 'Lotte Leerling', email: 'lotte@example.test', schoolId: 's1', level: 'HAVO', year: '4' }
const form = formData
const redirected = redirectTarget

beforeEach(() => {
  jar.clear()
  booked.calls = []
  booked.refuse = false
  booked.answer = { status: 'PENDING', position: null, holdExpiresAt: new Date(Date.now() + 30 * 60_000), token: 'the-secret-token' }
})

describe('a booking result that stays on the public slot page', () => {
  it('without JavaScript: keeps display data only in an httpOnly cookie for this page, then redirects to the page', async () => {
    expect(await redirected(bookSlot(page, { kind: 'idle' }, form(pupil)))).toBe(path)
    expect(booked.calls).toEqual([expect.objectContaining({ slotId: 'cslot123', name: 'Lotte Leerling' })])
    const cookie = jar.get(BOOKED_COOKIE)!
    expect(cookie.options).toMatchObject({ path, httpOnly: true, sameSite: 'lax' })
    // The hold lasts 30 minutes: so does the result.
    expect(cookie.options.maxAge).toBeGreaterThan(29 * 60)
    expect(cookie.options.maxAge).toBeLessThanOrEqual(30 * 60)
    expect(cookie.value).toMatch(/^PENDING\.\.\d+\.\d+$/)
    for (const secret of ['the-secret-token', 'Lotte', 'lotte@example.test', 'example']) expect(cookie.value).not.toContain(secret)

    // The page after the redirect (or a reload) shows the same result.
    const kept = await readBooked()
    expect(kept).toMatchObject({ status: 'PENDING', position: null })
    const view = await bookedView(kept!)
    expect(view.title).toBe('Bijna klaar: bevestig je aanmelding')
    expect(view.body).toMatch(/^We houden een plek voor je vast tot \S+dag \d+ \S+ om \d\d:\d\d\./)
  })

  it('with JavaScript: answers the result in place (the form is replaced, its heading takes focus) and keeps it for a reload', async () => {
    booked.answer = { status: 'WAITLISTED', position: 3, holdExpiresAt: null, token: 'the-secret-token' }
    const state = await bookSlot(page, { kind: 'idle' }, form({ ...pupil, enhanced: '1' }))
    expect(state).toMatchObject({ kind: 'booked', status: 'WAITLISTED', title: 'Je staat op de wachtlijst (plaats 3)' })
    const cookie = jar.get(BOOKED_COOKIE)!
    expect(cookie.options).toMatchObject({ path, httpOnly: true, maxAge: 3600 })
    const view = await bookedView((await readBooked())!)
    // The same result, with the same identity: a reload shows it, a refresh does not take focus again.
    expect(view).toEqual({ status: 'WAITLISTED', title: state.kind === 'booked' ? state.title : '', body: state.kind === 'booked' ? state.body : '', at: state.kind === 'booked' ? state.at : NaN })
  })

  it('a refused booking keeps nothing and does not redirect: the form shows the issue', async () => {
    booked.refuse = true
    const state = await bookSlot(page, { kind: 'idle' }, form(pupil))
    expect(state).toMatchObject({ kind: 'error', values: expect.objectContaining({ name: 'Lotte Leerling' }) })
    expect(jar.has(BOOKED_COOKIE)).toBe(false)
  })

  it('"book someone else" forgets the result for this page; without JavaScript it goes back to the page', async () => {
    await bookSlot(page, { kind: 'idle' }, form({ ...pupil, enhanced: '1' }))
    expect(await redirected(forgetBooking(page, form({})))).toBe(path)
    expect(jar.get(BOOKED_COOKIE)?.options).toMatchObject({ name: BOOKED_COOKIE, path, deleted: true })
    expect(await readBooked()).toBeNull()
    await bookSlot(page, { kind: 'idle' }, form({ ...pupil, enhanced: '1' }))
    expect(await redirected(forgetBooking(page, form({ enhanced: '1' })))).toBeNull()
    expect(await readBooked()).toBeNull()
  })

  it("takes the result's page from the slot's own institution, never from a BRIN in the bound state or the URL", async () => {
    const forged = { brin: '99XX', slotId: 'cslot123' }
    expect(await redirected(bookSlot(forged, { kind: 'idle' }, form(pupil)))).toBe(path)
    expect(jar.get(BOOKED_COOKIE)?.options).toMatchObject({ path })
    expect(await redirected(forgetBooking(forged, form({})))).toBe(path)
    expect(pathNamesInstitution('25pz', '25PZ')).toBe(true)
    expect(pathNamesInstitution('99XX', '25PZ')).toBe(false)
  })

  it('reads back only what it wrote: an altered or foreign cookie is no result', () => {
    const r = { status: 'WAITLISTED', position: 2, holdUntil: null, at: 1_790_000_000_000 } as const
    expect(decodeBooked(encodeBooked(r))).toEqual(r)
    for (const bad of [undefined, '', 'CONFIRMED', 'CANCELLED..1.2', 'PENDING.x..1', `PENDING..1.${'9'.repeat(20)}`, '{"status":"CONFIRMED"}']) expect(decodeBooked(bad)).toBeNull()
  })

  it('the form shows the newest result unless it was dismissed', () => {
    const view = (at: number) => ({ status: 'CONFIRMED' as const, title: 't', body: 'b', at })
    const answered = { kind: 'booked' as const, ...view(2) }
    expect(shownResult({ kind: 'idle' }, view(1), null)?.at).toBe(1)
    expect(shownResult(answered, view(1), null)?.at).toBe(2)
    expect(shownResult(answered, view(2), 2)).toBeNull()
    expect(shownResult({ kind: 'error', message: 'm', issues: {}, values: {} }, view(2), 2)).toBeNull()
    expect(shownResult({ kind: 'idle' }, null, null)).toBeNull()
  })
})
