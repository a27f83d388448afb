/**
 * What the participation rules mean for the public pages of slots, read before a pupil fills in the form: whether
 * only pupils on a class list may book (a campaign with "only listed pupils", or the institution's / programme's
 * list rule) and which levels the slot's campaigns allow. Read-only and advisory: the database trigger
 * participation_booking_rules (on every insert of a slot booking) stays the authority. Also the one guard of rule
 * changes that would show a hidden slot's places (keepPlacesHiddenOnceOpen). The slots domain calls this;
 * this file imports nothing from slots, so there is no import cycle.
 */
import type { DbTx } from '../db/client.ts'
import type { PupilLevel } from '../db/generated/enums.ts'
import { conflict } from '../lib/errors.ts'

export type SlotRuleKey = { id: string; organisationId: string; programmeId: string }
export type SlotRules = {
  /** Anonymous pupils cannot book: only with the personal link of their school (or through their decaan). */
  personalLinkOnly: boolean
  /** Levels every campaign of the slot allows; null = no campaign level rule. */
  levels: PupilLevel[] | null
}

/** Whether a slot's activity is over at `now`: its end time reached. */
export const slotEnded = (slot: { endsAt: Date }, now: Date): boolean => slot.endsAt.getTime() <= now.getTime()

/** What placesHidden decides by: whether the slot has ended (slotEnded), and whether only the personal link books it. */
export type PlacesHiddenInputs = { ended: boolean; personalLinkOnly: boolean }

/**
 * placesHidden over its inputs: the one decision, which the SQL twins (placesHiddenSql and visibleFreeSql in
 * calendar/slot-entries.ts) are generated from, input by input.
 */
export const placesHiddenFor = (x: PlacesHiddenInputs): boolean => x.ended || x.personalLinkOnly

/**
 * Whether a slot's place figures (free places, places taken, full or not) are withheld from anyone but its
 * institution at `now`:
 * - on a personal-link-only slot every booking is a listed pupil's — with one school taking part, that school's — so
 *   `capacity − free` (or free before and after a booking) would be a small count of pupils;
 * - once the slot has ended (endsAt ≤ now): a past activity's free places tell a pupil nothing, and hiding them takes
 *   the past out of any differencing (a rule switched off after the class-list phase shows no earlier day's places:
 *   keepPlacesHiddenOnceOpen looks at open slots that have not ended only).
 * Capacity itself (the institution's choice) is not a count and stays. The one decision for the calendar, the public
 * search, the public slot page, the pupil's personal link page and the coordinator's campaign views.
 */
export function placesHidden(slot: { endsAt: Date }, rules: Pick<SlotRules, 'personalLinkOnly'>, now: Date): boolean {
  return placesHiddenFor({ ended: slotEnded(slot, now), personalLinkOnly: rules.personalLinkOnly })
}

/** Free places as a reader who is not the slot's institution may see them at `now`: null when placesHidden. */
export function visibleFree(slot: { capacity: number; confirmedCount: number; endsAt: Date }, rules: Pick<SlotRules, 'personalLinkOnly'>, now: Date): number | null {
  return placesHidden(slot, rules, now) ? null : Math.max(0, slot.capacity - slot.confirmedCount)
}

/**
 * slotRules' `personalLinkOnly` in SQL, over a slot alias with "id", "organisationId" and
 * "programmeId": the programme's own list rule, else the institution's (programmeId ''), says listed only, or a
 * listed-only campaign holds the slot, as the trigger participation_booking_rules reads them. The one SQL form of
 * the rule: the public search's statement (searchSlots, server/slots/publishing.ts) and the calendar's
 * (server/calendar/query-entries.ts) use it. Two index probes per slot (the list rule's primary key,
 * ParticipationCampaignSlot(slotId)); server/calendar/hidden-places.int.test.ts holds it to slotRules for every kind of rule.
 */
export const personalLinkOnlySql = (slot: string) =>
  `(COALESCE((SELECT lr."listedOnly" FROM "ParticipationListRule" lr WHERE lr."organisationId" = ${slot}."organisationId" AND lr."programmeId" IN (${slot}."programmeId", '')
              ORDER BY lr."programmeId" DESC LIMIT 1), false)
    OR EXISTS (SELECT 1 FROM "ParticipationCampaignSlot" cs JOIN "ParticipationCampaign" pc ON pc."id" = cs."campaignId" WHERE cs."slotId" = ${slot}."id" AND pc."listedOnly"))`

/** The rules of each given slot, in three queries whatever the number of slots. */
export async function slotRules(db: DbTx, slots: SlotRuleKey[]): Promise<Map<string, SlotRules>> {
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

/** The slots a change of the rules may concern: given ones (a campaign's), or an institution's (one programme's). */
export type RuleChangeSlots = { slotIds: string[] } | { organisationId: string; programmeId: string | null }

/**
 * Runs `change`, a change of the participation rules inside the caller's transaction, and refuses it (CONFLICT
 * `refusal`, rolling it back) when it would make the places of a slot whose booking has opened and which has not
 * ended public again: placesHidden before the change, not after, as slotRules reads the rules. While hidden, the
 * slot's bookings were class-list pupils', which its places taken would then show to everybody (the public search,
 * the calendar, the campaign views) — counts of one school's pupils. The condition reads no booking, so the refusal
 * itself says nothing about them (not even none / some); before the booking opens no booking can exist
 * (bookingOpensAt never changes after publishing), and once the slot has ended its places stay hidden whatever the
 * rules (placesHidden), so such slots are free to change: an institution can open its later days to everyone once its
 * class-list days are over. The one rule for every change that can unhide a slot: taking it out of a listed-only
 * campaign (setCampaignSlots), switching an institution's list rule off, removing it or giving a programme its own
 * "anyone" (setListRule). Costs the readers nothing: the calendar's and search's statements are unchanged.
 */
export async function keepPlacesHiddenOnceOpen(tx: DbTx, slots: RuleChangeSlots, now: Date, refusal: string, change: () => Promise<unknown>) {
  // The slots' rows first (in one order): two changes that each leave a slot hidden through the other's rule
  // (two campaigns, a campaign and a list rule) read the rules one after the other, the second after the first's commit.
  // Only slots open for booking and not ended ("endsAt" > now, as slotEnded): an ended slot's places stay hidden anyway.
  type Row = { id: string; organisationId: string; programmeId: string; endsAt: Date }
  const open =
    'slotIds' in slots
      ? slots.slotIds.length
        ? await tx.$queryRaw<Row[]>`
            SELECT "id", "organisationId", "programmeId", "endsAt" FROM "Slot" WHERE "id" = ANY(${slots.slotIds}::text[]) AND "bookingOpensAt" <= ${now} AND "endsAt" > ${now}
             ORDER BY "id" FOR UPDATE`
        : []
      : await tx.$queryRaw<Row[]>`
          SELECT "id", "organisationId", "programmeId", "endsAt" FROM "Slot" WHERE "organisationId" = ${slots.organisationId}
             AND (${slots.programmeId}::text IS NULL OR "programmeId" = ${slots.programmeId}) AND "bookingOpensAt" <= ${now} AND "endsAt" > ${now} ORDER BY "id" FOR UPDATE`
  const hidden = (rules: Map<string, SlotRules>, s: Row) => placesHidden(s, rules.get(s.id)!, now)
  const before = await slotRules(tx, open)
  await change()
  if (!open.some((s) => hidden(before, s))) return
  const after = await slotRules(tx, open)
  if (open.some((s) => hidden(before, s) && !hidden(after, s))) throw conflict(refusal)
}
