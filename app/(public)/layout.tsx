import type { ReactNode } from 'react'
import { PublicShell } from '@/components/shell/public-shell'

/** Pages anyone can open without signing in (a region's public calendar, open trial days, booking links). */
export default function PublicLayout({ children }: { children: ReactNode }) {
  return <PublicShell>{children}</PublicShell>
}
