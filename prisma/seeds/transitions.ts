import type { Db, Prisma } from '../../server/db/client.ts'
import { DEMO_EMAIL_DOMAIN } from '../../server/auth/demo-session.ts'
import type { Destination, OriginTrack } from '../../server/transitions/schema.ts'

type Share = { sharing: 'PRIVATE' | 'REGION' } | { sharing: 'PARTNERS'; partners: string[] }
const datasets: { brin: string; source: 'NCO' | 'DUO' | 'OWN'; description: string; share: Share; tracks: OriginTrack[] }[] = [
  { brin: '20AA', source: 'NCO', description: 'NCO-rapportage oud-leerlingen', share: { sharing: 'REGION' }, tracks: ['HAVO', 'VWO'] },
  { brin: '20AB', source: 'NCO', description: 'NCO-rapportage', share: { sharing: 'REGION' }, tracks: ['VMBO_GT', 'HAVO', 'VWO'] },
  { brin: '20AD', source: 'NCO', description: 'NCO-rapportage Lyceum de Grundel', share: { sharing: 'REGION' }, tracks: ['HAVO', 'VWO'] },
  { brin: '20AE', source: 'NCO', description: 'NCO-rapportage Erasmus', share: { sharing: 'REGION' }, tracks: ['VMBO_GT', 'HAVO', 'VWO'] },
  { brin: '20AC', source: 'DUO', description: 'DUO open data doorstroom', share: { sharing: 'PARTNERS', partners: ['25LH', '25KB'] }, tracks: ['VMBO_B', 'VMBO_K', 'VMBO_GT', 'HAVO'] },
  { brin: '20AG', source: 'OWN', description: 'Eigen registratie vakcollege', share: { sharing: 'PRIVATE' }, tracks: ['VMBO_B', 'VMBO_K'] },
]

/** Where pupils of a track typically go, with weights (mbo/hbo/wo/labour market/other). */
const destinations: Record<string, [Destination, number][]> = {
  VMBO_B: [['MBO', 0.9], ['LABOUR_MARKET', 0.06], ['OTHER', 0.04]],
  VMBO_K: [['MBO', 0.92], ['LABOUR_MARKET', 0.04], ['OTHER', 0.04]],
  VMBO_GT: [['MBO', 0.85], ['HBO', 0.02], ['OTHER', 0.13]],
  HAVO: [['MBO', 0.08], ['HBO', 0.78], ['WO', 0.03], ['LABOUR_MARKET', 0.05], ['OTHER', 0.06]],
  VWO: [['HBO', 0.2], ['WO', 0.72], ['LABOUR_MARKET', 0.02], ['OTHER', 0.06]],
}

/**
 * Demo transition figures for schools in Regio Twente (aggregated rows for cohorts 2020–2023, including small
 * cells so suppression can be seen): four shared with the region (region figures need at least three contributing
 * schools per cell), one with two partner institutions, one private.
 * Idempotent: a dataset that already exists (same organisation and description) is left alone.
 */
export async function seedTransitions(db: Db): Promise<void> {
  const region = await db.region.findUnique({ where: { slug: 'twente' } })
  if (!region) return
  const decaan = await db.user.findUnique({ where: { email: `decaan@${DEMO_EMAIL_DOMAIN}` } })
  let seed = 20_240_601
  const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31)
  let created = 0
  for (const d of datasets) {
    const org = await db.organisation.findUnique({ where: { brin: d.brin } })
    if (!org || (await db.transitionDataset.findFirst({ where: { organisationId: org.id, description: d.description } }))) continue
    const partners = d.share.sharing === 'PARTNERS' ? await db.organisation.findMany({ where: { brin: { in: d.share.partners } }, select: { id: true } }) : []
    const rows: Prisma.TransitionRowCreateWithoutDatasetInput[] = []
    for (let cohortYear = 2020; cohortYear <= 2023; cohortYear++)
      for (const track of d.tracks) {
        const size = 40 + Math.floor(rnd() * 80)
        for (const [dest, weight] of destinations[track]!) {
          const started = Math.max(1, Math.round(size * weight * (0.8 + rnd() * 0.4)))
          const droppedOut = Math.floor(started * (0.05 + rnd() * 0.1))
          const switched = Math.floor(started * (0.05 + rnd() * 0.1))
          rows.push({ cohortYear, originBrin: d.brin, originVestiging: '00', originTrack: track, destinationSector: dest, started, enrolledAfterYear1: started - droppedOut, switched, droppedOut, diplomaNominal: Math.floor(started * (0.5 + rnd() * 0.3)) })
        }
      }
    await db.$transaction(async (tx) => {
      await tx.transitionDataset.create({
        data: {
          organisationId: org.id,
          source: d.source,
          description: d.description,
          sharing: d.share.sharing,
          regionId: d.share.sharing === 'REGION' ? region.id : null,
          createdById: d.brin === '20AA' ? (decaan?.id ?? null) : null,
          shares: { create: partners.map((p) => ({ organisationId: p.id })) },
          rows: { create: rows },
        },
      })
    })
    created += 1
  }
  console.log(`Seed: ${created} transition datasets.`)
}
