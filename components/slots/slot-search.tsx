import { Activity, type ReactNode } from 'react'
import { isLocalDate } from '@/server/lib/zod'
import { getLocale, getTranslations } from 'next-intl/server'
import { getCaller } from '@/server/api/server'
import { publicRead } from '@/server/api/page-guard'
import { formatAmsterdam } from '@/server/lib/time'
import { PROGRAMME_LEVELS } from '@/server/slots/schema'
import { Card, PageHeader } from '@/components/ui/layout'
import { buttonClass } from '@/components/ui/button'
import { DateTextField } from '@/components/ui/date-text-field'
import { TokenProblem } from '@/components/ui/token-problem'
import { Pager, pageAt } from '@/components/ui/pager'
import { keysetPage } from '@/server/lib/keyset'

type Params = Record<string, string | string[] | undefined>

/** Cards per page: 50 (a phone's long scroll; the largest region's page was 100 cards, 295 kB of HTML). */
const PAGE = 50

/** The result list and its cards (title, facts, link), styled from the list once (also the public calendar's phone list). */
export const CARDS = [
  'grid gap-3 md:grid-cols-2 xl:grid-cols-3',
  '[&>li]:flex [&>li]:min-w-0 [&>li]:flex-col [&>li]:gap-2 [&>li]:rounded-lg [&>li]:border [&>li]:border-slate-300 [&>li]:bg-white [&>li]:p-4 [&>li]:shadow-sm',
  '[&_h3]:text-base [&_h3]:font-semibold [&_h3]:break-words [&_h3]:text-slate-900 [&_h3>span]:font-normal [&_h3>span]:text-slate-700',
  '[&_dl]:grid [&_dl]:grid-cols-[auto_1fr] [&_dl]:gap-x-3 [&_dl]:gap-y-1 [&_dl]:text-sm [&_dt]:font-medium [&_dt]:text-slate-700 [&_dd]:min-w-0 [&_dd]:break-words',
  '[&_li>a]:mt-auto [&_li>a]:self-start',
].join(' ')
const one = (v: string | string[] | undefined) => (typeof v === 'string' && v.trim() ? v.trim() : undefined)

