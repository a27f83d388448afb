import { getLocale, getTranslations } from 'next-intl/server'
import { forbidden } from 'next/navigation'
import { getActor, getCaller } from '@/server/api/server'
import { holdsAction } from '@/server/auth/policy'
import { formatAmsterdam } from '@/server/lib/time'
import { schoolYearLabel, schoolYearOf } from '@/server/participation/school-year'
import { PUPIL_LEVELS } from '@/server/slots/schema'
import { Card, PageHeader } from '@/components/ui/layout'
import { DataTable } from '@/components/ui/table'
import { CampaignForm, ReserveForm } from '@/components/participation/campaign-forms'
import { ReachTable } from '@/components/participation/reach-table'

/** A coordinator: the region's campaigns, reserved places and the region's reach report. */
export default async function CampaignsPage() {
  const actor = await getActor()
  if (!actor || !holdsAction(actor, 'participation.campaigns')) forbidden()
  const [t, tAll, locale, caller] = [await getTranslations('participation'), await getTranslations(), (await getLocale()) as 'nl' | 'en', await getCaller()]
  const regions = await caller.participation.campaignRegions()
  const campaigns = await caller.participation.campaigns({})
  const schoolYear = schoolYearOf(new Date())
  const perRegion = await Promise.all(
    regions.map(async (r) => ({ region: r, slots: await caller.participation.candidateSlots({ regionId: r.id }), reach: await caller.participation.reach({ regionId: r.id, schoolYear }) })),
  )
  const levels = PUPIL_LEVELS.filter((l) => l !== 'MBO' && l !== 'OTHER').map((l) => ({ id: l, label: tAll(`slots.pupilLevels.${l}`) }))
  return (
    <>
      <PageHeader title={t('campaigns.title')} description={t('campaigns.description')} />
      <Card title={t('campaigns.title')}>
        <DataTable
          caption={t('campaigns.title')}
          rows={campaigns}
          rowKey={(c) => c.id}
          empty={t('campaigns.none')}
          columns={[
            { key: 'name', header: t('campaigns.name'), cell: (c) => c.name },
            { key: 'region', header: t('campaigns.region'), cell: (c) => regions.find((r) => r.id === c.regionId)?.name ?? '' },
            { key: 'window', header: t('campaigns.window'), cell: (c) => `${formatAmsterdam(c.opensAt, 'd MMM yyyy', locale)} – ${formatAmsterdam(new Date(c.closesAt.getTime() - 1), 'd MMM yyyy', locale)}` },
            { key: 'rules', header: t('campaigns.rules'), cell: (c) => t('campaigns.rulesText', { max: c.maxPerPupil }) },
            { key: 'slots', header: t('campaigns.slots'), cell: (c) => c._count.slots, numeric: true },
          ]}
        />
      </Card>
      {perRegion.map(({ region, slots, reach }) => {
        const slotOptions = slots.map((s) => ({ id: s.id, label: `${formatAmsterdam(s.startsAt, 'd MMM HH:mm', locale)} ${s.programme.name} — ${s.organisation.name} (${s.confirmedCount === null ? t('campaigns.placesHidden') : `${s.capacity - s.confirmedCount} ${t('campaigns.free')}`})` }))
        const schoolOptions = region.schools.map((s) => ({ id: s.id, label: s.name }))
        return (
          <div key={region.id} className="flex flex-col gap-6">
            <Card title={`${t('campaigns.new')} — ${region.name}`}>
              {slotOptions.length ? <CampaignForm regionId={region.id} schools={schoolOptions} slots={slotOptions} levels={levels} /> : <p>{t('campaigns.noSlots')}</p>}
            </Card>
            {slotOptions.length ? (
              <Card title={`${t('campaigns.reserve')} — ${region.name}`}>
                <ReserveForm slots={slotOptions} schools={schoolOptions} />
              </Card>
            ) : null}
            <Card title={`${t('reach.title')} ${schoolYearLabel(schoolYear)} — ${region.name}`}>
              <p className="mb-2 text-sm">{t('reach.description')}</p>
              <p className="mb-2 text-sm">{t('reach.regionNote', { consenting: reach.consentingSchools ?? 0, others: reach.otherSchools ?? 0 })}</p>
              <p className="mb-3 text-sm">{t('reach.maskedNote')}</p>
              <ReachTable rows={reach.rows} threshold={reach.threshold} caption={`${t('reach.title')} ${region.name}`} locale={locale} />
            </Card>
          </div>
        )
      })}
    </>
  )
}
