import { beforeEach, describe, expect, it, vi } from 'vitest'
import { formData, jar, redirectTarget } from '@/server/test/next-stubs'
import { createElement, type ReactElement, type ReactNode } from 'react'
import { renderToStaticMarkup } from 'react-dom/server'

/**
 * The public registration form without JavaScript: a refused POST renders the page anew from the action's state, so
 * the state carries what was sent (the audience among it) and the form shows it again; a registration is followed by
 * a redirect to the result page (post-redirect-get: a reload there does not register again), whose result is kept in
 * a cookie for that page with display data only. With JavaScript the submit marks itself (ENHANCED_FIELD) and the
 * result replaces the form. The procedure, the cookie jar, Next's redirect and the action state hook are stood in
 * for; the action, the form, the result page, the cookie format and the texts are the real ones.
 */
const proc = vi.hoisted(() => ({ calls: [] as unknown[], refuse: false, seats: [] as { sessionId: string; status: string }[] }))
const hook = vi.hoisted(() => ({ state: null as unknown }))

vi.mock('next/headers', async () => (await import('@/server/test/next-stubs')).nextHeaders)
vi.mock('next/navigation', async () => (await import('@/server/test/next-stubs')).nextNavigation)
vi.mock('next-intl/server', async () => {
  const { translator } = await import('@/server/i18n/translate')
  return {
    getLocale: async () => 'nl',
    getTranslations: async (ns: string) => (key: string, params?: Record<string, string | number>) => translator('nl')(`${ns}.${key}`, params),
  }
})
vi.mock('@/server/api/server', async () => {
  const { TRPCError } = await import('@trpc/server')
  const { z } = await import('zod')
  return {
    getCaller: async () => ({
      registration: {
        register: async (input: unknown) => {
          proc.calls.push(input)
          // A refusal per field, as the procedure's input schema gives it.
          const parsed = z.object({ partySize: z.number('k.registration.errors.partySizeRequired') }).safeParse({})
          if (proc.refuse) throw new TRPCError({ code: 'BAD_REQUEST', cause: parsed.error })
          return { id: 'r1', seats: proc.seats, token: 'the-secret-token' }
        },
      },
    }),
  }
})
// The form's state as the page renders it (without JavaScript: the refused POST's answer).
vi.mock('react', async (importOriginal) => {
  const react = await importOriginal<typeof import('react')>()
  return { ...react, useActionState: (action: unknown, initial: unknown) => [hook.state ?? initial, action, false] }
})

const { registerAction } = await import('@/app/(public)/aanmelden/[eventId]/actions')
const { REGISTERED_COOKIE, decodeRegistered, encodeRegistered } = await import('@/app/(public)/aanmelden/[eventId]/registered-result')
const { default: RegisteredPage } = await import('@/app/(public)/aanmelden/[eventId]/aangemeld/page')
const { RegisterForm } = await import('@/app/(public)/aanmelden/[eventId]/register-form')
const { keepValuesOnSubmit } = await import('@/components/ui/keep-values-on-submit')
const { ENHANCED_FIELD } = await import('@/server/lib/enhanced-field')

const parent = { eventId: 'ev1', audience: 'PARENT', name: 'Petra Ouder', email: 'petra@example.test', partySize: '3', sessionIds: 's2' }
const form = formData
const redirected = redirectTarget
const audience = (kind: 'PUPIL' | 'PARENT' | 'PROFESSIONAL') => ({ kind, label: kind, full: false, maxPartySize: 4, partySizeHint: '', levels: [{ value: 'HAVO', label: 'havo' }], years: [{ value: '4', label: '4' }] })
const renderForm = () =>
  renderToStaticMarkup(
    createElement(RegisterForm, {
      action: async (s) => s,
      eventId: 'ev1',
      audiences: [audience('PUPIL'), audience('PARENT'), audience('PROFESSIONAL')],
      sessions: [
        { id: 's1', title: 'Rondleiding', detail: '' },
        { id: 's2', title: 'Voorlichting', detail: '' },
      ],
      schools: [{ value: 'sc1', label: 'Het Lyceum' }],
      roles: [{ value: 'DECAAN', label: 'Decaan' }],
      texts: { audience: 'Ik meld me aan als', name: 'Naam', email: 'E-mailadres', school: 'School', choose: 'Kies…', schoolOther: 'Andere school', schoolOtherHint: '', partySize: 'Personen', level: 'Niveau', year: 'Leerjaar', role: 'Functie', sessions: 'Onderdelen', submit: 'Aanmelden' },
    }),
  )
const control = (html: string, tag: string, name: string, value?: string) => html.match(new RegExp(`<${tag}[^>]*name="${name}"${value ? `[^>]*value="${value}"` : ''}[^>]*>`))![0]

beforeEach(() => {
  jar.clear()
  proc.calls = []
  proc.refuse = false
  proc.seats = [{ sessionId: 's2', status: 'PENDING' }]
  hook.state = null
})

