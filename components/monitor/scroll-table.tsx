import type { ComponentProps } from 'react'
import { DataTable } from '@/components/ui/table'
import { ScrollRegion } from '@/components/ui/scroll-region'

/**
 * A DataTable inside a keyboard-focusable, labelled region: on a 360 px screen the monitor's wide tables scroll
 * horizontally, and a scrollable region must be reachable by keyboard (WCAG 2.1.1; axe scrollable-region-focusable).
 */
export function ScrollTable<T>(props: ComponentProps<typeof DataTable<T>> & { label: string }) {
  const { label, ...table } = props
  return (
    // The focusable wrapper is the scroll container; the inner table's own overflow never engages.
    <ScrollRegion label={label} className="[&>div]:min-w-max [&>div]:overflow-visible">
      <DataTable {...table} />
    </ScrollRegion>
  )
}
