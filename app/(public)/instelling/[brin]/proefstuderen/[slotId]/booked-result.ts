import 'server-only'
import { getLocale } from 'next-intl/server'
import { z } from 'zod'
import { keptResult } from '@/server/api/form-action'
import { getAppFormatter } from '@/server/i18n/formatter'
import { pickLocale } from '@/server/i18n/config'
import { translator } from '@/server/i18n/translate'
import { HOLD_UNTIL_FORMAT } from '@/server/slots/schema'

/**
 * The pupil's booking result on the public slot page survives a reload (and, without JavaScript, the POST is
 * followed by a redirect, so a reload does not book again): the action keeps what the result panel shows — the
 * status, the waiting-list position, the hold's end, when — in a short-lived, httpOnly cookie scoped to the slot's
 * page, and the page shows it again (the public forms' one mechanism: keptResult, server/api/form-action). No name,
 * no address and never the booking's token: the link in the e-mail stays the only proof of the address (and the only
 * way to manage the booking).
 */
export const BOOKED_COOKIE = 'booked'
/** How long a confirmed or waiting-list result stays; a held place's result goes when the hold ends. */
export const BOOKED_MAX_AGE = 3600

export type BookedStatus = 'CONFIRMED' | 'PENDING' | 'WAITLISTED'
/** What the cookie holds: display data only. `at`: when the booking was made (ms), also what identifies the result. */
export type BookedResult = { status: BookedStatus; position: number | null; holdUntil: number | null; at: number }
/** The result panel's texts, translated. */
export type BookedView = { status: BookedStatus; title: string; body: string; at: number }
/** Which page the result belongs to (the page's own route parameters). */
export type BookedPage = { brin: string; slotId: string }

/** The slot page's path: the cookie's scope and, without JavaScript, where the action redirects to. */
export function bookedPath({ brin, slotId }: BookedPage): string {
  return `/instelling/${encodeURIComponent(brin)}/proefstuderen/${encodeURIComponent(slotId)}`
}

/** `STATUS.position.holdUntil.at` (empty parts for null): plain cookie characters, nothing to encode. */
export function encodeBooked(r: BookedResult): string {
  return [r.status, r.position ?? '', r.holdUntil ?? '', r.at].join('.')
}

const ZBookedCookie = z
  .string()
  .max(64)
  .regex(/^(CONFIRMED|PENDING|WAITLISTED)\.(\d{1,6})?\.(\d{1,15})?\.(\d{1,15})$/)
  .transform((v): BookedResult => {
    const [status, position, holdUntil, at] = v.split('.')
    return { status: status as BookedStatus, position: position ? Number(position) : null, holdUntil: holdUntil ? Number(holdUntil) : null, at: Number(at) }
  })

/** The cookie's value read back; anything else (altered, from an older version) is no result. */
export function decodeBooked(value: string | undefined): BookedResult | null {
  const parsed = ZBookedCookie.safeParse(value)
  return parsed.success ? parsed.data : null
}

/** Seconds the cookie lives: a held place's result until the hold ends (at least a minute), else BOOKED_MAX_AGE. */
export function bookedMaxAge(r: BookedResult, now = Date.now()): number {
  if (r.status !== 'PENDING' || r.holdUntil === null) return BOOKED_MAX_AGE
  return Math.min(BOOKED_MAX_AGE, Math.max(60, Math.ceil((r.holdUntil - now) / 1000)))
}

const kept = keptResult<BookedResult>({ name: BOOKED_COOKIE, encode: encodeBooked, decode: decodeBooked, maxAge: (r) => bookedMaxAge(r) })

export async function rememberBooked(page: BookedPage, r: BookedResult): Promise<void> {
  await kept.remember(bookedPath(page), r)
}

/** The result the page's cookie holds (the browser sends it only to that slot's page). */
export const readBooked = kept.read

export async function forgetBooked(page: BookedPage): Promise<void> {
  await kept.forget(bookedPath(page))
}

/** The result panel's title and body in the visitor's language (the hold's end in the UI language's date form). */
export async function bookedView(r: BookedResult): Promise<BookedView> {
  const tr = translator(pickLocale(await getLocale()), 'slots.book.result')
  const format = await getAppFormatter()
  const vars = { position: r.position ?? 0, date: r.holdUntil !== null ? format.dateTime(new Date(r.holdUntil), HOLD_UNTIL_FORMAT) : '' }
  return { status: r.status, title: tr(r.status, vars), body: tr(`${r.status}Body`, vars), at: r.at }
}
