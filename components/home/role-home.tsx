import Link from 'next/link'
import { getTranslations } from 'next-intl/server'
import { getAppFormatter } from '@/server/i18n/formatter'
import { getCaller } from '@/server/api/server'
import { roleScope } from '@/server/auth/policy'
import { PageHeader, Card } from '@/components/ui/layout'

type Overview = Awaited<ReturnType<Awaited<ReturnType<typeof getCaller>>['home']['overview']>>
type Block = Overview['sections'][number]['blocks'][number]

/** One block: its title with the count, the first rows with links and dates, or what to do when there is nothing. */
async function HomeBlock({ block }: { block: Block }) {
  const [t, format] = [await getTranslations('overview'), await getAppFormatter()]
  const k = `blocks.${block.key}` as never
  const isFund = block.key === 'coordinator.fund'
  const slug = block.key.replace('.', '-')
  return (
    <section className="rounded-lg border border-slate-300 bg-white p-4 shadow-sm" aria-labelledby={`home-${slug}`} data-testid={`home-${slug}`}>
      <h3 id={`home-${slug}`} className="mb-2 flex items-center justify-between gap-2 font-semibold text-slate-900">
        <span>{t(`${k}.title` as never)}</span>
        {!isFund ? (
          <span className={`rounded-full px-2 py-0.5 text-sm ${block.count ? 'bg-brand-700 text-white' : 'bg-slate-200 text-slate-800'}`} data-testid="count">
            {block.count}
          </span>
        ) : null}
      </h3>
      {block.items.length === 0 ? (
        <p className="text-sm text-slate-700">{t(`${k}.empty` as never)}</p>
      ) : isFund ? (
        <dl className="grid grid-cols-2 gap-x-3 gap-y-1 text-sm">
          {block.items.map((i) => (
            <div key={i.id} className="contents">
              <dt className="text-slate-700">{t(`fund.${i.id}` as never)}</dt>
              <dd className="text-right font-medium tabular-nums">{format.number(Number(i.note) / 100, { style: 'currency', currency: 'EUR' })}</dd>
            </div>
          ))}
        </dl>
      ) : (
        <ul className="flex flex-col gap-1.5 text-sm">
          {block.items.map((i) => (
            <li key={i.id} className="break-words">
              <Link href={i.link} className="text-brand-700 underline underline-offset-2">
                {i.title}
              </Link>
              {i.at ? <span className="text-slate-600"> · {format.dateTime(i.at, { dateStyle: 'medium', ...(block.key === 'reporter.deadlines' || block.key === 'coordinator.late' ? {} : { timeStyle: 'short' }) })}</span> : null}
              {i.note && block.key.endsWith('proposals') && block.key.startsWith('staff') ? <span className="text-slate-700"> · {t(`status.${i.note}` as never)}</span> : null}
              {i.note && (block.key.startsWith('publisher') || block.key === 'coordinator.slots') ? <span className="text-slate-700"> · {i.note}</span> : null}
              {i.note && block.key === 'reporter.rejected' ? <span className="block text-slate-700">{t('reason', { reason: i.note })}</span> : null}
              {i.flag && block.key === 'coordinator.proposals' ? <span className="ml-1 rounded bg-amber-100 px-1 text-amber-900">{t('conflict')}</span> : null}
              {block.key === 'coordinator.slots' ? <span className="ml-1 rounded bg-slate-100 px-1 text-slate-800">{i.flag ? t('nearlyFull') : t('underBooked')}</span> : null}
            </li>
          ))}
        </ul>
      )}
      {block.count > block.items.length ? (
        <p className="mt-2 text-sm">
          <Link href={block.link} className="text-brand-700 underline">
            {t('more', { count: block.count })}
          </Link>
        </p>
      ) : null}
    </section>
  )
}

/** The signed-in home ("Overzicht") at `/`: per role held, what needs the user now and what is coming. */
export async function RoleHome() {
  const [t, to, tr, caller] = [await getTranslations('home'), await getTranslations('overview'), await getTranslations('roles'), await getCaller()]
  const [me, overview] = await Promise.all([caller.me.get(), caller.home.overview()])
  return (
    <>
      <PageHeader title={t('welcome', { name: me.name ?? me.email })} description={to('intro')} />
      {overview.sections.map((s) => (
        <section key={s.role} className="mb-8" aria-labelledby={`role-${s.role}`}>
          <h2 id={`role-${s.role}`} className="mb-3 text-xl font-semibold text-slate-900">
            {tr(s.role)}
          </h2>
          <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
            {s.blocks.map((b) => (
              <HomeBlock key={b.key} block={b} />
            ))}
          </div>
        </section>
      ))}
      <Card title={t('yourRoles')}>
        {me.roles.length === 0 ? (
          <p>{t('noRoles')}</p>
        ) : (
          <ul className="list-disc pl-5" data-testid="my-roles">
            {me.roles.map((r) => {
              const kind = roleScope[r.role]
              const name = r.region?.name ?? r.board?.name ?? r.organisation?.name ?? ''
              return (
                <li key={r.id}>
                  <span className="font-medium">{tr(r.role)}</span> — {t(`scope.${kind}`, { name })}
                </li>
              )
            })}
          </ul>
        )}
      </Card>
    </>
  )
}
