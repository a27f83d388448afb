import { getFormatter, getTranslations } from 'next-intl/server'
import { getCaller } from '@/server/api/server'
import { guard } from '@/server/api/page-guard'
import { PageHeader } from '@/components/ui/layout'
import { DataTable } from '@/components/ui/table'

function summary(before: unknown, after: unknown): string {
  if (!before || !after || typeof before !== 'object' || typeof after !== 'object') return ''
  const b = before as Record<string, unknown>
  const a = after as Record<string, unknown>
  return Object.keys(a)
    .filter((k) => !['updatedAt', 'createdAt'].includes(k) && typeof a[k] !== 'object' && a[k] !== b[k])
    .map((k) => `${k}: ${String(b[k] ?? '—')} → ${String(a[k] ?? '—')}`)
    .join('; ')
}

export default async function AuditPage() {
  const [t, tc, format, caller] = [await getTranslations('admin.audit'), await getTranslations('common'), await getFormatter(), await getCaller()]
  const entries = await guard(caller.audit.list({ limit: 200 }))
  return (
    <>
      <PageHeader title={t('title')} />
      <DataTable
        caption={t('title')}
        rows={entries}
        rowKey={(e) => e.id}
        empty={tc('noResults')}
        columns={[
          { key: 'at', header: t('at'), cell: (e) => format.dateTime(e.at, { dateStyle: 'short', timeStyle: 'medium' }) },
          { key: 'who', header: t('who'), cell: (e) => e.actor?.email ?? t('system') },
          { key: 'action', header: t('action'), cell: (e) => <span className="font-mono">{e.action}</span> },
          { key: 'entity', header: t('entity'), cell: (e) => `${e.entityType} ${e.entityId.slice(0, 12)}` },
          { key: 'changes', header: t('changes'), cell: (e) => summary(e.before, e.after) },
        ]}
      />
    </>
  )
}
