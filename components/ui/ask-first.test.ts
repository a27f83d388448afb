import { createElement } from 'react'
import { renderToStaticMarkup } from 'react-dom/server'
import { describe, expect, it } from 'vitest'
import { AskFirstButton, AskFirstResult } from './ask-first.tsx'
import { askedFor, askIntent } from './ask-first-state.ts'

const labels = { label: 'Afmelden', question: 'Weet je het zeker?', yes: 'Ja, afmelden', keep: 'Nee, houden', intent: 'cancel', pending: false, setAsking: () => {} }

describe('asking first (link pages)', () => {
  it('a danger button that asks (intent "ask:<question>" without JavaScript), then the question with the intent and a way back', () => {
    const closed = renderToStaticMarkup(createElement(AskFirstButton, { ...labels, asking: null }))
    expect(closed).toMatch(/^<button type="submit" class="[^"]*bg-red-700[^"]*" value="ask:cancel" name="intent">Afmelden<\/button>$/)
    const open = renderToStaticMarkup(createElement(AskFirstButton, { ...labels, asking: 'cancel' }))
    expect(open).toMatch(/^<div role="group" aria-label="Afmelden"/)
    expect(open).toContain('Weet je het zeker?')
    expect(open).toMatch(/value="cancel"[^>]*>Ja, afmelden<\/button>/)
    expect(open).toMatch(/value="keep"[^>]*>Nee, houden<\/button>/)
  })

  it('more than one button can ask: each opens only its own question (one per offered seat with `id`)', () => {
    const decline = { ...labels, label: 'Afslaan', question: 'Plek afslaan?', intent: 'decline', variant: 'secondary' as const }
    // another question is open: this one stays a button (in its own style), asking its own question without JavaScript
    const closed = renderToStaticMarkup(createElement(AskFirstButton, { ...decline, id: 'decline:seat-1', asking: 'cancel' }))
    expect(closed).toMatch(/^<button type="submit" class="[^"]*border-slate-400[^"]*" value="ask:decline:seat-1" name="intent">Afslaan<\/button>$/)
    expect(renderToStaticMarkup(createElement(AskFirstButton, { ...decline, id: 'decline:seat-1', asking: 'decline:seat-2' }))).not.toContain('Plek afslaan?')
    const open = renderToStaticMarkup(createElement(AskFirstButton, { ...decline, id: 'decline:seat-1', asking: 'decline:seat-1' }))
    expect(open).toContain('Plek afslaan?')
    expect(open).toMatch(/value="decline"[^>]*>Ja, afmelden<\/button>/)
  })

  it('the server opens the question a button asked (without JavaScript), and only for an "ask:" intent', () => {
    expect(askIntent('decline:seat-1')).toBe('ask:decline:seat-1')
    expect(askedFor('ask:decline:seat-1')).toMatchObject({ kind: 'asking', question: 'decline:seat-1' })
    expect(askedFor('ask:cancel')).toMatchObject({ kind: 'asking', question: 'cancel' })
    for (const other of ['ask', 'ask:', 'cancel', 'decline', 'keep', '']) expect(askedFor(other)).toBeNull()
  })

  it('shows an error or a success (focusable, it takes focus when it arrives), nothing before the first answer or while asking', () => {
    expect(renderToStaticMarkup(createElement(AskFirstResult, { state: { kind: 'idle' } }))).toBe('')
    expect(renderToStaticMarkup(createElement(AskFirstResult, { state: { kind: 'asking', question: 'cancel', at: 1 } }))).toBe('')
    expect(renderToStaticMarkup(createElement(AskFirstResult, { state: { kind: 'error', message: 'Mis', at: 1 } }))).toMatch(/^<div role="alert" tabindex="-1"[^>]*>Mis<\/div>$/)
    expect(renderToStaticMarkup(createElement(AskFirstResult, { state: { kind: 'done', message: 'Gelukt', at: 1 } }))).toMatch(/^<div role="status" tabindex="-1"[^>]*>Gelukt<\/div>$/)
  })
})
