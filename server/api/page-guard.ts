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
