import { useTranslations } from 'next-intl'
import { DataTable } from '@/components/ui/table'
import type { ReachRow } from '@/server/participation/reach'
import { intlLocale } from '@/server/i18n/config'

/** How a (possibly masked) count is written: the number, "≤5", "x" (secondary suppression) or "—" (any other marker). */
function cell(v: ReachRow['pupils'], threshold: number): string {
  return typeof v === 'number' ? String(v) : v === 'suppressed' ? `≤${threshold}` : v === 'hidden' ? 'x' : '—'
}

/** The reach report as an accessible table: school, level, leerjaar, kind, pupils and the shares with ≥ 1, 2, 3+ activities. */
export function ReachTable({ rows, threshold, caption, locale }: { rows: ReachRow[]; threshold: number; caption: string; locale: 'nl' | 'en' }) {
  const t = useTranslations('participation')
  const tAll = useTranslations()
  const pct = (p: number | null) => (p === null ? '' : ` (${new Intl.NumberFormat(intlLocale(locale), { maximumFractionDigits: 1 }).format(p)}%)`)
  return (
    <DataTable
        caption={caption}
        rows={rows}
        rowKey={(r) => `${r.schoolId ?? 'total'}|${r.level}|${r.year}|${r.kind}`}
        empty={t('reach.empty')}
        columns={[
          { key: 'school', header: t('school'), cell: (r) => r.school ?? t('reach.regionTotal') },
          { key: 'level', header: t('table.level'), cell: (r) => tAll(`slots.pupilLevels.${r.level}`) },
          { key: 'year', header: t('table.year'), cell: (r) => r.year, numeric: true },
          { key: 'kind', header: t('reach.kind'), cell: (r) => t(`reach.kinds.${r.kind}`) },
          { key: 'pupils', header: t('reach.pupils'), cell: (r) => cell(r.pupils, threshold), numeric: true },
          { key: 'a1', header: t('reach.atLeast1'), cell: (r) => cell(r.atLeast1, threshold) + pct(r.pct1), numeric: true },
          { key: 'a2', header: t('reach.atLeast2'), cell: (r) => cell(r.atLeast2, threshold) + pct(r.pct2), numeric: true },
          { key: 'a3', header: t('reach.atLeast3'), cell: (r) => cell(r.atLeast3, threshold) + pct(r.pct3), numeric: true },
        ]}
      />
  )
}
