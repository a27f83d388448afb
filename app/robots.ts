import type { MetadataRoute } from 'next'
import { publicUrl } from '@/server/lib/url'

export const dynamic = 'force-dynamic'

/** Public pages may be indexed; signed-in pages, booking links and the API may not. */
export default function robots(): MetadataRoute.Robots {
  return {
    rules: { userAgent: '*', allow: ['/', '/regio/', '/instelling/'], disallow: ['/api/', '/boeking/', '/signin', '/admin/', '/agenda', '/fonds', '/doorstroom', '/proefstuderen', '/organisations'] },
    sitemap: publicUrl('/sitemap.xml'),
  }
}
