import { createElement } from 'react'
import { renderToStaticMarkup } from 'react-dom/server'
import { NextIntlClientProvider } from 'next-intl'
import { describe, expect, it } from 'vitest'
import { messages } from '@/server/i18n/messages/index.ts'
import { RejectForm } from './region-decision.tsx'

describe('the reason of a rejection (event and revision)', () => {
  it('asks for a required reason, then sends the rejection with a danger button', () => {
    const html = renderToStaticMarkup(
      createElement(NextIntlClientProvider, { locale: 'nl', messages: messages.nl, timeZone: 'Europe/Amsterdam' } as unknown as Parameters<typeof NextIntlClientProvider>[0], createElement(RejectForm, { reason: 'dubbel', onReason: () => {}, onSubmit: () => {} })),
    )
    expect(html).toMatch(/^<form class="flex max-w-xl flex-col gap-2">/)
    expect(html).toContain('Reden van afwijzing')
    expect(html).toMatch(/<textarea[^>]*required=""[^>]*>dubbel<\/textarea>/)
    expect(html).toMatch(/<div><button type="submit" class="[^"]*"[^>]*>Afwijzing versturen<\/button><\/div><\/form>$/)
  })
})
