/**
 * The quality framework as data, versioned. A version that any assessment uses is never edited or trimmed: the
 * platform admin makes a new version (a copy), edits that, and activates it; new assessments use the active
 * version, existing ones keep theirs. Criteria keep a stable `code` across versions, so comparisons between years
 * and the region's distribution match on it.
 */
import type { Db, DbTx } from '../db/client.ts'
import { audit } from '../db/audit.ts'
import { authorize, type Actor } from '../auth/policy.ts'
import { conflict, notFound } from '../lib/errors.ts'
import type { FrameworkDefinition } from './lob-framework.ts'
import type { AddCriterionInput, UpdateCriterionInput } from './schema.ts'

const PLATFORM = {} // the framework has no tenant: only platform-scoped roles (admins) are covered

export const frameworkInclude = {
  sections: { orderBy: { position: 'asc' }, include: { criteria: { orderBy: { position: 'asc' } } } },
} as const

/** Creates a framework version from a definition (seed, tests). Not activated unless `activate`. */
export async function createFramework(db: DbTx, def: FrameworkDefinition, opts: { version?: number; activate?: boolean } = {}) {
  const last = await db.monitorFramework.findFirst({ orderBy: { version: 'desc' }, select: { version: true } })
  const version = opts.version ?? (last?.version ?? 0) + 1
  const fw = await db.monitorFramework.create({ data: { version, nameNl: def.nameNl, nameEn: def.nameEn, activatedAt: opts.activate ? new Date() : null } })
  for (const [i, s] of def.sections.entries()) {
    const section = await db.monitorSection.create({ data: { frameworkId: fw.id, position: i, code: s.code, nameNl: s.nameNl, nameEn: s.nameEn } })
    await db.monitorCriterion.createMany({
      data: s.criteria.map((c, j) => ({ frameworkId: fw.id, sectionId: section.id, position: j, code: c.code, nameNl: c.nameNl, nameEn: c.nameEn, levelsNl: c.levelsNl, levelsEn: c.levelsEn })),
    })
  }
  if (opts.activate) await db.monitorFramework.updateMany({ where: { id: { not: fw.id }, retiredAt: null, activatedAt: { not: null } }, data: { retiredAt: new Date() } })
  return fw
}

/** Whether a criterion code exists in any framework version (codes are stable across versions). */
export async function criterionExists(db: DbTx, code: string): Promise<boolean> {
  return (await db.monitorCriterion.count({ where: { code } })) > 0
}

/** The active version's criteria (code and names, in framework order): what the regional plan can measure. No tenant data. */
export async function criterionCatalogue(db: DbTx) {
  const fw = await activeFramework(db)
  return (fw?.sections ?? []).flatMap((s) => s.criteria.map((c) => ({ code: c.code, nameNl: c.nameNl, nameEn: c.nameEn, sectionNl: s.nameNl, sectionEn: s.nameEn })))
}

/** The version new assessments use: the most recently activated one that is not retired. */
export async function activeFramework(db: DbTx) {
  return db.monitorFramework.findFirst({ where: { activatedAt: { not: null }, retiredAt: null }, orderBy: { activatedAt: 'desc' }, include: frameworkInclude })
}

export async function loadFramework(db: DbTx, frameworkId: string) {
  const fw = await db.monitorFramework.findUnique({ where: { id: frameworkId }, include: { ...frameworkInclude, _count: { select: { assessments: true } } } })
  if (!fw) throw notFound()
  return fw
}

// ---- administration (platform admin) ----------------------------------------------------------------------

export async function listFrameworks(db: Db, actor: Actor) {
  authorize(actor, 'monitor.manageFramework', PLATFORM)
  return db.monitorFramework.findMany({ orderBy: { version: 'desc' }, include: { _count: { select: { assessments: true, criteria: true } } } })
}

export async function getFramework(db: Db, actor: Actor, frameworkId: string) {
  authorize(actor, 'monitor.manageFramework', PLATFORM)
  const fw = await loadFramework(db, frameworkId)
  return { ...fw, inUse: fw._count.assessments > 0, editable: fw._count.assessments === 0 && !fw.retiredAt }
}

/** A version is edited in place only while no assessment uses it (and it is not retired). */
async function editableFramework(tx: DbTx, frameworkId: string) {
  const fw = await loadFramework(tx, frameworkId)
  if (fw._count.assessments > 0) throw conflict('monitor.errors.frameworkInUse')
  if (fw.retiredAt) throw conflict('monitor.errors.frameworkRetired')
  return fw
}

