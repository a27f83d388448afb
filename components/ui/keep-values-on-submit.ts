import { startTransition, type FormEvent } from 'react'
import { ENHANCED_FIELD } from '@/server/lib/enhanced-field'

/**
 * For a form whose `action` is a server action: with JavaScript, submits through `dispatch` with ENHANCED_FIELD set,
 * without React's form reset, so what was filled in stays next to the messages of a refused submit; `before` runs
 * first. Without JavaScript the browser posts the form as usual.
 */
export function keepValuesOnSubmit(dispatch: (data: FormData) => unknown, before?: () => void) {
  return (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault()
    const data = new FormData(e.currentTarget)
    data.set(ENHANCED_FIELD, '1')
    before?.()
    startTransition(() => void dispatch(data))
  }
}
