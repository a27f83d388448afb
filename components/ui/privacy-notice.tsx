import { useTranslations } from 'next-intl'

/**
 * The privacy notice under every pupil form (slot booking, waiting list, event registration): what is stored, who
 * sees it and for how long. `days` is the real purge period of the institution or event (the purge jobs use the
 * same number), so the notice cannot promise something the data does not do; `professionalDays`: an event open to
 * professionals keeps their details longer (their certificate: PROFESSIONAL_KEEP_DAYS of the registration purge).
 * Not a client module: it renders on the server on the public booking page, and in the browser inside client forms
 * that import it.
 */
export function PrivacyNotice({ kind, keeper, days, professionalDays }: { kind: 'slot' | 'event'; keeper: string; days: number; professionalDays?: number }) {
  const t = useTranslations('privacy')
  return (
    <section aria-label={t('title')} className="rounded-md border border-slate-300 bg-slate-50 p-3 text-sm text-slate-800" data-testid="privacy-notice">
      <h2 className="mb-1 font-semibold">{t('title')}</h2>
      <ul className="list-disc space-y-1 pl-5">
        <li>{t(kind === 'slot' ? 'storedSlot' : 'storedEvent')}</li>
        <li>{t(kind === 'slot' ? 'whoSlot' : 'whoEvent', { keeper })}</li>
        <li>{t('howLong', { days })}</li>
        {professionalDays !== undefined ? <li>{t('howLongProfessional', { days: professionalDays })}</li> : null}
      </ul>
    </section>
  )
}
