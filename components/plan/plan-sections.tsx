import type { ReactNode } from 'react'
import { Card } from '@/components/ui/layout'

/** A card of a list of `<li>`s (`ol` when `ordered`), with the `none` text above the list while it is empty; `footer` below it. */
export function ListCard({ title, none, empty, ordered = false, footer, children }: { title: string; none: string; empty: boolean; ordered?: boolean; footer?: ReactNode; children: ReactNode }) {
  const List = ordered ? 'ol' : 'ul'
  return (
    <Card title={title}>
      {empty ? <p className="text-sm text-slate-700">{none}</p> : null}
      <List className="flex flex-col gap-3">{children}</List>
      {footer}
    </Card>
  )
}

/** A form to add something, folded away behind its `label`. */
export function AddDisclosure({ label, children }: { label: string; children: ReactNode }) {
  return (
    <details className="mt-3">
      <summary className="cursor-pointer font-medium text-brand-700">{label}</summary>
      <div className="mt-2">{children}</div>
    </details>
  )
}
