import clsx from 'clsx'
import type { ReactNode } from 'react'
import { ScrollRegion } from './scroll-region'

export type Column<T> = { key: string; header: ReactNode; cell: (row: T) => ReactNode; className?: string; numeric?: boolean }

/** An accessible data table (caption, scoped headers). */
export function DataTable<T>({ caption, columns, rows, rowKey, empty }: { caption: ReactNode; columns: Column<T>[]; rows: T[]; rowKey: (row: T) => string; empty?: ReactNode }) {
  return (
    // On narrow screens the table scrolls sideways: keyboard users reach the scrolling region (WCAG 2.1.1).
    // `relative`: absolutely positioned content in a cell (an sr-only label) is clipped by this scroller too instead
    // of widening the page (a 390 px phone scrolled the whole slot page sideways to 855 px).
    <ScrollRegion className="rounded-lg border border-slate-300 bg-white" label={typeof caption === 'string' ? caption : undefined}>
      {/* The body cells' padding, alignment and colour are set once here, not on every cell (a long table's page payload
          and DOM carry one class list instead of one per cell); `:where` keeps them below any class a column sets. */}
      <table className="min-w-full divide-y divide-slate-200 text-sm [:where(&>tbody>tr>td)]:px-3 [:where(&>tbody>tr>td)]:py-2 [:where(&>tbody>tr>td)]:align-top [:where(&>tbody>tr>td)]:text-slate-900">
        <caption className="sr-only">{caption}</caption>
        <thead className="bg-slate-100">
          <tr>
            {columns.map((c) => (
              <th key={c.key} scope="col" className={clsx('px-3 py-2 text-left font-semibold text-slate-900', c.numeric && 'text-right', c.className)}>
                {c.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-200">
          {rows.length === 0 ? (
            <tr>
              <td colSpan={columns.length} className="px-3 py-4 text-slate-700">
                {empty}
              </td>
            </tr>
          ) : (
            rows.map((r) => (
              <tr key={rowKey(r)}>
                {columns.map((c) => {
                  const className = clsx(c.numeric && 'text-right tabular-nums', c.className)
                  return (
                    <td key={c.key} {...(className ? { className } : {})}>
                      {c.cell(r)}
                    </td>
                  )
                })}
              </tr>
            ))
          )}
        </tbody>
      </table>
    </ScrollRegion>
  )
}
