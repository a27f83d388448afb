import { TRPCError } from '@trpc/server'
import { notFound } from 'next/navigation'
import { getTranslations } from 'next-intl/server'
import type { ReactNode } from 'react'
import { Alert } from '@/components/ui/alert'

/** Runs a server-side tRPC call for a page: NOT_FOUND → 404 page, FORBIDDEN → a translated message, never a 500. */
export async function guarded<T>(load: () => Promise<T>, render: (data: T) => ReactNode | Promise<ReactNode>): Promise<ReactNode> {
  let data: T
  try {
    data = await load()
  } catch (err) {
    if (err instanceof TRPCError && err.code === 'NOT_FOUND') notFound()
    if (err instanceof TRPCError && (err.code === 'FORBIDDEN' || err.code === 'BAD_REQUEST')) {
      const t = await getTranslations('errors')
      return <Alert tone="error">{t('forbidden')}</Alert>
    }
    throw err
  }
  return render(data)
}
