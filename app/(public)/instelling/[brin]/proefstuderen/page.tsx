import type { Metadata } from 'next'
import { getTranslations } from 'next-intl/server'
import { notFound } from 'next/navigation'
import { publicReadDb } from '@/server/db/replica'
import { SlotSearch } from '@/components/slots/slot-search'

export async function generateMetadata({ params }: { params: Promise<{ brin: string }> }): Promise<Metadata> {
  const org = await publicReadDb().organisation.findUnique({ where: { brin: (await params).brin.toUpperCase() }, select: { name: true } })
  if (!org) return {}
  const t = await getTranslations('slots.public')
  const title = t('institutionTitle', { institution: org.name })
  return { title, description: t('intro'), openGraph: { title, description: t('intro'), type: 'website' } }
}

export default async function InstitutionSlotsPage({ params, searchParams }: { params: Promise<{ brin: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const brin = (await params).brin.toUpperCase()
  const org = await publicReadDb().organisation.findUnique({ where: { brin }, select: { name: true } })
  if (!org) notFound()
  const t = await getTranslations('slots.public')
  return <SlotSearch owner={{ brin }} path={`/instelling/${encodeURIComponent(brin)}/proefstuderen`} title={t('institutionTitle', { institution: org.name })} searchParams={await searchParams} />
}
