import { getTranslations } from 'next-intl/server'
import { notFound } from 'next/navigation'
import { db } from '@/server/db/client'
import { SlotSearch } from '@/components/slots/slot-search'

export default async function RegionSlotsPage({ params, searchParams }: { params: Promise<{ slug: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { slug } = await params
  const region = await db.region.findUnique({ where: { slug }, select: { name: true } })
  if (!region) notFound()
  const t = await getTranslations('slots.public')
  return <SlotSearch owner={{ regionSlug: slug }} title={t('regionTitle', { region: region.name })} searchParams={await searchParams} />
}
