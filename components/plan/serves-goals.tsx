import { getTranslations } from 'next-intl/server'
import { getActor, getCaller } from '@/server/api/server'
import { holdsAction } from '@/server/auth/policy'
import { GoalLinks } from '@/components/plan/goal-links'

/**
 * Server component for another domain's page (a calendar event, a slot programme, a fund budget line): the goals
 * of the regional plans it serves, each linked to its goal page — only goals of plans the viewer may read
 * (server/plan/access.ts `readablePlansWhere`). Renders nothing when there are none, or for a viewer who reads no plan.
 *   <ServesGoals kind="programme" id={slot.programme.id} />
 */
export async function ServesGoals({ kind, id }: { kind: 'event' | 'programme' | 'budgetLine'; id: string }) {
  const actor = await getActor()
  if (!actor || !holdsAction(actor, 'plan.read')) return null
  const goals = await (await getCaller()).plan.servedGoals({ kind, id })
  if (!goals.length) return null
  return <GoalLinks label={(await getTranslations('plan.links'))('servesGoals')} goals={goals} />
}
