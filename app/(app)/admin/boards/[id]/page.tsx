import { getTranslations } from 'next-intl/server'
import { forbidden, notFound } from 'next/navigation'
import { getActor, getCaller } from '@/server/api/server'
import { isPlatformAdmin } from '@/server/auth/policy'
import { PageHeader, Card } from '@/components/ui/layout'
import { BoardForm } from '@/components/tenancy/admin-forms'

export default async function EditBoardPage({ params }: { params: Promise<{ id: string }> }) {
  const [{ id }, t, actor, caller] = [await params, await getTranslations('common'), await getActor(), await getCaller()]
  if (!actor || !isPlatformAdmin(actor)) forbidden()
  const board = (await caller.board.list()).find((b) => b.id === id)
  if (!board) notFound()
  return (
    <>
      <PageHeader title={board.name} />
      <Card title={t('edit')}>
        <BoardForm board={{ id: board.id, name: board.name, number: board.number }} />
      </Card>
    </>
  )
}
