'use client'
import { useState } from 'react'
import { useRouter } from 'next/navigation'
import { applyServerError, fieldIssues } from './form'
import { flash } from './flash'

/**
 * For forms without react-hook-form: runs a mutation, then refreshes the server-rendered page; keeps the translated
 * error (with field issues by path) or the success line until the next action, so the feedback stays on screen.
 * `persist`: the control disappears from the refreshed page (a decided proposal), so the success line goes to the
 * page's `<Flash />` (components/ui/flash) instead of the control's own status.
 */
export function useAction({ persist = false }: { persist?: boolean } = {}) {
  const router = useRouter()
  const [error, setError] = useState<string | null>(null)
  const [issues, setIssues] = useState<Record<string, string>>({})
  const [done, setDone] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const run = async (fn: () => Promise<unknown>, success: string) => {
    setError(null)
    setIssues({})
    setDone(null)
    if (persist) flash(null)
    setBusy(true)
    try {
      await fn()
      if (persist) flash(success)
      else setDone(success)
      router.refresh()
      return true
    } catch (e) {
      setError(applyServerError(e))
      setIssues(fieldIssues(e))
      return false
    } finally {
      setBusy(false)
    }
  }
  return { error, issues, done, busy, run, setIssues, setError }
}

type SafeParse<T> = { safeParse: (v: unknown) => { success: true; data: T } | { success: false; error: { issues: { path: PropertyKey[]; message: string }[] } } }

/** Client-side check with the shared schema: field messages (translation keys) by field, or the parsed value. */
export function check<T>(schema: SafeParse<T>, value: unknown, setIssues: (i: Record<string, string>) => void): T | null {
  const r = schema.safeParse(value)
  if (r.success) return r.data
  setIssues(Object.fromEntries(r.error.issues.map((i) => [String(i.path[0] ?? ''), i.message])))
  return null
}
