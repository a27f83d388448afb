import { createElement } from 'react'
import { renderToStaticMarkup } from 'react-dom/server'
import { describe, expect, it } from 'vitest'
import { isTyping, takesFocus } from './focus-when-new.ts'
import { Alert } from './alert.tsx'

const el = (tagName: string, extra: Record<string, unknown> = {}) => ({ tagName, ...extra }) as unknown as Element

describe('an action’s result takes focus', () => {
  it('only a new result, never what a component first shows (a page’s first render), nor an empty one', () => {
    const state = { kind: 'error', message: 'Controleer de ingevulde gegevens.' }
    expect(takesFocus(state, state, null)).toBe(false) // mounted with it, or re-rendered: no news
    expect(takesFocus(null, state, null)).toBe(true)
    expect(takesFocus(state, { ...state }, el('BUTTON'))).toBe(true) // the same message again after a second submit
    expect(takesFocus(state, null, null)).toBe(false)
    expect(takesFocus(null, 'Opgeslagen', el('BODY'))).toBe(true)
  })

  it('never from a field the reader works in (typing, choosing, ticking)', () => {
    expect(takesFocus(null, 'Opgeslagen', el('INPUT', { type: 'text' }))).toBe(false)
    expect(takesFocus(null, 'Opgeslagen', el('TEXTAREA'))).toBe(false)
    expect(takesFocus(null, 'Opgeslagen', el('SELECT'))).toBe(false)
    expect(takesFocus(null, 'Opgeslagen', el('INPUT', { type: 'checkbox' }))).toBe(false) // a setting that saves itself
    expect(takesFocus(null, 'Opgeslagen', el('INPUT', { type: 'radio' }))).toBe(false)
    expect(isTyping(el('INPUT', { type: 'submit' }))).toBe(false)
    expect(isTyping(el('DIV', { isContentEditable: true }))).toBe(true)
    expect(isTyping(el('DIV', { isContentEditable: false }))).toBe(false)
  })

  it('a message box can take focus only when it is an action’s result', () => {
    expect(renderToStaticMarkup(createElement(Alert, { tone: 'info' }, 'Let op'))).not.toContain('tabindex')
    expect(renderToStaticMarkup(createElement(Alert, { tone: 'success', focusRef: { current: null } }, 'Gelukt'))).toMatch(/^<div role="status" tabindex="-1"/)
  })
})
