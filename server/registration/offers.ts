import type { DbTx } from '../db/client.ts'
import { isLocale, type Locale } from '../i18n/config.ts'
import type { OfferHooks } from '../booking/engine.ts'
import { ACTIVE_STATUSES } from '../booking/engine.ts'
import { newBookingToken } from '../booking/token.ts'
import type { OutboxMail } from '../mail/outbox.ts'
import { registrationLink, registrationMail } from './mail.ts'

/** `locale`: the language the registrant registered in (Registrant.locale), in which the offer's mail is written; null: Dutch. */
export type SeatOffer = { seatId: string; registrantId: string; to: string; name: string; token: string; expiresAt: Date; locale: Locale | null }

/**
 * The registration's side of an engine offer: the place is held for the event's offer time (never past the
 * session's start); the registrant gets a fresh link (only hashes are stored, so the old one cannot be mailed).
 */
export const registrationOffers: OfferHooks<SeatOffer> = {
  holdUntil: async (tx, unit, now) => {
    const s = await tx.registrationSession.findUniqueOrThrow({ where: { id: unit.id }, select: { registration: { select: { offerHoldHours: true } } } })
    return new Date(Math.min(now.getTime() + s.registration.offerHoldHours * 3_600_000, unit.startsAt.getTime()))
  },
  onOffer: async (tx, seatId, expiresAt) => {
    const seat = await tx.registrationSeat.findUniqueOrThrow({ where: { id: seatId }, select: { registrantId: true } })
    const { token, hash } = newBookingToken()
    const r = await tx.registrant.update({ where: { id: seat.registrantId }, data: { tokenHash: hash }, select: { email: true, name: true, locale: true } })
    return r.email ? { seatId, registrantId: seat.registrantId, to: r.email, name: r.name ?? '', token, expiresAt, locale: isLocale(r.locale) ? r.locale : null } : null
  },
}

/**
 * The offer mails (with their one-time links), keyed for the outbox, each in the language its registrant registered
 * in (not the language of whoever freed the place: a cancelling registrant, an organiser, the expiry job).
 */
export async function offerMails(tx: DbTx, offers: SeatOffer[]): Promise<OutboxMail[]> {
  const out: OutboxMail[] = []
  for (const o of offers) {
    const seat = await tx.registrationSeat.findUniqueOrThrow({ where: { id: o.seatId }, select: { session: { select: { title: true, startsAt: true, endsAt: true, room: true, registration: { select: { eventId: true } } } } } })
    const event = await tx.calendarEvent.findUniqueOrThrow({ where: { id: seat.session.registration.eventId }, select: { title: true } })
    const mail = registrationMail('offer', { to: o.to, name: o.name, event, sessions: [seat.session], link: registrationLink(o.token), expiresAt: o.expiresAt }, o.locale ?? undefined)
    out.push({ ...mail, key: `registration.offer.${o.seatId}.${o.expiresAt.getTime()}` })
  }
  return out
}

/**
 * A registrant with no active seat left (all cancelled, declined or expired) gives back its audience places once
 * (conditional on cancelledAt, so two paths cannot both release).
 */
export async function releaseIfInactive(tx: DbTx, registrantId: string, now: Date): Promise<void> {
  const active = await tx.registrationSeat.count({ where: { registrantId, status: { in: [...ACTIVE_STATUSES] } } })
  if (active) return
  const { count } = await tx.registrant.updateMany({ where: { id: registrantId, cancelledAt: null }, data: { cancelledAt: now } })
  if (!count) return
  const r = await tx.registrant.findUniqueOrThrow({ where: { id: registrantId }, select: { registrationId: true, audience: true, partySize: true } })
  await tx.$executeRaw`
    UPDATE "RegistrationAudience" SET "confirmedCount" = "confirmedCount" - ${r.partySize}, "updatedAt" = (now() AT TIME ZONE 'UTC')
    WHERE "registrationId" = ${r.registrationId} AND "kind" = ${r.audience}::"RegistrationAudienceKind"`
}
