/**
 * An institution's rule for pupils who are not on a class list: "only pupils on a class list may book" for the
 * whole organisation or for one programme (a programme's rule overrides the organisation's). Without a rule
 * anyone may book (the default). The rule is enforced by the database trigger participation_booking_rules on every
 * insert of a slot booking (public form, personal link, a decaan's booking), with a translated refusal
 * (participation.errors.institutionListedOnly); this file only reads and writes the rules.
 */
import type { Db } from '../db/client.ts'
import { audit } from '../db/audit.ts'
import { authorize, scopeWhere, type Actor } from '../auth/policy.ts'
import { notFound } from '../lib/errors.ts'
import type { ListRuleInput } from './schema.ts'
import { keepPlacesHiddenOnceOpen } from './slot-rules.ts'

/** Institutions whose rules the actor sets (their publishers). */
export async function ruleOrganisations(db: Db, actor: Actor) {
  const scope = scopeWhere(actor, 'participation.institution', { organisation: (ids) => ({ id: { in: ids } }) })
  return db.organisation.findMany({ where: { AND: [scope, { sector: { not: 'VO' } }] }, select: { id: true, name: true }, orderBy: { name: 'asc' }, take: 200 })
}

/** The organisation's rule and each programme's (null = no own rule). */
export async function listRules(db: Db, actor: Actor, organisationId: string) {
  authorize(actor, 'participation.institution', { organisationId })
  const [rules, programmes] = await Promise.all([
    db.participationListRule.findMany({ where: { organisationId } }),
    db.slotProgramme.findMany({ where: { organisationId }, select: { id: true, name: true }, orderBy: { name: 'asc' }, take: 500 }),
  ])
  const of = (programmeId: string) => rules.find((r) => r.programmeId === programmeId)?.listedOnly ?? null
  return { organisationId, listedOnly: of(''), programmes: programmes.map((p) => ({ ...p, listedOnly: of(p.id) })) }
}

/**
 * Sets (or with null removes) the rule of the organisation or of one of its programmes. Audited. A change that would
 * make the places of a slot whose booking has opened and which has not ended public — switching "listed only" off,
 * removing it, or a programme's own "anyone" under the organisation's "listed only", where no listed-only campaign
 * keeps the slot hidden — is refused, as taking a slot out of a listed-only campaign is (keepPlacesHiddenOnceOpen):
 * those places taken count the listed pupils who booked it. Slots whose booking has not opened yet follow the new
 * rule; ended slots' places stay hidden whatever it says (placesHidden), so once the class-list days are over the
 * institution can open its later days to everyone.
 */
export async function setListRule(db: Db, actor: Actor, input: ListRuleInput, now = new Date()) {
  authorize(actor, 'participation.institution', { organisationId: input.organisationId })
  const programmeId = input.programmeId ?? ''
  if (programmeId && !(await db.slotProgramme.findFirst({ where: { id: programmeId, organisationId: input.organisationId }, select: { id: true } })))
    throw notFound('participation.errors.programmeNotFound')
  return db.$transaction(async (tx) => {
    const key = { organisationId_programmeId: { organisationId: input.organisationId, programmeId } }
    const before = (await tx.participationListRule.findUnique({ where: key }))?.listedOnly ?? null
    // Any change but to "listed only" may unhide the slots the rule applies to (the organisation's: all of its slots).
    const concerned = input.listedOnly === true ? { slotIds: [] } : { organisationId: input.organisationId, programmeId: programmeId || null }
    await keepPlacesHiddenOnceOpen(tx, concerned, now, 'participation.errors.listRuleStaysHidden', async () => {
      if (input.listedOnly === null) await tx.participationListRule.deleteMany({ where: { organisationId: input.organisationId, programmeId } })
      else await tx.participationListRule.upsert({ where: key, create: { organisationId: input.organisationId, programmeId, listedOnly: input.listedOnly }, update: { listedOnly: input.listedOnly } })
    })
    await audit(tx, actor, { action: 'participation.listRule', entityType: 'Organisation', entityId: input.organisationId, organisationId: input.organisationId, before: { programmeId, listedOnly: before }, after: { programmeId, listedOnly: input.listedOnly } })
    return { listedOnly: input.listedOnly }
  })
}
