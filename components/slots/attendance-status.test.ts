import { createElement, type ReactElement } from 'react'
import { renderToStaticMarkup } from 'react-dom/server'
import { NextIntlClientProvider } from 'next-intl'
import { describe, expect, it } from 'vitest'
import { messages } from '@/server/i18n/messages/index.ts'
import { SavedStatus } from './actions.tsx'

/**
 * Recording attendance saves on change; the select keeps focus (WCAG 3.2.2), so the confirmation is a polite status
 * beside it. The live region is there before anything is saved: a screen reader announces a change of its text.
 */
const render = (node: ReactElement) => renderToStaticMarkup(createElement(NextIntlClientProvider, { locale: 'nl', messages: messages.nl, timeZone: 'Europe/Amsterdam' } as unknown as Parameters<typeof NextIntlClientProvider>[0], node))

describe('attendance: a visible, announced confirmation per row', () => {
  it('an empty polite status before a save, the translated "saved" after it, an error as an alert', () => {
    expect(render(createElement(SavedStatus, { status: {} }))).toMatch(/^<span role="status"[^>]*><\/span>$/)
    const saved = render(createElement(SavedStatus, { status: { success: messages.nl.slots.attendance.saved } }))
    expect(saved).toMatch(/^<span role="status"[^>]*>.*Opgeslagen<\/span>$/)
    expect(saved).not.toContain('role="alert"')
    const failed = render(createElement(SavedStatus, { status: { error: 'Aanwezigheid registreer je na afloop van de dag.' } }))
    expect(failed).toContain('<span role="status"')
    expect(failed).toContain('Aanwezigheid registreer je na afloop van de dag.')
    expect(failed).not.toContain('Opgeslagen')
  })

  it('the confirmation is translated', () => {
    expect(messages.nl.slots.attendance.saved).toBe('Opgeslagen')
    expect(messages.en.slots.attendance.saved).toBe('Saved')
  })
})
