import type { Metadata } from 'next'
import { getTranslations } from 'next-intl/server'
import { getActor } from '@/server/api/server'
import { AppShell } from '@/components/shell/app-shell'
import { PublicShell } from '@/components/shell/public-shell'
import { RoleHome } from '@/components/home/role-home'
import { FrontDoor } from '@/components/home/front-door'

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('frontDoor')
  return { description: t('metaDescription'), openGraph: { title: t('title'), description: t('metaDescription'), type: 'website' } }
}

/**
 * `/`: the front door for pupils, parents and schools when signed out; the user's own overview when signed in.
 * One URL, so links shared with a school and a bookmark of a coordinator both land where they should.
 */
export default async function Home({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await getActor()
  if (actor)
    return (
      <AppShell actor={actor}>
        <RoleHome />
      </AppShell>
    )
  const q = (await searchParams).q
  return (
    <PublicShell>
      <FrontDoor q={typeof q === 'string' ? q : undefined} />
    </PublicShell>
  )
}