describe('the public registration form without JavaScript', () => {
  it('a refused submit keeps what was sent, the audience among it, and the form shows it again (not the first audience, not empty)', async () => {
    proc.refuse = true
    const state = await registerAction({ kind: 'idle' }, form({ ...parent, schoolId: 'sc1', level: 'HAVO' }))
    expect(state).toMatchObject({ kind: 'error', issues: { partySize: expect.any(String) }, values: expect.objectContaining({ audience: 'PARENT', name: 'Petra Ouder', partySize: '3' }), sessionIds: ['s2'] })
    expect(jar.size).toBe(0)

    hook.state = state
    const html = renderForm()
    expect(control(html, 'input', 'audience', 'PARENT')).toMatch(/checked=""/)
    expect(control(html, 'input', 'audience', 'PUPIL')).not.toMatch(/checked=""/)
    expect(control(html, 'input', 'name')).toContain('value="Petra Ouder"')
    expect(control(html, 'input', 'email')).toContain('value="petra@example.test"')
    // The party size's issue lands next to the field the chosen audience shows, with what was typed.
    expect(control(html, 'input', 'partySize')).toMatch(/value="3"/)
    expect(control(html, 'input', 'partySize')).toContain('aria-invalid="true"')
    expect(html).toMatch(/<option value="sc1" selected="">Het Lyceum<\/option>/)
    expect(control(html, 'input', 'sessionIds', 's2')).toMatch(/checked=""/)
    expect(control(html, 'input', 'sessionIds', 's1')).not.toMatch(/checked=""/)
  })

  it('a registration redirects to the result page, which keeps display data only, in an httpOnly cookie for that page', async () => {
    const path = '/aanmelden/ev1/aangemeld'
    expect(await redirected(registerAction({ kind: 'idle' }, form(parent)))).toBe(path)
    expect(proc.calls).toHaveLength(1)
    const cookie = jar.get(REGISTERED_COOKIE)!
    expect(cookie.options).toMatchObject({ path, httpOnly: true, sameSite: 'lax', maxAge: 3600 })
    expect(cookie.value).toMatch(/^REGISTERED\.\d+$/)
    for (const secret of ['the-secret-token', 'Petra', 'petra@example.test', 'example']) expect(cookie.value).not.toContain(secret)

    // The result page (after the redirect, and after a reload: nothing is posted again).
    for (let i = 0; i < 2; i++) {
      const html = renderToStaticMarkup((await RegisteredPage({ params: Promise.resolve({ eventId: 'ev1' }) })) as ReactElement)
      expect(html).toContain('Bijna klaar: bevestig je aanmelding via de link in je e-mail.')
      expect(html).toContain('href="/aanmelden/ev1"')
      expect(html).toContain('Nog iemand aanmelden')
    }
    expect(proc.calls).toHaveLength(1)

    // On the waiting list: the page says so.
    proc.seats = [{ sessionId: 's2', status: 'WAITLISTED' }]
    await redirected(registerAction({ kind: 'idle' }, form(parent)))
    const html = renderToStaticMarkup((await RegisteredPage({ params: Promise.resolve({ eventId: 'ev1' }) })) as ReactElement)
    expect(html).toContain('Je staat op de wachtlijst.')
  })

  it('the result page without a kept result (expired, opened directly) goes to the form', async () => {
    expect(await redirected(RegisteredPage({ params: Promise.resolve({ eventId: 'ev1' }) }) as Promise<ReactNode>)).toBe('/aanmelden/ev1')
  })

  it('reads back only what it wrote: an altered or foreign cookie is no result', () => {
    const r = { waitlisted: true, at: 1_790_000_000_000 }
    expect(decodeRegistered(encodeRegistered(r))).toEqual(r)
    for (const bad of [undefined, '', 'REGISTERED', 'DONE.1', 'WAITLISTED.x', `REGISTERED.${'9'.repeat(20)}`, 'REGISTERED.1.Petra']) expect(decodeRegistered(bad)).toBeNull()
  })
})

describe('the public registration form with JavaScript', () => {
  it('the submit marks itself (one helper for every public form: keepValuesOnSubmit), so the action answers in place: no redirect, no cookie', async () => {
    vi.stubGlobal(
      'FormData',
      class extends FormData {
        constructor(from?: unknown) {
          super()
          for (const [k, v] of Object.entries((from as { fields?: Record<string, string> } | undefined)?.fields ?? {})) this.append(k, v)
        }
      },
    )
    try {
      const sent: FormData[] = []
      const order: string[] = []
      const submit = keepValuesOnSubmit(
        (data) => void (sent.push(data), order.push('dispatch')),
        () => order.push('before'),
      )
      let prevented = false
      submit({ preventDefault: () => (prevented = true), currentTarget: { fields: parent } } as never)
      expect([prevented, order, sent[0]!.get(ENHANCED_FIELD), sent[0]!.get('name')]).toEqual([true, ['before', 'dispatch'], '1', 'Petra Ouder'])

      const state = await registerAction({ kind: 'idle' }, sent[0]!)
      expect(state).toEqual({ kind: 'done', message: 'Bijna klaar: bevestig je aanmelding via de link in je e-mail.' })
      expect(jar.size).toBe(0)
    } finally {
      vi.unstubAllGlobals()
    }
  })
})
