import { getTranslations } from 'next-intl/server'
import { Alert } from './alert'
import { PageHeader } from './layout'

/** What a public link page shows instead of its content when the link does not work (server/api/page-guard tokenView). */
export async function TokenProblem({ title, problem, invalid }: { title: string; problem: 'invalid' | 'rateLimited'; invalid: string }) {
  const t = await getTranslations('errors')
  return (
    <>
      <PageHeader title={title} />
      <Alert tone="error">{problem === 'rateLimited' ? t('rateLimited') : invalid}</Alert>
    </>
  )
}
