'use client'
import { useState } from 'react'
import { useRouter } from 'next/navigation'
import { applyServerError, fieldIssues } from '@/components/ui/form'

/** Runs a mutation, then refreshes the server-rendered page; keeps the translated error, field issues or a success line. */
export function useAction() {
  const router = useRouter()
  const [error, setError] = useState<string | null>(null)
  const [issues, setIssues] = useState<Record<string, string>>({})
  const [done, setDone] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const run = async (fn: () => Promise<unknown>, success: string) => {
    setError(null)
    setIssues({})
    setDone(null)
    setBusy(true)
    try {
      await fn()
      setDone(success)
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
  return { error, issues, done, busy, run }
}
