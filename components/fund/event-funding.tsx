import Link from 'next/link'
import { TRPCError } from '@trpc/server'
import { getTranslations } from 'next-intl/server'
import { getActor, getCaller } from '@/server/api/server'
import { holdsAction } from '@/server/auth/policy'
import { Card } from '@/components/ui/layout'

/**
 * On a calendar event's page: the budget lines of the regional fund that pay for the event, for users who may read
 * the fund (coordinators of the line's region, reporters of its boards). Renders nothing for anyone else.
 */
export async function EventFunding({ eventId }: { eventId: string }) {
  const actor = await getActor()
  if (!actor || !holdsAction(actor, 'fund.read')) return null
  // An event outside the regions whose fund the actor reads is FORBIDDEN: then there is nothing to show here.
  const lines = await (await getCaller()).fund.eventFunding({ eventId }).catch((err: unknown) => {
    if (err instanceof TRPCError && err.code === 'FORBIDDEN') return []
    throw err
  })
  if (!lines.length) return null
  const t = await getTranslations('fund.funding')
  return (
    <Card title={t('title')}>
      <ul className="flex flex-col gap-1 text-sm" data-testid="event-funding">
        {lines.map((l) => (
          <li key={l.id}>
            <Link className="text-brand-700 underline" href={`/fonds/${l.grant.id}`}>
              {t('line', { activity: l.activity, year: String(l.year), fund: l.grant.fundName })}
            </Link>
          </li>
        ))}
      </ul>
    </Card>
  )
}
