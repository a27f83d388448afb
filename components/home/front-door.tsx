import Link from 'next/link'
import { getTranslations } from 'next-intl/server'
import { TRPCError } from '@trpc/server'
import { getCaller } from '@/server/api/server'
import { ZPublicSearchInput } from '@/server/discovery/schema'
import { formatAmsterdam } from '@/server/lib/time'
import { calendarLocale } from '@/components/calendar/locale'

/** Runs a search; a query the schema refuses (too short, too long) becomes a translated message instead of results. */
async function runSearch(q: string, tooShort: string) {
  if (!ZPublicSearchInput.safeParse({ q }).success) return { ok: false as const, message: tooShort }
  try {
    return { ok: true as const, result: await (await getCaller()).discovery.search({ q }) }
  } catch (err) {
    if (err instanceof TRPCError && err.code === 'BAD_REQUEST') return { ok: false as const, message: tooShort }
    throw err
  }
}

/** The public home: what Overstap offers pupils, parents and schools, the regions, a search and the next open days. */
export async function FrontDoor({ q }: { q?: string }) {
  const caller = await getCaller()
  const [t, tt, ts, locale, regions, upcoming] = await Promise.all([
    getTranslations('frontDoor'),
    getTranslations('calendar.types'),
    getTranslations('sectors'),
    calendarLocale(),
    caller.discovery.regions(),
    caller.discovery.upcoming(),
  ])
  const query = q?.trim()
  const search = query ? await runSearch(query, t('searchTooShort')) : null
  const link = 'text-brand-700 underline underline-offset-2 hover:text-brand-800'
  return (
    <div className="flex flex-col gap-8">
      <section aria-labelledby="front-title" className="rounded-lg bg-brand-50 p-5 sm:p-8">
        <h1 id="front-title" className="text-2xl font-bold text-slate-900 sm:text-3xl">
          {t('title')}
        </h1>
        <p className="mt-3 max-w-3xl text-slate-800">{t('intro')}</p>
        <ul className="mt-4 grid gap-2 text-slate-800 sm:grid-cols-3">
          <li>
            <strong>{t('forPupils')}</strong> {t('forPupilsText')}
          </li>
          <li>
            <strong>{t('forParents')}</strong> {t('forParentsText')}
          </li>
          <li>
            <strong>{t('forSchools')}</strong> {t('forSchoolsText')}
          </li>
        </ul>
      </section>

      <section aria-labelledby="regions-title">
        <h2 id="regions-title" className="mb-3 text-xl font-semibold">
          {t('chooseRegion')}
        </h2>
        {regions.length === 0 ? (
          <p>{t('noRegions')}</p>
        ) : (
          <ul className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3" data-testid="front-regions">
            {regions.map((r) => (
              <li key={r.slug} className="rounded-lg border border-slate-300 bg-white p-4 shadow-sm">
                <h3 className="text-lg font-semibold">{r.name}</h3>
                <p className="text-sm text-slate-700">
                  {r.province} · {t('upcomingCount', { count: r.upcoming })}
                </p>
                <p className="mt-2 flex flex-wrap gap-x-4 gap-y-1">
                  <Link className={link} href={`/regio/${r.slug}/agenda`}>
                    {t('regionCalendar', { region: r.name })}
                  </Link>
                  <Link className={link} href={`/regio/${r.slug}/proefstuderen`}>
                    {t('regionTrialDays', { region: r.name })}
                  </Link>
                </p>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="search-title">
        <h2 id="search-title" className="mb-3 text-xl font-semibold">
          {t('searchTitle')}
        </h2>
        <form method="get" role="search" className="flex flex-wrap items-end gap-2">
          <label className="flex min-w-0 flex-1 flex-col gap-1 text-sm font-medium">
            {t('searchLabel')}
            <input name="q" defaultValue={query ?? ''} maxLength={100} className="rounded-md border border-slate-500 bg-white px-3 py-2 text-base" />
          </label>
          <button type="submit" className="rounded-md bg-brand-700 px-4 py-2 font-medium text-white hover:bg-brand-800">
            {t('searchButton')}
          </button>
        </form>
        {search && !search.ok ? (
          <p role="alert" className="mt-2 text-red-800" data-testid="front-search-error">
            {search.message}
          </p>
        ) : null}
        {search?.ok ? (
          <div className="mt-4 grid gap-4 md:grid-cols-2" data-testid="front-search-results" aria-live="polite">
            <div>
              <h3 className="font-semibold">{t('institutions')}</h3>
              {search.result.organisations.length === 0 ? (
                <p>{t('noInstitutions')}</p>
              ) : (
                <ul className="mt-1 list-disc pl-5">
                  {search.result.organisations.map((o) => (
                    <li key={o.brin}>
                      <Link className={link} href={`/instelling/${o.brin}/proefstuderen`}>
                        {o.name}
                      </Link>{' '}
                      <span className="text-sm text-slate-700">
                        ({ts(o.sector)}, {o.city})
                      </span>
                    </li>
                  ))}
                </ul>
              )}
            </div>
            <div>
              <h3 className="font-semibold">{t('programmes')}</h3>
              {search.result.programmes.length === 0 ? (
                <p>{t('noProgrammes')}</p>
              ) : (
                <ul className="mt-1 list-disc pl-5">
                  {search.result.programmes.map((p) => (
                    <li key={p.id}>
                      <Link className={link} href={`/instelling/${p.organisation.brin}/proefstuderen?programme=${encodeURIComponent(p.name)}`}>
                        {p.name}
                      </Link>{' '}
                      <span className="text-sm text-slate-700">— {p.organisation.name}</span>
                    </li>
                  ))}
                </ul>
              )}
            </div>
          </div>
        ) : null}
      </section>

      <section aria-labelledby="upcoming-title">
        <h2 id="upcoming-title" className="mb-3 text-xl font-semibold">
          {t('upcomingTitle')}
        </h2>
        {upcoming.length === 0 ? (
          <p>{t('noUpcoming')}</p>
        ) : (
          <ul className="grid gap-3 sm:grid-cols-2" data-testid="front-upcoming">
            {upcoming.map((e) => (
              <li key={e.id} className="rounded-lg border border-slate-300 bg-white p-4">
                <p className="text-sm font-medium text-brand-800">
                  {tt(e.type)} · {formatAmsterdam(e.startsAt, e.allDay ? 'EEEE d MMMM' : 'EEEE d MMMM, HH:mm', locale)}
                </p>
                <h3 className="font-semibold">{e.title}</h3>
                <p className="text-sm text-slate-700">
                  {e.organisers.join(', ')}
                  {e.locationAddress ? ` · ${e.locationAddress}` : ''}
                </p>
                <Link className={`${link} text-sm`} href={`/regio/${e.region.slug}/agenda?view=list`}>
                  {t('inRegionCalendar', { region: e.region.name })}
                </Link>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  )
}
