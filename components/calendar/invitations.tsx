'use client'
import { useState } from 'react'
import Link from 'next/link'
import { useRouter } from 'next/navigation'
import { useMutation } from '@tanstack/react-query'
import { useTranslations } from 'next-intl'
import { useTRPC } from '@/components/trpc/client'
import { Button } from '@/components/ui/button'
import { DataTable } from '@/components/ui/table'
import { applyServerError, FormStatus } from '@/components/ui/form'

export type InvitationRow = { eventId: string; title: string; when: string; organisationId: string; organisation: string; organisers: string }

/** Accepting or declining (after confirming) an invitation to co-organise, with the message that stays afterwards. */
function useRespond() {
  const t = useTranslations('calendar.invitations')
  const router = useRouter()
  const respond = useMutation(useTRPC().calendar.respondToInvitation.mutationOptions())
  const [status, setStatus] = useState<{ error?: string; success?: string }>({})
  async function run(r: Pick<InvitationRow, 'eventId' | 'title' | 'organisationId' | 'organisation'>, accept: boolean) {
    const names = { title: r.title, organisation: r.organisation }
    if (!accept && !window.confirm(t('confirmDecline', names))) return
    setStatus({})
    try {
      const res = await respond.mutateAsync({ id: r.eventId, organisationId: r.organisationId, accept })
      setStatus({ success: t(!accept ? 'declined' : res.revised ? 'acceptedPending' : 'accepted', names) })
      router.refresh()
    } catch (err) {
      setStatus({ error: applyServerError(err) })
    }
  }
  return { run, status, busy: respond.isPending }
}

function Buttons({ row, run, busy }: { row: InvitationRow; run: (r: InvitationRow, accept: boolean) => Promise<void>; busy: boolean }) {
  const t = useTranslations('calendar.invitations')
  const names = { title: row.title, organisation: row.organisation }
  return (
    <span className="flex flex-wrap gap-2">
      <Button aria-label={t('acceptLabel', names)} disabled={busy} onClick={() => run(row, true)}>
        {t('accept')}
      </Button>
      <Button variant="danger" aria-label={t('declineLabel', names)} disabled={busy} onClick={() => run(row, false)}>
        {t('decline')}
      </Button>
    </span>
  )
}

/** The open invitations of the actor's organisations (manage page). */
export function InvitationList({ rows }: { rows: InvitationRow[] }) {
  const t = useTranslations('calendar.invitations')
  const { run, status, busy } = useRespond()
  return (
    <div className="flex flex-col gap-3">
      <p className="text-sm text-slate-700">{t('intro')}</p>
      <FormStatus error={status.error} success={status.success} />
      <DataTable
        caption={t('caption')}
        rows={rows}
        rowKey={(r) => `${r.eventId}:${r.organisationId}`}
        empty={t('none')}
        columns={[
          {
            key: 'event',
            header: t('event'),
            cell: (r) => (
              <>
                <Link className="text-brand-700 underline" href={`/agenda/${r.eventId}`}>
                  {r.title}
                </Link>
                <span className="block text-xs text-slate-700">{r.when}</span>
              </>
            ),
          },
          { key: 'by', header: t('invitedBy'), cell: (r) => r.organisers },
          { key: 'org', header: t('organisation'), cell: (r) => r.organisation },
          { key: 'respond', header: t('respond'), cell: (r) => <Buttons row={r} run={run} busy={busy} /> },
        ]}
      />
    </div>
  )
}

/** The event page's answer to the invitations for this event (one per organisation the actor acts for). */
export function EventInvitations({ rows }: { rows: InvitationRow[] }) {
  const t = useTranslations('calendar.invitations')
  const { run, status, busy } = useRespond()
  if (!rows.length && !status.error && !status.success) return null
  return (
    <section aria-label={t('title')} className="mb-6 flex flex-col gap-3 rounded-lg border border-amber-400 bg-amber-50 p-4" data-testid="event-invitation">
      <FormStatus error={status.error} success={status.success} />
      {rows.map((r) => (
        <div key={r.organisationId} className="flex flex-wrap items-center justify-between gap-3">
          <p className="text-sm">
            {t('eventIntro')} ({r.organisation})
          </p>
          <Buttons row={r} run={run} busy={busy} />
        </div>
      ))}
    </section>
  )
}
