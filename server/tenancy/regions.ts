import type { Db } from '../db/client.ts'
import { audit } from '../db/audit.ts'
import { authorize, isPlatformAdmin, type Actor } from '../auth/policy.ts'
import { notFound } from '../lib/errors.ts'
import type { z } from 'zod'
import type { ZCreateRegionInput, ZUpdateRegionInput } from './schema.ts'

/** Regions the actor takes part in (all for platform admins). */
export async function listRegions(db: Db, actor: Actor) {
  return db.region.findMany({
    where: isPlatformAdmin(actor) ? {} : { id: { in: actor.regionIds } },
    orderBy: { name: 'asc' },
    include: { _count: { select: { organisations: true } } },
  })
}

/** Public: the region behind a public page (calendar, slots). */
export async function regionBySlug(db: Db, slug: string) {
  const region = await db.region.findUnique({ where: { slug } })
  if (!region) throw notFound()
  return region
}

export async function createRegion(db: Db, actor: Actor, input: z.infer<typeof ZCreateRegionInput>) {
  authorize(actor, 'region.manage', {})
  return db.$transaction(async (tx) => {
    const region = await tx.region.create({ data: input })
    await audit(tx, actor, { action: 'region.create', entityType: 'Region', entityId: region.id, regionId: region.id, after: region })
    return region
  })
}

export async function updateRegion(db: Db, actor: Actor, input: z.infer<typeof ZUpdateRegionInput>) {
  authorize(actor, 'region.manage', { regionIds: [input.id] })
  const { id, ...data } = input
  return db.$transaction(async (tx) => {
    const before = await tx.region.findUnique({ where: { id } })
    if (!before) throw notFound()
    const region = await tx.region.update({ where: { id }, data })
    await audit(tx, actor, { action: 'region.update', entityType: 'Region', entityId: id, regionId: id, before, after: region })
    return region
  })
}
