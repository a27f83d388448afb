'use server'
import { TRPCError } from '@trpc/server'
import { ZodError } from 'zod'
import { getFormatter, getLocale } from 'next-intl/server'
import { getCaller } from '@/server/api/server'
import { isLocale, defaultLocale } from '@/server/i18n/config'
import { issueMessage, translator } from '@/server/i18n/translate'
import { AppError } from '@/server/lib/errors'
import { logger } from '@/server/lib/logger'

/** What the public booking form shows after a submit: the result (translated here), or the issues per field. */
export type BookState =
  | { kind: 'idle' }
  | { kind: 'error'; message: string; issues: Record<string, string>; values: Record<string, string> }
  | { kind: 'booked'; status: 'CONFIRMED' | 'PENDING' | 'WAITLISTED'; title: string; body: string; at: number }

/**
 * The public booking page's form submits here (a server action, no tRPC client in the page): the same procedure
 * (slots.book, its input schema, rate limit and permission) through the server-side caller. Issues come back
 * translated per field as the tRPC error formatter does (server/api/trpc.ts), so the form needs no zod, no
 * react-query and no message catalogue in the browser. Also works without JavaScript.
 */
export async function bookSlot(_prev: BookState, form: FormData): Promise<BookState> {
  const raw = Object.fromEntries([...form.entries()].filter(([k, v]) => typeof v === 'string' && !k.startsWith('$')).map(([k, v]) => [k, v as string]))
  const answers = Object.fromEntries(Object.entries(raw).filter(([k]) => k.startsWith('answers.')).map(([k, v]) => [k.slice('answers.'.length), v]))
  const input = { slotId: raw.slotId ?? '', name: raw.name ?? '', email: raw.email ?? '', schoolId: raw.schoolId ?? '', schoolOther: raw.schoolOther ?? '', level: raw.level ?? '', year: raw.year ?? '', answers }
  const l = await getLocale()
  const locale = isLocale(l) ? l : defaultLocale
  const tr = translator(locale)
  try {
    const r = await (await getCaller()).slots.book(input as never)
    const status = r.status === 'PENDING' || r.status === 'WAITLISTED' ? r.status : 'CONFIRMED'
    const format = await getFormatter()
    const vars = {
      position: r.position ?? 0,
      date: r.holdExpiresAt ? format.dateTime(r.holdExpiresAt, { weekday: 'long', day: 'numeric', month: 'long', hour: '2-digit', minute: '2-digit', timeZone: 'Europe/Amsterdam' }) : '',
    }
    return { kind: 'booked', status, title: tr(`slots.book.result.${status}`, vars), body: tr(`slots.book.result.${status}Body`, vars), at: Date.now() }
  } catch (err) {
    const cause = err instanceof TRPCError ? err.cause : err
    let message: string
    let issues: Record<string, string> = {}
    if (cause instanceof ZodError) {
      issues = Object.fromEntries(cause.issues.map((i) => [i.path.join('.'), issueMessage(i, locale)]))
      message = tr('errors.validation')
    } else if (cause instanceof AppError) {
      const full = [`errors.${cause.key}`, cause.key].find((k) => tr.has(k))
      message = full ? tr(full, cause.params) : tr('errors.generic')
    } else if (err instanceof TRPCError && err.code === 'TOO_MANY_REQUESTS') {
      message = tr('errors.rateLimited')
    } else {
      logger.error({ err }, 'public booking failed')
      message = tr('errors.generic') // never leak internals
    }
    return { kind: 'error', message, issues, values: raw }
  }
}
