import { startTransition, type FormEvent } from 'react'

/**
 * The field a form adds when JavaScript sends it (`submitEnhanced`): its server action then answers with state for
 * the page that stays; without it (the browser posted the form itself) the action redirects, so a reload of the page
 * it lands on does not post again. Shared by the public booking form and its actions (no 'use client', no server-only).
 */
export const ENHANCED_FIELD = 'enhanced'

/**
 * For a form whose `action` is a server action: with JavaScript, submits through `dispatch` with ENHANCED_FIELD set,
 * without React's form reset (what was filled in stays next to a refused submit's messages); `before` runs first.
 * Without JavaScript the browser posts the form as usual.
 */
export function submitEnhanced(dispatch: (data: FormData) => unknown, before?: () => void) {
  return (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault()
    const data = new FormData(e.currentTarget)
    data.set(ENHANCED_FIELD, '1')
    before?.()
    startTransition(() => void dispatch(data))
  }
}
