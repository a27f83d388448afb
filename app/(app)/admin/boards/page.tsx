import Link from 'next/link'
import { getTranslations } from 'next-intl/server'
import { getActor, getCaller } from '@/server/api/server'
import { guard } from '@/server/api/page-guard'
import { isPlatformAdmin } from '@/server/auth/policy'
import { PageHeader, Card } from '@/components/ui/layout'
import { DataTable } from '@/components/ui/table'
import { BoardForm } from '@/components/tenancy/admin-forms'

export default async function BoardsPage() {
  const [t, tc, actor, caller] = [await getTranslations('admin.boards'), await getTranslations('common'), await getActor(), await getCaller()]
  const boards = await guard(caller.board.list())
  return (
    <>
      <PageHeader title={t('title')} />
      {actor && isPlatformAdmin(actor) ? (
        <Card title={t('new')}>
          <BoardForm />
        </Card>
      ) : null}
      <DataTable
        caption={t('title')}
        rows={boards}
        rowKey={(b) => b.id}
        empty={tc('noResults')}
        columns={[
          { key: 'name', header: t('name'), cell: (b) => (actor && isPlatformAdmin(actor) ? <Link className="text-brand-700 underline" href={`/admin/boards/${b.id}`}>{b.name}</Link> : b.name) },
          { key: 'number', header: t('number'), cell: (b) => <span className="font-mono">{b.number}</span> },
          { key: 'orgs', header: t('organisations'), numeric: true, cell: (b) => b._count.organisations },
        ]}
      />
    </>
  )
}
