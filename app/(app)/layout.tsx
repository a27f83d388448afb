import type { ReactNode } from 'react'
import { redirect } from 'next/navigation'
import { getActor } from '@/server/api/server'
import { AppShell } from '@/components/shell/app-shell'

/** Everything under (app) needs a signed-in user; the shell's navigation follows the user's roles. */
export default async function AppLayout({ children }: { children: ReactNode }) {
  const actor = await getActor()
  if (!actor) redirect('/signin')
  return <AppShell actor={actor}>{children}</AppShell>
}
