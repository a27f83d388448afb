import 'server-only'
import { TRPCError } from '@trpc/server'
import { getLocale } from 'next-intl/server'
import { defaultLocale, isLocale, type Locale } from '../i18n/config.ts'
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
  const l = await getLocale()
  const locale = isLocale(l) ? l : defaultLocale
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
