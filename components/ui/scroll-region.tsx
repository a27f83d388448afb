import clsx from 'clsx'
import type { ReactNode } from 'react'

/**
 * A wide table or chart in its own box that scrolls sideways on a narrow screen instead of widening the page (a 360 px
 * phone), reachable and scrollable by keyboard (WCAG 2.1.1; axe scrollable-region-focusable) and, given a label, a
 * named region. `relative`: absolutely positioned content inside (an sr-only label in a cell) is clipped by the box
 * too instead of widening the page. On paper nothing is clipped.
 */
export function ScrollRegion({ label, className, children }: { label?: string; className?: string; children: ReactNode }) {
  return (
    <div className={clsx('relative overflow-x-auto print:overflow-visible', className)} tabIndex={0} role={label ? 'region' : undefined} aria-label={label}>
      {children}
    </div>
  )
}
