'use client'
import { useState } from 'react'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useTranslations } from 'next-intl'
import { useCalendarLocale } from '@/components/calendar/use-locale'
import { useTRPC } from '@/components/trpc/client'
import { Button } from '@/components/ui/button'
import { TextField } from '@/components/ui/field'
import { applyServerError, FormStatus } from '@/components/ui/form'
import { formatCalendar } from '@/components/calendar/format'

/** Personal ICS feed links: create (the secret URL is shown once) and revoke. */
export function FeedTokens() {
  const t = useTranslations('calendar.feeds')
  const locale = useCalendarLocale()
  const trpc = useTRPC()
  const qc = useQueryClient()
  const tokens = useQuery(trpc.calendar.feedTokens.queryOptions())
  const create = useMutation(trpc.calendar.createFeedToken.mutationOptions())
  const revoke = useMutation(trpc.calendar.revokeFeedToken.mutationOptions())
  const [label, setLabel] = useState('')
  const [url, setUrl] = useState<string | null>(null)
  const [status, setStatus] = useState<{ error?: string; success?: string }>({})
  const refresh = () => qc.invalidateQueries({ queryKey: trpc.calendar.feedTokens.queryKey() })

  return (
    <div className="flex flex-col gap-3">
      <p className="text-sm text-slate-700">{t('personalIntro')}</p>
      <FormStatus error={status.error} success={status.success} />
      <form
        className="flex flex-wrap items-end gap-2"
        onSubmit={async (e) => {
          e.preventDefault()
          setStatus({})
          try {
            const res = await create.mutateAsync({ label })
            setUrl(res.url)
            setLabel('')
            await refresh()
          } catch (err) {
            setStatus({ error: applyServerError(err) })
          }
        }}
      >
        <TextField label={t('label')} value={label} onChange={(e) => setLabel(e.target.value)} />
        <Button type="submit">{t('create')}</Button>
      </form>
      {url ? (
        <div className="rounded-md border border-slate-300 bg-slate-50 p-3 text-sm">
          <p className="font-medium">{t('created')}</p>
          <code className="break-all" data-testid="feed-url">
            {url}
          </code>
        </div>
      ) : null}
      <h3 className="font-semibold">{t('active')}</h3>
      {tokens.data?.length ? (
        <ul className="flex flex-col gap-2">
          {tokens.data.map((tok) => (
            <li key={tok.id} className="flex flex-wrap items-center gap-3 text-sm">
              <span>
                {tok.label || t('personal')} — {t('createdAt', { date: formatCalendar(tok.createdAt, 'd MMM yyyy HH:mm', locale) })}
              </span>
              <Button
                variant="secondary"
                onClick={async () => {
                  if (!window.confirm(t('revokeConfirm'))) return
                  try {
                    await revoke.mutateAsync({ id: tok.id })
                    setStatus({ success: t('revoked') })
                    setUrl(null)
                    await refresh()
                  } catch (err) {
                    setStatus({ error: applyServerError(err) })
                  }
                }}
              >
                {t('revoke')}
              </Button>
            </li>
          ))}
        </ul>
      ) : (
        <p className="text-sm text-slate-700">{t('none')}</p>
      )}
    </div>
  )
}
