/**
 * What the participation rules mean for the public pages of slots, read before a pupil fills in the form: whether
 * only pupils on a class list may book (a campaign with "only listed pupils", or the institution's / programme's
 * list rule) and which levels the slot's campaigns allow. Read-only and advisory: the database trigger
 * participation_booking_rules (on every insert of a slot booking) stays the authority. The slots domain calls this;
 * this file imports nothing from slots, so there is no import cycle.
 */
import type { Db } from '../db/client.ts'
import type { PupilLevel } from '../db/generated/enums.ts'

export type SlotRuleKey = { id: string; organisationId: string; programmeId: string }
export type SlotRules = {
  /** Anonymous pupils cannot book: only with the personal link of their school (or through their decaan). */
  personalLinkOnly: boolean
  /** Levels every campaign of the slot allows; null = no campaign level rule. */
  levels: PupilLevel[] | null
}

/** The rules of each given slot, in three queries whatever the number of slots. */
export async function slotRules(db: Db, slots: SlotRuleKey[]): Promise<Map<string, SlotRules>> {
  const result = new Map<string, SlotRules>()
  if (slots.length === 0) return result
  const [links, listRules] = await Promise.all([
    db.participationCampaignSlot.findMany({
      where: { slotId: { in: slots.map((s) => s.id) } },
      select: { slotId: true, campaign: { select: { levels: true, listedOnly: true } } },
    }),
    db.participationListRule.findMany({
      where: { organisationId: { in: [...new Set(slots.map((s) => s.organisationId))] } },
      select: { organisationId: true, programmeId: true, listedOnly: true },
    }),
  ])
  for (const slot of slots) {
    const campaigns = links.filter((l) => l.slotId === slot.id).map((l) => l.campaign)
    // A programme's own rule overrides the organisation's ('' = the organisation's), as in the trigger.
    const rule = (programmeId: string) => listRules.find((r) => r.organisationId === slot.organisationId && r.programmeId === programmeId)
    const listedOnly = (rule(slot.programmeId) ?? rule(''))?.listedOnly ?? false
    let levels: PupilLevel[] | null = null
    for (const c of campaigns) if (c.levels.length > 0) levels = levels ? levels.filter((l) => c.levels.includes(l)) : [...c.levels]
    result.set(slot.id, { personalLinkOnly: listedOnly || campaigns.some((c) => c.listedOnly), levels })
  }
  return result
}
