'use client'
import { useSyncExternalStore } from 'react'
import { usePathname } from 'next/navigation'
import { FormStatus } from './form'

/**
 * A success message that outlives the control that caused it: approving or withdrawing a proposal removes the item
 * (and its buttons) from the refreshed page, so its own status line would vanish with it. `flash()` keeps the text
 * for the page it was given on (module state survives `router.refresh()`); `<Flash />`, placed where the page stays
 * mounted, shows it until the next action or another page.
 */
type Flashed = { text: string; path: string } | null
let current: Flashed = null
const listeners = new Set<() => void>()

export function flash(text: string | null, path = typeof window === 'undefined' ? '' : window.location.pathname) {
  current = text ? { text, path } : null
  for (const l of listeners) l()
}

const subscribe = (l: () => void) => {
  listeners.add(l)
  return () => void listeners.delete(l)
}

export function Flash() {
  const path = usePathname()
  const shown = useSyncExternalStore(subscribe, () => current, () => null)
  return <FormStatus success={shown && shown.path === path ? shown.text : null} />
}
