'use server'
import { TRPCError } from '@trpc/server'
import { getLocale } from 'next-intl/server'
import { getCaller } from '@/server/api/server'
import { describeError } from '@/server/api/trpc'
import { isLocale, defaultLocale } from '@/server/i18n/config'
import { translator } from '@/server/i18n/translate'
import { logger } from '@/server/lib/logger'

/** What the registration form shows after a submit: the result (translated here), or the issues per field. */
export type RegisterState = { kind: 'idle' } | { kind: 'done'; message: string } | { kind: 'error'; message: string; issues: Record<string, string>; at: number }

/**
 * The public registration form (`/aanmelden/[eventId]`) submits here (a server action, no tRPC client in the page):
 * the same procedure (registration.register, its input schema, rate limit and permission) through the server-side
 * caller, issues translated per field by the tRPC error formatter's own mapping (describeError, server/api/trpc.ts).
 */
export async function registerAction(_prev: RegisterState, form: FormData): Promise<RegisterState> {
  const get = (k: string) => {
    const v = form.get(k)
    return typeof v === 'string' ? v : undefined
  }
  const input = {
    eventId: get('eventId') ?? '',
    audience: get('audience') ?? '',
    name: get('name') ?? '',
    email: get('email') ?? '',
    schoolId: get('schoolId'),
    schoolOther: get('schoolOther'),
    level: get('level'),
    year: get('year') ? Number(get('year')) : undefined,
    partySize: get('partySize') ? Number(get('partySize')) : 1,
    role: get('role'),
    sessionIds: form.getAll('sessionIds').filter((v) => typeof v === 'string'),
  }
  const l = await getLocale()
  const locale = isLocale(l) ? l : defaultLocale
  try {
    const r = await (await getCaller()).registration.register(input as never)
    const waitlisted = r.seats.every((s) => s.status === 'WAITLISTED')
    return { kind: 'done', message: translator(locale)(waitlisted ? 'registration.form.waitlisted' : 'registration.form.done') }
  } catch (err) {
    // The same messages as the tRPC endpoint gives (one mapping: describeError in server/api/trpc.ts).
    const error = err instanceof TRPCError ? err : new TRPCError({ code: 'INTERNAL_SERVER_ERROR', cause: err })
    if (error.code === 'INTERNAL_SERVER_ERROR') logger.error({ err }, 'registration failed')
    const described = describeError(error, locale)
    return { kind: 'error', message: described.message, issues: Object.fromEntries((described.issues ?? []).map((i) => [i.path, i.message])), at: Date.now() }
  }
}
