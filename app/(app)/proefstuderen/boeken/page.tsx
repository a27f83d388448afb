import type { Metadata } from 'next'
import Link from 'next/link'
import { getTranslations } from 'next-intl/server'
import { forbidden } from 'next/navigation'
import { getActor, getCaller } from '@/server/api/server'
import { holdsAction } from '@/server/auth/policy'
import { SlotSearch } from '@/components/slots/slot-search'

type Params = Record<string, string | string[] | undefined>

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('slots.school.search'))('title') }
}

/**
 * A decaan finds a trial day for a pupil inside the app: the open slots of their school's region(s), each leading to
 * the booking form worded to the decaan (/proefstuderen/boeken/[slotId]).
 */
export default async function DecaanSlotSearchPage({ searchParams }: { searchParams: Promise<Params> }) {
  const actor = await getActor()
  if (!actor || !holdsAction(actor, 'slots.schoolBookings')) forbidden()
  const [sp, t, caller] = [await searchParams, await getTranslations('slots.school.search'), await getCaller()]
  const regions = [...new Map((await caller.slots.mySchools()).flatMap((s) => s.regions.map((r) => [r.region.slug, r.region.name] as const))).entries()]
  const chosen = regions.find(([slug]) => slug === sp.regio)?.[0] ?? regions[0]?.[0]
  if (!chosen) return <p className="rounded-lg border border-slate-300 bg-white p-4 text-sm">{t('noRegion')}</p>
  return (
    <SlotSearch
      owner={{ regionSlug: chosen }}
      path="/proefstuderen/boeken"
      keep={regions.length > 1 ? { regio: chosen } : {}}
      title={t('title')}
      description={t('description')}
      searchParams={sp}
      bookHref={(s) => `/proefstuderen/boeken/${s.id}`}
      before={
        regions.length > 1 ? (
          <nav aria-label={t('region')} className="mb-4 flex flex-wrap gap-2 text-sm">
            {regions.map(([slug, name]) => (
              <Link key={slug} href={`?regio=${slug}`} aria-current={slug === chosen ? 'page' : undefined} className="rounded-full border border-slate-400 px-3 py-1 aria-[current=page]:bg-slate-900 aria-[current=page]:text-white">
                {name}
              </Link>
            ))}
          </nav>
        ) : null
      }
    />
  )
}
