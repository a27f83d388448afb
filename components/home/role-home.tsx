import { getTranslations } from 'next-intl/server'
import { getCaller } from '@/server/api/server'
import { roleScope } from '@/server/auth/policy'
import { PageHeader, Card } from '@/components/ui/layout'

/** The signed-in home ("Overzicht") at `/`: who the user is and the roles they hold. */
export async function RoleHome() {
  const [t, tr, me] = [await getTranslations('home'), await getTranslations('roles'), await (await getCaller()).me.get()]
  return (
    <>
      <PageHeader title={t('welcome', { name: me.name ?? me.email })} />
      <Card title={t('yourRoles')}>
        {me.roles.length === 0 ? (
          <p>{t('noRoles')}</p>
        ) : (
          <ul className="list-disc pl-5" data-testid="my-roles">
            {me.roles.map((r) => {
              const kind = roleScope[r.role]
              const name = r.region?.name ?? r.board?.name ?? r.organisation?.name ?? ''
              return (
                <li key={r.id}>
                  <span className="font-medium">{tr(r.role)}</span> — {t(`scope.${kind}`, { name })}
                </li>
              )
            })}
          </ul>
        )}
      </Card>
    </>
  )
}
