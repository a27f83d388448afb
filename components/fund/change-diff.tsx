import { getTranslations } from 'next-intl/server'
import { DataTable } from '@/components/ui/table'
import type { DiffEntry } from '@/server/fund/budget'
import { moneyFormatter } from './money'

/**
 * What a budget change does, one row per change: the line or year, what changes, before → after, and the difference
 * in words (an amount up or down, boards added and removed, a line closed or added, allocation moved).
 */
export async function ChangeDiff({ diff, boards, caption }: { diff: DiffEntry[]; boards: { id: string; name: string }[]; caption: string }) {
  const [t, money] = [await getTranslations('fund.budget'), await moneyFormatter()]
  const boardName = new Map(boards.map((b) => [b.id, b.name]))
  const names = (ids: string[]) => ids.map((id) => boardName.get(id) ?? '?').join(', ')
  const signed = (cents: number) => (cents > 0 ? `+ ${money(cents)}` : cents < 0 ? `− ${money(-cents)}` : money(0))
  const value = (d: DiffEntry, v: DiffEntry['before']) => {
    if (v === null || v === undefined) return '—'
    if (d.field === 'boardIds') return names(v as string[])
    if (d.field === 'closed') return v ? t('lineClosed') : t('lineOpen')
    return money(v as number)
  }
  const difference = (d: DiffEntry) => {
    switch (d.field) {
      case 'amountCents':
      case 'allocationCents':
        return signed((d.after as number) - ((d.before as number | null) ?? 0))
      case 'added':
        return t('diff.added', { amount: money(d.after as number) })
      case 'closed':
        return t('diff.closed')
      case 'boardIds': {
        const [before, after] = [d.before as string[], d.after as string[]]
        const added = after.filter((id) => !before.includes(id))
        const removed = before.filter((id) => !after.includes(id))
        return [added.length ? t('diff.boardsAdded', { names: names(added) }) : '', removed.length ? t('diff.boardsRemoved', { names: names(removed) }) : ''].filter(Boolean).join('; ') || t('diff.noBoardChange')
      }
    }
  }
  return (
    <DataTable
      caption={caption}
      rows={diff.map((d, i) => ({ ...d, i }))}
      rowKey={(d) => String(d.i)}
      columns={[
        { key: 'item', header: t('item'), cell: (d) => (d.kind === 'allocation' ? t('allocationOf', { year: String(d.year) }) : `${d.year} · ${d.activity ?? ''}`) },
        { key: 'field', header: t('field'), cell: (d) => t(`fields.${d.field}`) },
        { key: 'before', header: t('before'), cell: (d) => value(d, d.before) },
        { key: 'after', header: t('after'), cell: (d) => value(d, d.after) },
        { key: 'difference', header: t('difference'), cell: (d) => difference(d) },
      ]}
    />
  )
}
