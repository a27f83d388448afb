import type { Metadata } from 'next'
import type { ReactNode } from 'react'
import { getLocale, getTranslations } from 'next-intl/server'
import { connection } from 'next/server'
import './globals.css'

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('common')
  return { title: { default: t('appName'), template: `%s · ${t('appName')}` }, description: t('tagline') }
}

export default async function RootLayout({ children }: { children: ReactNode }) {
  // Every page is rendered per request: proxy.ts gives each response a fresh CSP nonce, which Next.js puts on its
  // scripts while rendering; a page prerendered at build time would carry none, and its scripts would be blocked.
  await connection()
  const locale = await getLocale()
  return (
    <html lang={locale}>
      <body className="min-h-screen bg-slate-50 font-sans text-slate-900 antialiased">
        {/* No client providers here: public pages are server-rendered and ship neither next-intl's client, nor
            react-query, nor zod. The signed-in layout and the public pages with a form mount <FormProviders>
            (components/ui/form-providers) themselves; see the README's front-end budgets. */}
        {children}
      </body>
    </html>
  )
}
