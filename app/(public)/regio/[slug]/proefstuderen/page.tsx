import Link from 'next/link'
import { getTranslations } from 'next-intl/server'
import { notFound } from 'next/navigation'
import { db } from '@/server/db/client'
import { SlotSearch } from '@/components/slots/slot-search'

export default async function RegionSlotsPage({ params, searchParams }: { params: Promise<{ slug: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { slug } = await params
  const region = await db.region.findUnique({ where: { slug }, select: { name: true } })
  if (!region) notFound()
  const [t, tc] = [await getTranslations('slots.public'), await getTranslations('calendar.public')]
  return (
    <>
      <SlotSearch owner={{ regionSlug: slug }} title={t('regionTitle', { region: region.name })} searchParams={await searchParams} />
      {/* The region's public calendar (open days, information evenings …) next to its slots. */}
      <p className="mt-4 text-sm">
        <Link className="text-brand-700 underline" href={`/regio/${encodeURIComponent(slug)}/agenda`}>
          {tc('agenda', { region: region.name })}
        </Link>
      </p>
    </>
  )
}
