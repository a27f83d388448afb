import { getTranslations } from 'next-intl/server'
import { getCaller } from '@/server/api/server'
import { guard } from '@/server/api/page-guard'
import { PageHeader } from '@/components/ui/layout'
import { PreferenceSelect } from '@/components/notifications/preference-form'
import { ScrollRegion } from '@/components/ui/scroll-region'

/** `/meldingen/voorkeuren`: per kind, e-mail immediately, in a daily digest or not (in-app is always on). */
export default async function PreferencesPage() {
  const [t, tAll, caller] = [await getTranslations('notifications.preferences'), await getTranslations(), await getCaller()]
  const prefs = await guard(caller.notifications.preferences())
  return (
    <>
      <PageHeader title={t('title')} description={t('intro')} />
      <ScrollRegion className="rounded-lg border border-slate-300 bg-white" label={t('title')}>
        <table className="w-full text-left text-sm">
          <caption className="sr-only">{t('title')}</caption>
          <thead className="bg-slate-100">
            <tr>
              <th scope="col" className="px-3 py-2">
                {t('kind')}
              </th>
              <th scope="col" className="px-3 py-2">
                {t('mode')}
              </th>
            </tr>
          </thead>
          <tbody>
            {prefs.map((p) => {
              const name = tAll(`notifications.kinds.${p.kind}.name` as never)
              return (
                <tr key={p.kind} className="border-t border-slate-200">
                  <th scope="row" className="px-3 py-2 font-normal">
                    {name}
                  </th>
                  <td className="px-3 py-2">
                    <PreferenceSelect kind={p.kind} name={name} mode={p.mode} />
                  </td>
                </tr>
              )
            })}
          </tbody>
        </table>
      </ScrollRegion>
    </>
  )
}