/** A new (inactive) version copying the given one, to edit and then activate. */
export async function newVersion(db: Db, actor: Actor, frameworkId: string) {
  authorize(actor, 'monitor.manageFramework', PLATFORM)
  return db.$transaction(async (tx) => {
    const from = await loadFramework(tx, frameworkId)
    const def: FrameworkDefinition = {
      nameNl: from.nameNl,
      nameEn: from.nameEn,
      sections: from.sections.map((s) => ({ code: s.code, nameNl: s.nameNl, nameEn: s.nameEn, criteria: s.criteria.map((c) => ({ code: c.code, nameNl: c.nameNl, nameEn: c.nameEn, levelsNl: c.levelsNl, levelsEn: c.levelsEn })) })),
    }
    const fw = await createFramework(tx, def)
    await audit(tx, actor, { action: 'monitor.framework.newVersion', entityType: 'MonitorFramework', entityId: fw.id, after: { version: fw.version, copiedFrom: from.version } })
    return fw
  })
}

export async function updateCriterion(db: Db, actor: Actor, input: UpdateCriterionInput) {
  authorize(actor, 'monitor.manageFramework', PLATFORM)
  return db.$transaction(async (tx) => {
    const before = await tx.monitorCriterion.findUnique({ where: { id: input.criterionId } })
    if (!before) throw notFound()
    await editableFramework(tx, before.frameworkId)
    const after = await tx.monitorCriterion.update({ where: { id: before.id }, data: { nameNl: input.nameNl, nameEn: input.nameEn, levelsNl: input.levelsNl, levelsEn: input.levelsEn } })
    await audit(tx, actor, { action: 'monitor.criterion.update', entityType: 'MonitorCriterion', entityId: before.id, before, after })
    return after
  })
}

export async function addCriterion(db: Db, actor: Actor, input: AddCriterionInput) {
  authorize(actor, 'monitor.manageFramework', PLATFORM)
  return db.$transaction(async (tx) => {
    const section = await tx.monitorSection.findUnique({ where: { id: input.sectionId }, include: { _count: { select: { criteria: true } } } })
    if (!section) throw notFound()
    await editableFramework(tx, section.frameworkId)
    const after = await tx.monitorCriterion.create({
      data: { frameworkId: section.frameworkId, sectionId: section.id, position: section._count.criteria, code: input.code, nameNl: input.nameNl, nameEn: input.nameEn, levelsNl: input.levelsNl, levelsEn: input.levelsEn },
    })
    await audit(tx, actor, { action: 'monitor.criterion.add', entityType: 'MonitorCriterion', entityId: after.id, after })
    return after
  })
}

export async function removeCriterion(db: Db, actor: Actor, criterionId: string) {
  authorize(actor, 'monitor.manageFramework', PLATFORM)
  return db.$transaction(async (tx) => {
    const before = await tx.monitorCriterion.findUnique({ where: { id: criterionId } })
    if (!before) throw notFound()
    await editableFramework(tx, before.frameworkId)
    await tx.monitorCriterion.delete({ where: { id: before.id } })
    await audit(tx, actor, { action: 'monitor.criterion.remove', entityType: 'MonitorCriterion', entityId: before.id, before })
    return { id: before.id }
  })
}

/** Activates a version: new assessments use it; the previously active version is retired (kept, read-only). */
export async function activateFramework(db: Db, actor: Actor, frameworkId: string) {
  authorize(actor, 'monitor.manageFramework', PLATFORM)
  return db.$transaction(async (tx) => {
    const fw = await loadFramework(tx, frameworkId)
    if (fw.retiredAt) throw conflict('monitor.errors.frameworkRetired')
    if (fw.activatedAt) throw conflict('monitor.errors.frameworkActive')
    if (!fw.sections.some((s) => s.criteria.length)) throw conflict('monitor.errors.frameworkEmpty')
    const now = new Date()
    const retired = await tx.monitorFramework.updateManyAndReturn({ where: { activatedAt: { not: null }, retiredAt: null }, data: { retiredAt: now }, select: { id: true, version: true } })
    await tx.monitorFramework.update({ where: { id: fw.id }, data: { activatedAt: now } })
    await audit(tx, actor, { action: 'monitor.framework.activate', entityType: 'MonitorFramework', entityId: fw.id, after: { version: fw.version, retired: retired.map((r) => r.version) } })
    return { id: fw.id }
  })
}
