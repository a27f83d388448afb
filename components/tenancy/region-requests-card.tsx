import { getTranslations } from 'next-intl/server'
import { Card } from '@/components/ui/layout'
import { RegionJoinRequestList } from './region-requests'
import { regionRequestRows } from './region-request-rows'

/** Server side: the open requests to include an organisation in a region, as a card; nothing when there are none. */
export async function RegionRequestsCard({ requests }: { requests: Parameters<typeof regionRequestRows>[0] }) {
  if (requests.length === 0) return null
  const t = await getTranslations('admin.organisations')
  return (
    <Card title={t('requestsTitle')}>
      <p className="mb-3 text-sm text-slate-700">{t('requestsIntro')}</p>
      <RegionJoinRequestList caption={t('requestsTitle')} requests={await regionRequestRows(requests)} />
    </Card>
  )
}
