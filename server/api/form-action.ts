import 'server-only'
import { TRPCError } from '@trpc/server'
import { cookies } from 'next/headers'
import { getLocale } from 'next-intl/server'
import { ENHANCED_FIELD } from '../lib/enhanced-field.ts'
import { env } from '../env.ts'
import { pickLocale, type Locale } from '../i18n/config.ts'
import { translator, type Translate } from '../i18n/translate.ts'
import { logger } from '../lib/logger.ts'
import { getCaller } from './server.ts'
import { describeError } from './trpc.ts'

type Caller = Awaited<ReturnType<typeof getCaller>>

/** The outcome of a form action's procedure call, with the visitor's locale and its translator for the reply. */
export type FormCall<T> = { locale: Locale; tr: Translate } & ({ ok: true; value: T } | { ok: false; message: string; issues: Record<string, string> })

/**
 * The one way a public page's server action (`app/(public)/…/actions.ts`: forms that work without JavaScript and
 * ship no tRPC client) calls its procedure: through the server-side caller, so the same input schema, rate limit and
 * permission apply as over HTTP. A failure comes back as the message and per-field issues the tRPC endpoint gives
 * (one mapping: describeError, ./trpc.ts), in the visitor's locale; an unexpected error is logged as `what` (the
 * error only, never the form's input: pupils' names and addresses stay out of the log).
 */
export async function callFromForm<T>(what: string, call: (caller: Caller) => Promise<T>): Promise<FormCall<T>> {
  const locale = pickLocale(await getLocale())
  const tr = translator(locale)
  try {
    return { locale, tr, ok: true, value: await call(await getCaller()) }
  } catch (err) {
    const error = err instanceof TRPCError ? err : new TRPCError({ code: 'INTERNAL_SERVER_ERROR', cause: err })
    if (error.code === 'INTERNAL_SERVER_ERROR') logger.error({ err }, what)
    const described = describeError(error, locale)
    return { locale, tr, ok: false, message: described.message, issues: Object.fromEntries((described.issues ?? []).map((i) => [i.path, i.message])) }
  }
}

/** A form's text fields (File entries and React's `$ACTION…` fields left out), as the action re-shows them after an error. */
export function formValues(form: FormData): Record<string, string> {
  return Object.fromEntries([...form.entries()].filter(([k, v]) => typeof v === 'string' && !k.startsWith('$')).map(([k, v]) => [k, v as string]))
}

/**
 * The browser posted the form itself (no JavaScript: no ENHANCED_FIELD, see keepValuesOnSubmit). A public form's
 * action that succeeded then redirects to a page that shows the result (post-redirect-get: a reload there shows the
 * result instead of posting again); with JavaScript it answers with state for the page that stays.
 */
export function postedWithoutScript(form: FormData): boolean {
  return form.get(ENHANCED_FIELD) !== '1'
}

/**
 * What a public form's result page needs to show a result again (after the post-redirect-get, or a reload): kept in
 * a short-lived, httpOnly cookie scoped to the page that shows it. Display data only — no name, no address, never a
 * link's token: whoever reads the cookie learns nothing personal, and the e-mailed link stays the only way in.
 * `encode` must give plain cookie characters; `decode` returns null for anything it did not write.
 */
export type KeptResultCodec<T> = { name: string; encode: (r: T) => string; decode: (value: string | undefined) => T | null; maxAge: (r: T) => number }

/** The one way a public form keeps its result for a page (`path`: the cookie's scope): remember, read, forget. */
export function keptResult<T>(codec: KeptResultCodec<T>) {
  const options = (path: string) => ({ path, httpOnly: true, sameSite: 'lax' as const, secure: env.AUTH_URL?.startsWith('https://') ?? false })
  return {
    remember: async (path: string, r: T): Promise<void> => void (await cookies()).set(codec.name, codec.encode(r), { ...options(path), maxAge: codec.maxAge(r) }),
    /** The result the page's cookie holds (the browser sends it only to that page). */
    read: async (): Promise<T | null> => codec.decode((await cookies()).get(codec.name)?.value),
    forget: async (path: string): Promise<void> => void (await cookies()).delete({ name: codec.name, ...options(path) }),
  }
}
