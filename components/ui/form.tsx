'use client'
import { TRPCClientError } from '@trpc/client'
import type { FieldValues, Path, UseFormSetError } from 'react-hook-form'
import { useTranslations } from 'next-intl'
import { Alert } from './alert'
import { useFocusWhenNew } from './focus-when-new'

type ErrorData = { issues?: { path: string; message: string }[] }

/**
 * Puts a failed mutation's field issues (already translated by the server) on the form's fields and returns the
 * form-level message. Works for any tRPC error: forbidden, conflict, validation.
 */
export function applyServerError<T extends FieldValues>(error: unknown, setError?: UseFormSetError<T>): string {
  if (error instanceof TRPCClientError) {
    const data = error.data as ErrorData | undefined
    for (const issue of data?.issues ?? []) if (setError && issue.path) setError(issue.path as Path<T>, { message: issue.message })
    return error.message
  }
  return error instanceof Error ? error.message : String(error)
}

/** A failed mutation's field issues (translated by the server) by field path, for forms without react-hook-form. */
export function fieldIssues(error: unknown): Record<string, string> {
  if (!(error instanceof TRPCClientError)) return {}
  return Object.fromEntries(((error.data as ErrorData | undefined)?.issues ?? []).filter((i) => i.path).map((i) => [i.path, i.message]))
}

/**
 * Form-level error / success line. A new one takes focus (./focus-when-new): the control that caused it was disabled
 * while it ran or is gone from the refreshed page, and focus would otherwise fall back to the page.
 */
export function FormStatus({ error, success }: { error?: string | null; success?: string | null }) {
  const t = useTranslations('common')
  const ref = useFocusWhenNew<HTMLDivElement>(error || success)
  if (error) return <Alert tone="error" focusRef={ref}>{error}</Alert>
  if (success) return <Alert tone="success" focusRef={ref}>{success || t('saved')}</Alert>
  return null
}
