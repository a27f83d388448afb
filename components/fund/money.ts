import { getLocale } from 'next-intl/server'
import { formatCents } from '@/server/fund/money'

/** A cents formatter for the request's locale (server components). */
export async function moneyFormatter() {
  const locale = await getLocale()
  return (cents: number) => formatCents(cents, locale)
}
