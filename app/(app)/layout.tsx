import type { ReactNode } from 'react'
import { redirect } from 'next/navigation'
import { getActor } from '@/server/api/server'
import { AppShell } from '@/components/shell/app-shell'
import { FormProviders } from '@/components/ui/form-providers'

/** Everything under (app) needs a signed-in user; the shell's navigation follows the user's roles. */
export default async function AppLayout({ children }: { children: ReactNode }) {
  const actor = await getActor()
  if (!actor) redirect('/signin')
  // The tRPC/react-query client and zod's message locale are mounted here and on the public pages with a form,
  // not in the root layout: public pages that only show data ship neither.
  return (
    <AppShell actor={actor}>
      <FormProviders>{children}</FormProviders>
    </AppShell>
  )
}
