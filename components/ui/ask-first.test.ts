import { createElement } from 'react'
import { renderToStaticMarkup } from 'react-dom/server'
import { describe, expect, it } from 'vitest'
import { AskFirstButton, AskFirstResult } from './ask-first.tsx'

const labels = { label: 'Afmelden', question: 'Weet je het zeker?', yes: 'Ja, afmelden', keep: 'Nee, houden', intent: 'cancel', pending: false, setAsking: () => {} }

describe('asking first (link pages)', () => {
  it('a danger button that asks (intent "ask" without JavaScript), then the question with the intent and a way back', () => {
    const closed = renderToStaticMarkup(createElement(AskFirstButton, { ...labels, asking: false }))
    expect(closed).toMatch(/^<button type="submit" class="[^"]*bg-red-700[^"]*" value="ask" name="intent">Afmelden<\/button>$/)
    const open = renderToStaticMarkup(createElement(AskFirstButton, { ...labels, asking: true }))
    expect(open).toMatch(/^<div role="group" aria-label="Afmelden"/)
    expect(open).toContain('Weet je het zeker?')
    expect(open).toMatch(/value="cancel"[^>]*>Ja, afmelden<\/button>/)
    expect(open).toMatch(/value="keep"[^>]*>Nee, houden<\/button>/)
  })

  it('shows an error or a success, nothing before the first answer or while asking', () => {
    expect(renderToStaticMarkup(createElement(AskFirstResult, { state: { kind: 'idle' } }))).toBe('')
    expect(renderToStaticMarkup(createElement(AskFirstResult, { state: { kind: 'asking', at: 1 } }))).toBe('')
    expect(renderToStaticMarkup(createElement(AskFirstResult, { state: { kind: 'error', message: 'Mis', at: 1 } }))).toContain('Mis')
    expect(renderToStaticMarkup(createElement(AskFirstResult, { state: { kind: 'done', message: 'Gelukt', at: 1 } }))).toContain('Gelukt')
  })
})
