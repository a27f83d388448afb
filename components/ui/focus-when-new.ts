'use client'
import { useEffect, useRef } from 'react'

/**
 * A field the reader works in — typing, choosing, ticking: taking focus from it would interrupt them, and moving focus
 * when a setting changes is a change of context (WCAG 3.2.2). Buttons are not fields: after one is pressed its
 * result may take focus.
 */
export function isTyping(el: Element | null): boolean {
  if (!el) return false
  const tag = el.tagName
  if (tag === 'TEXTAREA' || tag === 'SELECT') return true
  if (tag === 'INPUT') return !['button', 'submit', 'reset', 'image'].includes((el as HTMLInputElement).type)
  return (el as HTMLElement).isContentEditable === true
}

/**
 * Whether a result takes focus: only a new one (`news` changed since the last render; what the component mounted
 * with is no news, so nothing is focused on a page's first render), only when there is something to show, and
 * never while the reader works in a field (`isTyping`).
 */
export function takesFocus(before: unknown, news: unknown, active: Element | null): boolean {
  return news !== before && !!news && !isTyping(active)
}

/**
 * Moves keyboard and screen-reader focus to what an action's result shows (a message, the heading of a result that
 * replaced the form) when a new result arrives. Without it focus falls back to the page (`<body>`): the submit
 * button was disabled while the request ran, or it is gone from the refreshed page. `news`: what identifies the
 * result (the action's state object, or the message), falsy while there is none. Put the returned ref on the
 * element, with `tabIndex={-1}` so it can take focus.
 */
export function useFocusWhenNew<T extends HTMLElement>(news: unknown) {
  const ref = useRef<T>(null)
  const seen = useRef(news)
  useEffect(() => {
    const before = seen.current
    seen.current = news
    if (ref.current && takesFocus(before, news, document.activeElement)) ref.current.focus()
  }, [news])
  return ref
}
