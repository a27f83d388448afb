import type { MetadataRoute } from 'next'
import { publicReadDb } from '@/server/db/replica'
import { publicUrl } from '@/server/lib/url'
import { publicRegionSlugs } from '@/server/discovery/front-door'

export const dynamic = 'force-dynamic'

/** The front door and every region's public calendar and proefstudeer page. */
export default async function sitemap(): Promise<MetadataRoute.Sitemap> {
  const regions = await publicRegionSlugs(publicReadDb())
  return [
    { url: publicUrl('/'), changeFrequency: 'daily', priority: 1 },
    ...regions.flatMap((r) => [
      { url: publicUrl(`/regio/${r.slug}/agenda`), lastModified: r.updatedAt, changeFrequency: 'daily' as const, priority: 0.8 },
      { url: publicUrl(`/regio/${r.slug}/proefstuderen`), lastModified: r.updatedAt, changeFrequency: 'daily' as const, priority: 0.8 },
    ]),
  ]
}
