import 'server-only'
import { z } from 'zod'
import { keptResult } from '@/server/api/form-action'

/**
 * Without JavaScript the public registration form's POST is followed by a redirect to the result page
 * (`registeredPath`, post-redirect-get: a reload there shows the result instead of registering again). The action
 * keeps what that page shows — registered or on the waiting list, and when — in a short-lived, httpOnly cookie scoped
 * to it (the public forms' one mechanism: keptResult, server/api/form-action, as the slot booking's result). No name,
 * no address and never the registration's token: the e-mailed link stays the only way to the registration.
 */
export const REGISTERED_COOKIE = 'registered'
/** How long the result page shows the result. */
export const REGISTERED_MAX_AGE = 3600

/** `waitlisted`: every picked session is full (the registrant waits); `at`: when (ms). */
export type RegisteredResult = { waitlisted: boolean; at: number }

/** The registration form's own page. */
export const registerPath = (eventId: string) => `/aanmelden/${encodeURIComponent(eventId)}`
/** The result page: the cookie's scope and, without JavaScript, where the action redirects to. */
export const registeredPath = (eventId: string) => `${registerPath(eventId)}/aangemeld`

/** The result's message (registration.form.*): the one choice for the form's answer and the result page. */
export const registeredMessage = (r: Pick<RegisteredResult, 'waitlisted'>) => (r.waitlisted ? 'waitlisted' : 'done') as 'waitlisted' | 'done'

/** `WAITLISTED.at` or `REGISTERED.at`: plain cookie characters. */
export const encodeRegistered = (r: RegisteredResult) => `${r.waitlisted ? 'WAITLISTED' : 'REGISTERED'}.${r.at}`

const ZRegisteredCookie = z
  .string()
  .max(32)
  .regex(/^(REGISTERED|WAITLISTED)\.\d{1,15}$/)
  .transform((v): RegisteredResult => ({ waitlisted: v.startsWith('WAITLISTED.'), at: Number(v.slice(v.indexOf('.') + 1)) }))

/** The cookie's value read back; anything else (altered, foreign) is no result. */
export function decodeRegistered(value: string | undefined): RegisteredResult | null {
  const parsed = ZRegisteredCookie.safeParse(value)
  return parsed.success ? parsed.data : null
}

const kept = keptResult<RegisteredResult>({ name: REGISTERED_COOKIE, encode: encodeRegistered, decode: decodeRegistered, maxAge: () => REGISTERED_MAX_AGE })

export async function rememberRegistered(eventId: string, r: RegisteredResult): Promise<void> {
  await kept.remember(registeredPath(eventId), r)
}

/** The result the result page's cookie holds (the browser sends it only to that page). */
export const readRegistered = kept.read
