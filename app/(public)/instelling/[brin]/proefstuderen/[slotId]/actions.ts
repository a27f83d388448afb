'use server'
import { TRPCError } from '@trpc/server'
import { getFormatter, getLocale } from 'next-intl/server'
import { getCaller } from '@/server/api/server'
import { describeError } from '@/server/api/trpc'
import { isLocale, defaultLocale } from '@/server/i18n/config'
import { translator } from '@/server/i18n/translate'
import { logger } from '@/server/lib/logger'

/** What the public booking form shows after a submit: the result (translated here), or the issues per field. */
export type BookState =
  | { kind: 'idle' }
  | { kind: 'error'; message: string; issues: Record<string, string>; values: Record<string, string> }
  | { kind: 'booked'; status: 'CONFIRMED' | 'PENDING' | 'WAITLISTED'; title: string; body: string; at: number }

/**
 * The public booking page's form submits here (a server action, no tRPC client in the page): the same procedure
 * (slots.book, its input schema, rate limit and permission) through the server-side caller. Issues come back
 * translated per field by the tRPC error formatter's own mapping (describeError, server/api/trpc.ts), so the form needs no zod, no
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
    // The same messages as the tRPC endpoint gives (one mapping: describeError in server/api/trpc.ts).
    const error = err instanceof TRPCError ? err : new TRPCError({ code: 'INTERNAL_SERVER_ERROR', cause: err })
    if (error.code === 'INTERNAL_SERVER_ERROR') logger.error({ err }, 'public booking failed')
    const described = describeError(error, locale)
    const message = described.message
    const issues = Object.fromEntries((described.issues ?? []).map((i) => [i.path, i.message]))
    return { kind: 'error', message, issues, values: raw }
  }
}
