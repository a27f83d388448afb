'use client'
import Link from 'next/link'
import { useQuery } from '@tanstack/react-query'
import { useTranslations } from 'next-intl'
import { useTRPC } from '@/components/trpc/client'

/**
 * "Serves goals: …" for another domain's page (an event, a slot programme, a budget line): the goals of plans the
 * viewer may read that link to it. Renders nothing when there are none or the viewer reads no plan.
 */
export function ServedGoals({ kind, id }: { kind: 'event' | 'programme' | 'budgetLine'; id: string }) {
  const t = useTranslations('plan.links')
  const trpc = useTRPC()
  const goals = useQuery(trpc.plan.servedGoals.queryOptions({ kind, id }, { retry: false }))
  if (!goals.data?.length) return null
  return (
    <p className="text-sm">
      {t('servesGoals')}:{' '}
      {goals.data.map((g, i) => (
        <span key={g.id}>
          {i > 0 ? ', ' : ''}
          <Link className="text-brand-700 underline" href={`/plan/${g.planId}/doel/${g.id}`}>
            {g.title}
          </Link>
        </span>
      ))}
    </p>
  )
}