/** The public list of open slots of a region or an institution, with a GET filter form (works without JavaScript). */
export async function SlotSearch({
  owner,
  path,
  keep = {},
  title,
  description,
  searchParams,
  bookHref = (s) => `/instelling/${s.brin}/proefstuderen/${s.id}`,
  before,
}: {
  owner: { regionSlug: string } | { brin: string }
  /** The page's path, for the pager's links. */
  path: string
  /** The page's own search parameters (the decaan's region), kept by the filter form and the pager. */
  keep?: Record<string, string>
  title: string
  description?: string
  searchParams: Params
  /** Where a slot's book button leads: the public form, or the decaan's form inside the app. */
  bookHref?: (s: { id: string; brin: string }) => string
  /** Shown between the header and the filters (a region chooser). */
  before?: ReactNode
}) {
  const [t, tl, ts, locale] = [await getTranslations('slots.public'), await getTranslations('slots.levels'), await getTranslations('sectors'), (await getLocale()) as 'nl' | 'en']
  const filters = {
    sector: one(searchParams.sector) as 'MBO' | 'HBO' | 'WO' | undefined,
    level: one(searchParams.level) as (typeof PROGRAMME_LEVELS)[number] | undefined,
    programme: one(searchParams.programme),
    from: one(searchParams.from),
    to: one(searchParams.to),
  }
  const td = await getTranslations('dateField')
  const format = td('format')
  // A date that does not exist, or "to" before "from", is not searched on: its field keeps what was typed and says
  // why (aria-invalid, described by the message); the other filters still apply.
  const notADate = (v: string | undefined) => (v !== undefined && !isLocalDate(v) ? td('invalid', { format }) : undefined)
  const dateIssues = {
    from: notADate(filters.from),
    to: notADate(filters.to) ?? (isLocalDate(filters.from) && isLocalDate(filters.to) && filters.to < filters.from ? t('toBeforeFrom') : undefined),
  }
  const clean = {
    sector: ['MBO', 'HBO', 'WO'].includes(filters.sector ?? '') ? filters.sector : undefined,
    level: PROGRAMME_LEVELS.includes(filters.level as never) ? filters.level : undefined,
    programme: filters.programme?.slice(0, 100),
    from: dateIssues.from ? undefined : filters.from,
    to: dateIssues.to ? undefined : filters.to,
  }
  // A page of cards at a time (one more read to know whether there is a next page), after the cursor in the URL.
  const at = pageAt(searchParams)
  const read = await publicRead((await getCaller()).slots.search({ ...owner, ...clean, limit: PAGE + 1, cursor: at.cursor }))
  if (!read) return <TokenProblem title={title} problem="rateLimited" invalid="" />
  const { items: slots, nextCursor } = keysetPage(read, PAGE, (s) => s.startsAt)
  const control = 'rounded-md border border-slate-500 bg-white px-3 py-2 text-sm'
  const dateStrings = { format, hint: td('hint', { format }), invalid: td('invalid', { format }), choose: td('choose') }
  return (
    <>
      <PageHeader title={title} description={description ?? t('intro')} />
      {before}
      <Card title={t('filters')}>
        <form method="get" className="grid items-end gap-3 md:grid-cols-6" aria-label={t('filters')}>
          {Object.entries(keep).map(([name, value]) => (
            <input key={name} type="hidden" name={name} value={value} />
          ))}
          <label className="flex flex-col gap-1 text-sm font-medium">
            {t('sector')}
            <select name="sector" defaultValue={clean.sector ?? ''} className={control}>
              <option value="">—</option>
              {(['MBO', 'HBO', 'WO'] as const).map((s) => (
                <option key={s} value={s}>
                  {ts(s)}
                </option>
              ))}
            </select>
          </label>
          <label className="flex flex-col gap-1 text-sm font-medium">
            {t('level')}
            <select name="level" defaultValue={clean.level ?? ''} className={control}>
              <option value="">—</option>
              {PROGRAMME_LEVELS.map((l) => (
                <option key={l} value={l}>
                  {tl(l)}
                </option>
              ))}
            </select>
          </label>
          <label className="flex flex-col gap-1 text-sm font-medium">
            {t('programme')}
            <input name="programme" defaultValue={clean.programme ?? ''} className={control} />
          </label>
          {/* The page's only client components, with their texts from here: no next-intl client in the browser. */}
          <DateTextField label={t('from')} name="from" defaultValue={filters.from?.slice(0, 40) ?? ''} error={dateIssues.from} locale={locale} strings={dateStrings} />
          <DateTextField label={t('to')} name="to" defaultValue={filters.to?.slice(0, 40) ?? ''} error={dateIssues.to} locale={locale} strings={dateStrings} />
          <button type="submit" className={buttonClass('primary')}>
            {t('apply')}
          </button>
        </form>
      </Card>
      <h2 className="mb-3 text-lg font-semibold">{t('results')}</h2>
      {/* A list of cards, not a table: pupils open this mostly on a phone (360 px), where a six-column table cannot fit. */}
      {slots.length === 0 ? (
        <p className="rounded-lg border border-slate-300 bg-white p-4 text-sm text-slate-700">{t('none')}</p>
      ) : (
        // Up to 50 cards, each with a link: an Activity boundary lets React hydrate them after the rest of the page, at
        // idle priority in short slices, instead of in one long task (Lighthouse's total blocking time). Same HTML.
        // The cards' styles are set once on the list, not on each card's elements, and a card's link is a plain anchor,
        // not a next/link client component (the calendar's public entries are too; prefetching was off already): the
        // page's HTML and its RSC payload carry one class list instead of one per card, and hydration has no component
        // per card.
        <Activity>
          <ul className={CARDS} aria-label={t('results')}>
            {slots.map((s) => (
              <li key={s.id}>
                <h3>
                  {s.programme.name} <span>({tl(s.programme.level)})</span>
                </h3>
                <dl>
                  <dt>{t('when')}</dt>
                  <dd>{`${formatAmsterdam(s.startsAt, 'EEE d MMM yyyy HH:mm', locale)}–${formatAmsterdam(s.endsAt, 'HH:mm', locale)}`}</dd>
                  <dt>{t('institution')}</dt>
                  <dd>{s.organisation.name}</dd>
                  <dt>{t('where')}</dt>
                  <dd>{s.location}</dd>
                  <dt>{t('places')}</dt>
                  <dd>{s.opensAt ? t('opensAt', { date: formatAmsterdam(s.opensAt, 'd MMM HH:mm', locale) }) : s.personalLinkOnly ? t('viaSchool') : t('free', { count: s.free ?? 0 })}</dd>
                </dl>
                {s.opensAt ? null : (
                  <a href={bookHref({ id: s.id, brin: s.organisation.brin })} className={buttonClass('secondary')} aria-label={t(s.personalLinkOnly ? 'detailsFor' : 'bookFor', { programme: s.programme.name, date: formatAmsterdam(s.startsAt, 'd MMM', locale) })}>
                    {s.personalLinkOnly ? t('details') : t('book')}
                  </a>
                )}
              </li>
            ))}
          </ul>
        </Activity>
      )}
      <Pager path={path} at={at} keep={{ ...keep, ...clean }} shown={slots.length} nextCursor={nextCursor} testId="slot-search-pager" />
    </>
  )
}
