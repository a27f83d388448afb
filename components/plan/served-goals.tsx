'use client'
import { useQuery } from '@tanstack/react-query'
import { useTranslations } from 'next-intl'
import { useTRPC } from '@/components/trpc/client'
import { GoalLinks } from '@/components/plan/goal-links'

/**
 * Client variant of components/plan/serves-goals.tsx (prefer that server component on server-rendered pages): the
 * goals of plans the viewer may read that link to the item. Renders nothing when there are none or the viewer reads no plan.
 */
export function ServedGoals({ kind, id }: { kind: 'event' | 'programme' | 'budgetLine'; id: string }) {
  const t = useTranslations('plan.links')
  const trpc = useTRPC()
  const goals = useQuery(trpc.plan.servedGoals.queryOptions({ kind, id }, { retry: false }))
  if (!goals.data?.length) return null
  return <GoalLinks label={t('servesGoals')} goals={goals.data} />
}
