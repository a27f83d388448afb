import type { ReactNode } from 'react'
import { NextIntlClientProvider } from 'next-intl'
import { TrpcReactProvider } from '@/components/trpc/provider'
import { ZodLocale } from './zod-locale'

/**
 * What client forms need around them: next-intl's client provider (the page's messages), the tRPC/react-query
 * client and zod's message locale. The signed-in layout mounts them; a public page only around its form, so
 * public pages without one ship none of them (first-load JavaScript budget, README).
 */
export function FormProviders({ children }: { children: ReactNode }) {
  return (
    <NextIntlClientProvider>
      <ZodLocale />
      <TrpcReactProvider>{children}</TrpcReactProvider>
    </NextIntlClientProvider>
  )
}
