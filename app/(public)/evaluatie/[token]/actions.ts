'use server'
import { TRPCError } from '@trpc/server'
import { getLocale } from 'next-intl/server'
import { getCaller } from '@/server/api/server'
import { describeError } from '@/server/api/trpc'
import { isLocale, defaultLocale } from '@/server/i18n/config'
import { translator } from '@/server/i18n/translate'
import { logger } from '@/server/lib/logger'

/** What the evaluation form shows after a submit: thanks, or the issues per field (translated here) with what was filled in. */
export type EvaluationState =
  | { kind: 'idle' }
  | { kind: 'done'; message: string }
  | { kind: 'error'; message: string; issues: Record<string, string>; values: Record<string, string>; at: number }

/**
 * The pupil's evaluation form (`/evaluatie/[token]`) submits here (a server action, no tRPC client in the page): the
 * same procedure (participation.evaluate, its input schema and rate limit) through the server-side caller, issues
 * translated per field by the tRPC error formatter's own mapping (describeError, server/api/trpc.ts). Also works
 * without JavaScript.
 */
export async function evaluateAction(_prev: EvaluationState, form: FormData): Promise<EvaluationState> {
  const values = Object.fromEntries([...form.entries()].filter(([k, v]) => typeof v === 'string' && !k.startsWith('$')).map(([k, v]) => [k, v as string]))
  // An unanswered scale is 0: the schema refuses it with the scale's own message.
  const score = (k: string) => (values[k] ? Number(values[k]) : 0)
  const input = { token: values.token ?? '', useful: score('useful'), helpedChoice: score('helpedChoice'), recommend: score('recommend'), comment: values.comment ?? '' }
  const l = await getLocale()
  const locale = isLocale(l) ? l : defaultLocale
  try {
    await (await getCaller()).participation.evaluate(input)
    return { kind: 'done', message: translator(locale)('participation.evaluation.form.thanks') }
  } catch (err) {
    // The same messages as the tRPC endpoint gives (one mapping: describeError in server/api/trpc.ts).
    const error = err instanceof TRPCError ? err : new TRPCError({ code: 'INTERNAL_SERVER_ERROR', cause: err })
    if (error.code === 'INTERNAL_SERVER_ERROR') logger.error({ err }, 'evaluation failed')
    const described = describeError(error, locale)
    const issues = Object.fromEntries((described.issues ?? []).map((i) => [i.path, i.message]))
    return { kind: 'error', message: described.message, issues, values, at: Date.now() }
  }
}
