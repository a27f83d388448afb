import { getAppFormatter } from '@/server/i18n/formatter'
import type { RegionRequestRow } from './region-requests'

type Listed = {
  id: string
  createdAt: Date
  organisation: { id: string; name: string; brin: string }
  region: { id: string; name: string }
  requestedBy: { name: string | null } | null
  canDecide: boolean
}

/** Server side: the rows the request list shows (dates formatted in the user's locale and time zone). */
export async function regionRequestRows(requests: Listed[]): Promise<RegionRequestRow[]> {
  const format = await getAppFormatter()
  return requests.map((r) => ({
    id: r.id,
    organisation: r.organisation,
    region: r.region,
    requestedBy: r.requestedBy?.name ?? '—',
    requestedOn: format.dateTime(r.createdAt, { dateStyle: 'medium' }),
    canDecide: r.canDecide,
  }))
}
