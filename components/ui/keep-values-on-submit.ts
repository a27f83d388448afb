import { startTransition, type FormEvent } from 'react'

/**
 * For a form whose `action` is a server action: with JavaScript, submits through the action without React's form
 * reset, so what was filled in stays next to the messages of a refused submit (without JavaScript the browser posts
 * the form as usual).
 */
export function keepValuesOnSubmit(dispatch: (data: FormData) => void) {
  return (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault()
    const data = new FormData(e.currentTarget)
    startTransition(() => dispatch(data))
  }
}
