import 'server-only'
import { TRPCError } from '@trpc/server'
import { forbidden, notFound, unauthorized } from 'next/navigation'

/**
 * For server components: runs a tRPC call and turns FORBIDDEN / NOT_FOUND / UNAUTHORIZED into Next's 403, 404 and
 * 401 responses, so another tenant's page is a real 403 — never an empty page or a 500.
 */
export async function guard<T>(call: Promise<T>): Promise<T> {
  try {
    return await call
  } catch (err) {
    if (err instanceof TRPCError) {
      if (err.code === 'FORBIDDEN') forbidden()
      if (err.code === 'NOT_FOUND' || err.code === 'BAD_REQUEST') notFound()
      if (err.code === 'UNAUTHORIZED') unauthorized()
    }
    throw err
  }
}

/**
 * For public pages behind an e-mailed link: a wrong, expired, revoked or purged token (NOT_FOUND / BAD_REQUEST) and a
 * rate-limited caller get a message on the page (components/ui/token-problem.tsx), not an error page.
 */
export async function tokenView<T>(call: Promise<T>): Promise<{ value: T } | { problem: 'invalid' | 'rateLimited' }> {
  try {
    return { value: await call }
  } catch (err) {
    if (err instanceof TRPCError) {
      if (err.code === 'TOO_MANY_REQUESTS') return { problem: 'rateLimited' }
      if (err.code === 'NOT_FOUND' || err.code === 'BAD_REQUEST') return { problem: 'invalid' }
    }
    throw err
  }
}

/**
 * A public page's server-side read: NOT_FOUND / BAD_REQUEST are the 404 page, and a client over the public rate
 * limit gets `null` — the page then shows the translated "too many requests" message (components/ui/token-problem.tsx)
 * instead of its content, never an error page (a 500).
 */
export async function publicRead<T>(call: Promise<T>): Promise<T | null> {
  try {
    return await call
  } catch (err) {
    if (err instanceof TRPCError) {
      if (err.code === 'TOO_MANY_REQUESTS') return null
      if (err.code === 'NOT_FOUND' || err.code === 'BAD_REQUEST') notFound()
    }
    throw err
  }
}
