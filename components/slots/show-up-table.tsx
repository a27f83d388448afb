import { getTranslations } from 'next-intl/server'
import { getAppFormatter } from '@/server/i18n/formatter'
import { DataTable } from '@/components/ui/table'

type Row = { key: string; name: string; present: number; absent: number; showUpRate: number | null }

/** Show-up (present / (present + absent)) per programme or per school. */
export async function ShowUpTable({ rows, caption, nameHeader }: { rows: Row[]; caption: string; nameHeader: string }) {
  const [t, format] = [await getTranslations('slots'), await getAppFormatter()]
  return (
    <DataTable
      caption={caption}
      rows={rows}
      rowKey={(r) => r.key}
      empty={t('school.none')}
      columns={[
        { key: 'name', header: nameHeader, cell: (r) => r.name },
        { key: 'present', header: t('admin.present'), numeric: true, cell: (r) => r.present },
        { key: 'absent', header: t('admin.absent'), numeric: true, cell: (r) => r.absent },
        { key: 'rate', header: t('admin.rate'), numeric: true, cell: (r) => (r.showUpRate === null ? '—' : format.number(r.showUpRate, { style: 'percent', maximumFractionDigits: 1 })) },
      ]}
    />
  )
}
