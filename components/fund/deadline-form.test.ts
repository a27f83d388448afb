import { createElement } from 'react'
import { renderToStaticMarkup } from 'react-dom/server'
import { NextIntlClientProvider } from 'next-intl'
import { QueryClient, QueryClientProvider } from '@tanstack/react-query'
import { createTRPCClient, httpBatchLink } from '@trpc/client'
import { AppRouterContext, type AppRouterInstance } from 'next/dist/shared/lib/app-router-context.shared-runtime'
import { describe, expect, it } from 'vitest'
import { messages } from '@/server/i18n/messages/index.ts'
import { TRPCProvider } from '@/components/trpc/client'
import type { AppRouter } from '@/server/api/root'
import { transformer } from '@/server/api/transformer'
import { DeadlineForm } from './lifecycle-forms.tsx'

const noop = () => {}
const router = { back: noop, forward: noop, refresh: noop, push: noop, replace: noop, prefetch: noop } as Partial<AppRouterInstance> as AppRouterInstance

/** The grant overview's deadline form as the page renders it (no request is made while rendering). */
function render(locale: 'nl' | 'en', deadline: string | null) {
  const queryClient = new QueryClient()
  const trpcClient = createTRPCClient<AppRouter>({ links: [httpBatchLink({ url: 'http://localhost/api/trpc', transformer })] })
  const form = createElement(DeadlineForm, { grantId: 'grant', year: 2018, deadline })
  return renderToStaticMarkup(
    createElement(
      NextIntlClientProvider,
      { locale, messages: messages[locale], timeZone: 'Europe/Amsterdam' } as unknown as Parameters<typeof NextIntlClientProvider>[0],
      createElement(
        AppRouterContext.Provider,
        { value: router },
        createElement(QueryClientProvider, { client: queryClient }, createElement(TRPCProvider, { trpcClient, queryClient } as Parameters<typeof TRPCProvider>[0], form)),
      ),
    ),
  )
}

describe('the reporting deadline form of a grant year', () => {
  // What the page passes for a stored deadline (FundAllocation.reportDeadline, a date: midnight UTC from Prisma).
  const stored = new Date('2019-03-31T00:00:00Z').toISOString().slice(0, 10)

  it('shows the stored deadline in the UI language’s date form', () => {
    expect(render('nl', stored)).toMatch(/<label for="([^"]+)"[^>]*>Uiterste datum 2018<\/label>.*<input id="\1" type="text"[^>]* value="31-03-2019"\/>/)
    expect(render('en', stored)).toMatch(/<label for="([^"]+)"[^>]*>Deadline 2018<\/label>.*<input id="\1" type="text"[^>]* value="31\/03\/2019"\/>/)
  })

  it('is empty without a deadline', () => {
    expect(render('nl', null)).toMatch(/<input id="[^"]+" type="text"[^>]* value=""\/>/)
  })
})
