import Link from 'next/link'
import type { Metadata } from 'next'
import { getTranslations } from 'next-intl/server'
import { notFound } from 'next/navigation'
import { publicReadDb } from '@/server/db/replica'
import { SlotSearch } from '@/components/slots/slot-search'

export async function generateMetadata({ params }: { params: Promise<{ slug: string }> }): Promise<Metadata> {
  const { slug } = await params
  const region = await publicReadDb().region.findUnique({ where: { slug }, select: { name: true } })
  if (!region) return {}
  const t = await getTranslations('slots.public')
  const title = t('regionTitle', { region: region.name })
  return { title, description: t('intro'), openGraph: { title, description: t('intro'), type: 'website' } }
}

export default async function RegionSlotsPage({ params, searchParams }: { params: Promise<{ slug: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { slug } = await params
  const region = await publicReadDb().region.findUnique({ where: { slug }, select: { name: true } })
  if (!region) notFound()
  const [t, tc] = [await getTranslations('slots.public'), await getTranslations('calendar.public')]
  return (
    <>
      <SlotSearch owner={{ regionSlug: slug }} path={`/regio/${encodeURIComponent(slug)}/proefstuderen`} title={t('regionTitle', { region: region.name })} searchParams={await searchParams} />
      {/* The region's public calendar (open days, information evenings …) next to its slots. */}
      <p className="mt-4 text-sm">
        <Link className="text-brand-700 underline" href={`/regio/${encodeURIComponent(slug)}/agenda`}>
          {tc('agenda', { region: region.name })}
        </Link>
      </p>
    </>
  )
}
