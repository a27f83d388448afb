/**
 * Class lists of a school (decaan): import (mapping step, every row error listed, all-or-nothing), adding by hand,
 * personal booking links (mailed, revocable, expiring at the end of the school year; only a hash is stored), the
 * overview per class and pupil, reminders, the class export and the pupil's AVG requests (export, deletion).
 * No personal data goes into the audit log: ids and counts only.
 */
import { createHash, randomBytes } from 'node:crypto'
import type { z } from 'zod'
import type { Db, DbTx } from '../db/client.ts'
import type { PupilLevel, SlotAttendance, SlotBookingStatus } from '../db/generated/enums.ts'
import { audit } from '../db/audit.ts'
import { actionScope, authorize, scopeWhere, type Actor } from '../auth/policy.ts'
import { conflict, invalid, notFound } from '../lib/errors.ts'
import { toCsv } from '../lib/csv.ts'
import type { Translate } from '../i18n/translate.ts'
import { formatAmsterdam } from '../lib/time.ts'
import { deliver, linkMail, pupilLink, type ParticipationDeps } from './mail.ts'
import { ACTIVE_STATUSES, HOLDS_PLACE, handOver, transition } from '../booking/engine.ts'
import { enqueueMails, flushOutbox } from '../mail/outbox.ts'
import { SESSION_KIND } from '../registration/access.ts'
import { offerMails as registrationOfferMails, registrationOffers, releaseIfInactive, type SeatOffer } from '../registration/offers.ts'
import { SLOT_KIND, fillFreePlaces, sendSlotMails, type SlotQuestion } from '../slots/booking.ts'
import { decodeUpload, missingColumns, readListFile, suggestMapping, validateRows, type RowError } from './list-file.ts'
import { schoolYearEnd, schoolYearOf, listDeletedOn } from './school-year.ts'
import type { ListInput, PupilInput, ZAnalyseInput, ZImportInput, ZRemindInput } from './schema.ts'

export const ACTIVE: SlotBookingStatus[] = ['PENDING', 'CONFIRMED', 'WAITLISTED', 'OFFERED']

export function newLinkToken(): { token: string; hash: string } {
  const token = randomBytes(32).toString('base64url')
  return { token, hash: hashLinkToken(token) }
}
export function hashLinkToken(token: string): string {
  return createHash('sha256').update(`participation:${token}`).digest('hex')
}

/** The vo schools whose lists the actor manages. */
export async function mySchools(db: Db, actor: Actor) {
  const scope = scopeWhere(actor, 'participation.school', { organisation: (ids) => ({ id: { in: ids } }) })
  return db.organisation.findMany({ where: { AND: [scope, { sector: 'VO' }] }, select: { id: true, name: true, regions: { select: { regionId: true } } }, orderBy: { name: 'asc' }, take: 200 })
}

/** A school the actor manages (FORBIDDEN for another school, NOT_FOUND for a non-vo organisation). */
export async function loadSchool(db: DbTx, actor: Actor, schoolId: string) {
  authorize(actor, 'participation.school', { organisationId: schoolId })
  const school = await db.organisation.findUnique({ where: { id: schoolId }, select: { id: true, name: true, sector: true, regions: { select: { regionId: true } } } })
  if (!school || school.sector !== 'VO') throw notFound('participation.errors.schoolNotFound')
  return school
}

/**
 * The school's own staff (participation.school through a membership of that school): the only ones who see its
 * pupils' small counts raw. A platform admin holds the action everywhere, but is not the school: masked like anyone else.
 */
export function ownsSchool(actor: Actor, schoolId: string): boolean {
  return actionScope(actor, 'participation.school').organisationIds.includes(schoolId)
}

/** A pupil of a school the actor manages. */
export async function loadPupil(db: DbTx, actor: Actor, pupilId: string) {
  const pupil = await db.participationPupil.findUnique({ where: { id: pupilId } })
  if (!pupil) throw notFound('participation.errors.pupilNotFound')
  authorize(actor, 'participation.school', { organisationId: pupil.schoolId })
  return pupil
}

/** Step 1 of an import: the file's columns and a suggested mapping. */
export async function analyseImport(db: Db, actor: Actor, input: z.infer<typeof ZAnalyseInput>) {
  await loadSchool(db, actor, input.schoolId)
  const file = await readListFile(decodeUpload(input.content))
  return { columns: file.columns, mapping: suggestMapping(file.columns), rowCount: file.rows.length }
}

export type ImportResult = { imported: number; updated: number; errors: RowError[]; errorCount: number }

/**
 * Step 2: the whole file with the confirmed mapping. Every row is validated first; with any error nothing is
 * written and every error comes back with its line and column. Otherwise all rows go in with one statement in one
 * transaction (a pupil already on the school's list for that year, by e-mail, is updated).
 */
export async function importPupils(db: Db, actor: Actor, input: z.infer<typeof ZImportInput>): Promise<ImportResult> {
  const school = await loadSchool(db, actor, input.schoolId)
  const file = await readListFile(decodeUpload(input.content))
  const missing = missingColumns(input.mapping, file.columns)
  if (missing.length) throw invalid('participation.import.errors.missingColumns', { columns: missing.join(', ') })
  if (!file.rows.length) throw invalid('participation.import.errors.empty')
  const { pupils, errors, errorCount } = validateRows(file.rows, input.mapping)
  if (errorCount) return { imported: 0, updated: 0, errors, errorCount }
  return db.$transaction(async (tx) => {
    const existing = await tx.participationPupil.count({ where: { schoolId: school.id, schoolYear: input.schoolYear, email: { in: pupils.map((p) => p.email) } } })
    const col = <K extends keyof (typeof pupils)[number]>(k: K) => pupils.map((p) => p[k])
    await tx.$executeRaw`
      INSERT INTO "ParticipationPupil" ("id", "schoolId", "schoolYear", "name", "email", "level", "year", "className", "pupilNumber", "updatedAt")
      SELECT gen_random_uuid()::text, ${school.id}, ${input.schoolYear}, u.name, u.email, u.level::"PupilLevel", u.year, u.cls, u.nr, (now() AT TIME ZONE 'UTC')
      FROM unnest(${col('name')}::text[], ${col('email')}::text[], ${col('level')}::text[], ${col('year')}::int[], ${col('className')}::text[], ${col('pupilNumber')}::text[])
        AS u(name, email, level, year, cls, nr)
      ON CONFLICT ("schoolId", "schoolYear", "email") DO UPDATE SET "name" = EXCLUDED."name", "level" = EXCLUDED."level", "year" = EXCLUDED."year",
        "className" = EXCLUDED."className", "pupilNumber" = EXCLUDED."pupilNumber", "updatedAt" = EXCLUDED."updatedAt"`
    await audit(tx, actor, { action: 'participation.import', entityType: 'ParticipationPupil', entityId: `${school.id}:${input.schoolYear}`, organisationId: school.id, after: { rows: pupils.length, updated: existing } })
    return { imported: pupils.length - existing, updated: existing, errors: [], errorCount: 0 }
  })
}

/** Adds one pupil by hand. */
export async function addPupil(db: Db, actor: Actor, input: PupilInput) {
  const school = await loadSchool(db, actor, input.schoolId)
  return db.$transaction(async (tx) => {
    const dupe = await tx.participationPupil.findUnique({ where: { schoolId_schoolYear_email: { schoolId: school.id, schoolYear: input.schoolYear, email: input.email } }, select: { id: true } })
    if (dupe) throw conflict('participation.errors.pupilExists')
    const p = await tx.participationPupil.create({ data: { ...input, pupilNumber: input.pupilNumber ?? null }, select: { id: true } })
    await audit(tx, actor, { action: 'participation.pupil.add', entityType: 'ParticipationPupil', entityId: p.id, organisationId: school.id })
    return p
  })
}

/** `evaluation`: the post-slot evaluation was not asked (null), asked and open ('ASKED') or answered ('ANSWERED'). */
type PupilBookingRow = { bookingId: string; startsAt: Date; programme: string; institution: string; sector: string; status: SlotBookingStatus; attendance: SlotAttendance | null; evaluation: 'ASKED' | 'ANSWERED' | null }

/** Bookings tied to these pupils, by pupil id (newest first). */
async function bookingsOf(db: DbTx, pupilIds: string[]): Promise<Map<string, PupilBookingRow[]>> {
  const rows = pupilIds.length
    ? await db.$queryRaw<(PupilBookingRow & { pupilId: string })[]>`
        SELECT pb."pupilId", b."id" AS "bookingId", s."startsAt", pr."name" AS programme, o."name" AS institution, pr."sector"::text AS sector, b."status", b."attendance",
               CASE WHEN r."answered" OR r."answeredAt" IS NOT NULL THEN 'ANSWERED' WHEN r."bookingId" IS NOT NULL THEN 'ASKED' END AS evaluation
        FROM "ParticipationBooking" pb JOIN "SlotBooking" b ON b."id" = pb."bookingId" JOIN "Slot" s ON s."id" = b."slotId"
        JOIN "SlotProgramme" pr ON pr."id" = b."programmeId" JOIN "Organisation" o ON o."id" = b."organisationId"
        LEFT JOIN "ParticipationEvaluationRequest" r ON r."bookingId" = b."id"
        WHERE pb."pupilId" = ANY(${pupilIds}::text[]) ORDER BY s."startsAt" DESC`
    : []
  const out = new Map<string, PupilBookingRow[]>()
  for (const { pupilId, ...r } of rows) out.set(pupilId, [...(out.get(pupilId) ?? []), r])
  return out
}

/** Slots of a campaign (ids), for "has not booked in this campaign". */
async function campaignSlotIds(db: DbTx, campaignId: string) {
  return (await db.participationCampaignSlot.findMany({ where: { campaignId }, select: { slotId: true } })).map((s) => s.slotId)
}

/** The most pupils the overview lists at once (a whole school year of a large school fits; beyond it, per class). */
export const OVERVIEW_LIMIT = 2000

/**
 * The decaan's overview: the school's pupils of a school year (optionally one class), each with their bookings and
 * counts of booked (active), attended and missed activities; with a campaign, whether they booked in it. At most
 * OVERVIEW_LIMIT pupils (by class and name); `more` says there are others, so the page can say so.
 */
export async function overview(db: Db, actor: Actor, input: ListInput, now = new Date()) {
  const schools = input.schoolId ? [await loadSchool(db, actor, input.schoolId)] : await mySchools(db, actor)
  const school = schools[0]
  const schoolYear = input.schoolYear ?? schoolYearOf(now)
  if (!school) return { school: null, schools, schoolYear, classes: [], pupils: [], campaigns: [], more: false }
  const [classes, listed] = await Promise.all([
    db.participationPupil.groupBy({ by: ['className'], where: { schoolId: school.id, schoolYear }, orderBy: { className: 'asc' } }),
    db.participationPupil.findMany({
      where: { schoolId: school.id, schoolYear, ...(input.className ? { className: input.className } : {}) },
      orderBy: [{ className: 'asc' }, { name: 'asc' }, { id: 'asc' }],
      take: OVERVIEW_LIMIT + 1,
    }),
  ])
  const pupils = listed.slice(0, OVERVIEW_LIMIT)
  const bookings = await bookingsOf(db, pupils.map((p) => p.id))
  const regionIds = school.regions.map((r) => r.regionId)
  const campaigns = await db.participationCampaign.findMany({
    where: { regionId: { in: regionIds }, OR: [{ schools: { none: {} } }, { schools: { some: { schoolId: school.id } } }] },
    select: { id: true, name: true, opensAt: true, closesAt: true, maxPerPupil: true },
    orderBy: { opensAt: 'desc' },
    take: 50,
  })
  const inCampaign = input.campaignId ? new Set(await campaignSlotIds(db, input.campaignId)) : null
  const slotOf = inCampaign
    ? new Map((await db.slotBooking.findMany({ where: { id: { in: [...bookings.values()].flat().map((b) => b.bookingId) } }, select: { id: true, slotId: true } })).map((b) => [b.id, b.slotId]))
    : null
  return {
    school: { id: school.id, name: school.name },
    schools: schools.map((s) => ({ id: s.id, name: s.name })),
    schoolYear,
    classes: classes.map((c) => c.className),
    campaigns,
    more: listed.length > OVERVIEW_LIMIT,
    pupils: pupils.map((p) => {
      const bs = bookings.get(p.id) ?? []
      return {
        id: p.id,
        name: p.name,
        email: p.email,
        level: p.level,
        year: p.year,
        className: p.className,
        pupilNumber: p.pupilNumber,
        linkActive: !!p.linkHash && !!p.linkExpiresAt && p.linkExpiresAt > now,
        linkSentAt: p.linkSentAt,
        remindedAt: p.remindedAt,
        booked: bs.filter((b) => ACTIVE.includes(b.status)).length,
        attended: bs.filter((b) => b.attendance === 'PRESENT').length,
        missed: bs.filter((b) => b.attendance === 'ABSENT').length,
        evaluationsAsked: bs.filter((b) => b.evaluation).length,
        evaluated: bs.filter((b) => b.evaluation === 'ANSWERED').length,
        bookedInCampaign: inCampaign ? bs.some((b) => ACTIVE.includes(b.status) && inCampaign.has(slotOf!.get(b.bookingId) ?? '')) : null,
        bookings: bs,
      }
    }),
  }
}

type LinkTarget = { id: string; name: string; email: string; schoolId: string; schoolYear: number; schoolName: string }

/** New links for these pupils (the old ones stop working), valid until the end of their school year, and their mails. */
async function issueLinks(tx: DbTx, targets: LinkTarget[], kind: 'link' | 'reminder', now: Date, campaign?: string) {
  const mails = []
  for (const p of targets) {
    const expiresAt = schoolYearEnd(p.schoolYear)
    if (expiresAt <= now) continue
    const { token, hash } = newLinkToken()
    await tx.participationPupil.update({ where: { id: p.id }, data: { linkHash: hash, linkExpiresAt: expiresAt, linkSentAt: now, ...(kind === 'reminder' ? { remindedAt: now } : {}) } })
    mails.push(linkMail(kind, { to: p.email, name: p.name, school: p.schoolName, link: pupilLink(token), expiresAt, deletedOn: listDeletedOn(p.schoolYear), campaign }))
  }
  return mails
}

/** Mails each pupil a (new) personal booking link. */
export async function sendLinks(db: Db, actor: Actor, pupilIds: string[], deps: ParticipationDeps = {}) {
  const now = deps.now ?? new Date()
  const pupils = await db.participationPupil.findMany({ where: { id: { in: pupilIds } }, select: { id: true, name: true, email: true, schoolId: true, schoolYear: true } })
  if (pupils.length !== new Set(pupilIds).size) throw notFound('participation.errors.pupilNotFound')
  for (const sid of new Set(pupils.map((p) => p.schoolId))) authorize(actor, 'participation.school', { organisationId: sid })
  const names = new Map((await db.organisation.findMany({ where: { id: { in: pupils.map((p) => p.schoolId) } }, select: { id: true, name: true } })).map((o) => [o.id, o.name]))
  const mails = await db.$transaction(async (tx) => {
    const m = await issueLinks(tx, pupils.map((p) => ({ ...p, schoolName: names.get(p.schoolId) ?? '' })), 'link', now)
    for (const sid of new Set(pupils.map((p) => p.schoolId)))
      await audit(tx, actor, { action: 'participation.links.send', entityType: 'ParticipationPupil', entityId: sid, organisationId: sid, after: { pupils: pupils.filter((p) => p.schoolId === sid).length } })
    return m
  })
  return { sent: await deliver(mails, deps), expired: pupils.length - mails.length }
}

/** The pupil's link stops working at once. */
export async function revokeLink(db: Db, actor: Actor, pupilId: string) {
  const p = await loadPupil(db, actor, pupilId)
  await db.$transaction(async (tx) => {
    await tx.participationPupil.update({ where: { id: p.id }, data: { linkHash: null, linkExpiresAt: null } })
    await audit(tx, actor, { action: 'participation.link.revoke', entityType: 'ParticipationPupil', entityId: p.id, organisationId: p.schoolId })
  })
  return { revoked: true }
}

/** One click: a reminder with a fresh link to every pupil of the school (that year) without an active booking in the campaign. */
export async function remindCampaign(db: Db, actor: Actor, input: z.infer<typeof ZRemindInput>, deps: ParticipationDeps = {}) {
  const now = deps.now ?? new Date()
  const school = await loadSchool(db, actor, input.schoolId)
  const campaign = await db.participationCampaign.findUnique({ where: { id: input.campaignId }, include: { schools: { select: { schoolId: true } } } })
  if (!campaign || !school.regions.some((r) => r.regionId === campaign.regionId) || (campaign.schools.length && !campaign.schools.some((s) => s.schoolId === school.id)))
    throw notFound('participation.errors.campaignNotFound')
  const schoolYear = input.schoolYear ?? schoolYearOf(now)
  const pupils = await db.$queryRaw<{ id: string; name: string; email: string; schoolYear: number; level: PupilLevel }[]>`
    SELECT p."id", p."name", p."email", p."schoolYear", p."level" FROM "ParticipationPupil" p
    WHERE p."schoolId" = ${school.id} AND p."schoolYear" = ${schoolYear}
      AND (cardinality(${campaign.levels}::text[]) = 0 OR p."level"::text = ANY(${campaign.levels}::text[]))
      AND NOT EXISTS (SELECT 1 FROM "ParticipationBooking" pb JOIN "SlotBooking" b ON b."id" = pb."bookingId"
                      JOIN "ParticipationCampaignSlot" cs ON cs."slotId" = b."slotId" AND cs."campaignId" = ${campaign.id}
                      WHERE pb."pupilId" = p."id" AND b."status" IN ('PENDING', 'CONFIRMED', 'WAITLISTED', 'OFFERED'))`
  const mails = await db.$transaction(async (tx) => {
    const m = await issueLinks(tx, pupils.map((p) => ({ ...p, schoolId: school.id, schoolName: school.name })), 'reminder', now, campaign.name)
    await audit(tx, actor, { action: 'participation.remind', entityType: 'ParticipationCampaign', entityId: campaign.id, organisationId: school.id, after: { pupils: m.length } })
    return m
  })
  return { reminded: await deliver(mails, deps) }
}

/** The class (or the whole year) as CSV rows for the decaan: through the one formula-neutralising writer. */
export async function exportClass(db: Db, actor: Actor, input: ListInput, t: Translate, locale: 'nl' | 'en') {
  const o = await overview(db, actor, { ...input, campaignId: undefined })
  const rows: (string | number)[][] = [[t('participation.table.class'), t('participation.table.name'), t('participation.table.email'), t('participation.table.level'), t('participation.table.year'), t('participation.table.pupilNumber'), t('participation.table.booked'), t('participation.table.attended'), t('participation.table.missed'), t('participation.table.activities')]]
  for (const p of o.pupils)
    rows.push([p.className, p.name, p.email, t(`slots.pupilLevels.${p.level}`), p.year, p.pupilNumber ?? '', p.booked, p.attended, p.missed,
      p.bookings.map((b) => `${formatAmsterdam(b.startsAt, 'd MMM yyyy', locale)} ${b.programme} (${b.institution}): ${t(`slots.status.${b.status}`)}${b.attendance ? `, ${t(`slots.attendance.${b.attendance}`)}` : ''}`).join(' | ')])
  if (o.school) await audit(db, actor, { action: 'participation.export', entityType: 'ParticipationPupil', entityId: o.school.id, organisationId: o.school.id, after: { rows: o.pupils.length } })
  return { csv: toCsv(rows), fileName: `klas-${input.className ?? 'alle'}-${o.schoolYear}.csv` }
}

type ExportBooking = {
  bookingId: string
  startsAt: Date
  programme: string
  institution: string
  status: SlotBookingStatus
  attendance: SlotAttendance | null
  name: string | null
  email: string | null
  school: string | null
  schoolOther: string | null
  level: PupilLevel
  year: number
  answers: unknown
  questions: unknown
  locale: string | null
  bookedByStaff: boolean
  bookedAt: Date
  purgedAt: Date | null
  evaluationSentAt: Date | null
  evaluationAnswered: boolean | null
}

/** A booking's intake answers ({questionId: text}) with the questions' labels, in the slot's question order. */
function answersWithLabels(answers: unknown, questions: unknown): { question: string; answer: string }[] {
  if (!answers || typeof answers !== 'object') return []
  const given = answers as Record<string, unknown>
  const labels = new Map((Array.isArray(questions) ? (questions as SlotQuestion[]) : []).map((q) => [q.id, q.label]))
  const order = [...labels.keys()].filter((id) => id in given)
  return [...order, ...Object.keys(given).filter((id) => !labels.has(id))].map((id) => ({ question: labels.get(id) ?? id, answer: String(given[id]) }))
}

/**
 * AVG (right of access): everything held about one pupil that the school reaches through the pupil record, for the
 * decaan to hand over — the record, the tied slot bookings with everything stored in them (the intake answers
 * included) and whether the evaluation was asked and answered, and the tied event registrations with their seats.
 * The evaluation answers themselves are not linked to the pupil, so they cannot be part of it. Audited without the
 * pupil's data.
 */
export async function exportPupilData(db: Db, actor: Actor, pupilId: string) {
  const p = await loadPupil(db, actor, pupilId)
  const bookings = await db.$queryRaw<ExportBooking[]>`
    SELECT b."id" AS "bookingId", s."startsAt", pr."name" AS programme, o."name" AS institution, b."status", b."attendance",
           b."pupilName" AS name, b."pupilEmail" AS email, sc."name" AS school, b."schoolOther", b."level", b."year", b."answers", s."questions",
           b."locale", b."bookedById" IS NOT NULL AS "bookedByStaff", b."createdAt" AS "bookedAt", b."purgedAt",
           r."sentAt" AS "evaluationSentAt", r."answered" OR r."answeredAt" IS NOT NULL AS "evaluationAnswered"
    FROM "ParticipationBooking" pb JOIN "SlotBooking" b ON b."id" = pb."bookingId" JOIN "Slot" s ON s."id" = b."slotId"
    JOIN "SlotProgramme" pr ON pr."id" = b."programmeId" JOIN "Organisation" o ON o."id" = b."organisationId"
    LEFT JOIN "Organisation" sc ON sc."id" = b."schoolId" LEFT JOIN "ParticipationEvaluationRequest" r ON r."bookingId" = b."id"
    WHERE pb."pupilId" = ${p.id} ORDER BY s."startsAt" DESC, b."id"`
  const tied = await db.participationRegistration.findMany({ where: { pupilId: p.id }, select: { registrantId: true, eventId: true } })
  const registrants = tied.length
    ? await db.registrant.findMany({
        where: { id: { in: tied.map((r) => r.registrantId) } },
        select: {
          id: true, audience: true, name: true, email: true, schoolId: true, schoolOther: true, level: true, year: true, partySize: true,
          confirmedAt: true, cancelledAt: true, purgedAt: true, createdAt: true,
          seats: { select: { places: true, status: true, attendance: true, checkedInAt: true, session: { select: { title: true, startsAt: true, endsAt: true, room: true } } }, orderBy: { session: { startsAt: 'asc' } } },
        },
      })
    : []
  const events = new Map((await db.calendarEvent.findMany({ where: { id: { in: tied.map((r) => r.eventId) } }, select: { id: true, title: true, startsAt: true } })).map((e) => [e.id, e]))
  const schoolIds = [...new Set(registrants.map((r) => r.schoolId).filter((id): id is string => !!id))]
  const schools = new Map((await db.organisation.findMany({ where: { id: { in: schoolIds } }, select: { id: true, name: true } })).map((o) => [o.id, o.name]))
  const eventOf = new Map(tied.map((r) => [r.registrantId, events.get(r.eventId)]))
  await audit(db, actor, { action: 'participation.pupil.export', entityType: 'ParticipationPupil', entityId: p.id, organisationId: p.schoolId })
  return {
    pupil: { name: p.name, email: p.email, level: p.level, year: p.year, className: p.className, pupilNumber: p.pupilNumber, schoolYear: p.schoolYear, linkSentAt: p.linkSentAt, linkExpiresAt: p.linkExpiresAt, remindedAt: p.remindedAt, createdAt: p.createdAt, updatedAt: p.updatedAt },
    bookings: bookings.map((b) => ({
      startsAt: b.startsAt,
      programme: b.programme,
      institution: b.institution,
      status: b.status,
      attendance: b.attendance,
      name: b.name,
      email: b.email,
      school: b.school ?? b.schoolOther,
      level: b.level,
      year: b.year,
      answers: answersWithLabels(b.answers, b.questions),
      language: b.locale,
      bookedByStaff: b.bookedByStaff,
      bookedAt: b.bookedAt,
      personalDataPurgedAt: b.purgedAt,
      evaluation: b.evaluationSentAt ? { sentAt: b.evaluationSentAt, answered: !!b.evaluationAnswered } : null,
    })),
    registrations: registrants
      .map((r) => ({
        event: eventOf.get(r.id)?.title ?? null,
        eventStartsAt: eventOf.get(r.id)?.startsAt ?? null,
        audience: r.audience,
        name: r.name,
        email: r.email,
        school: (r.schoolId ? schools.get(r.schoolId) : r.schoolOther) ?? null,
        level: r.level,
        year: r.year,
        partySize: r.partySize,
        registeredAt: r.createdAt,
        confirmedAt: r.confirmedAt,
        cancelledAt: r.cancelledAt,
        personalDataPurgedAt: r.purgedAt,
        sessions: r.seats.map((x) => ({ title: x.session.title, startsAt: x.session.startsAt, endsAt: x.session.endsAt, room: x.session.room, places: x.places, status: x.status, attendance: x.attendance, checkedInAt: x.checkedInAt })),
      }))
      .sort((a, b) => (b.eventStartsAt?.getTime() ?? 0) - (a.eventStartsAt?.getTime() ?? 0)),
  }
}

/**
 * AVG: deletes the pupil's record, its links to registrations, and the personal fields of its bookings and
 * registrations (the counts stay, as after the purges). Its bookings' ties stay without the pupil (the foreign key
 * sets it to null): booking, slot and school ids, no personal data, as after the retention job — so the plan's
 * figures of past years, which count a class-list pupil's booking, do not move (nor tell, by moving, how many
 * bookings one pupil had). Bookings of slots and seats of event sessions
 * still to come are cancelled first, in the same transaction: a place they held goes to the first on the waiting
 * list (the booking engine's hand-over; slot offer mails after the commit, registration offer mails through the
 * outbox). Whether the pupil evaluated a slot is forgotten too (the
 * answers themselves were never linked to the pupil). Audited with ids and counts only.
 */
export async function deletePupil(db: Db, actor: Actor, pupilId: string, deps: ParticipationDeps = {}) {
  const p = await loadPupil(db, actor, pupilId)
  const now = deps.now ?? new Date()
  const out = await db.$transaction(async (tx) => {
    // Slot rows first (in id order), then the pupil's record: the order the booking path takes them (the engine
    // locks the slot, then the trigger the pupil), so a booking at the same moment cannot deadlock with this.
    const futureBookings = () => tx.$queryRaw<{ id: string; slotId: string }[]>`
      SELECT b."id", b."slotId" FROM "ParticipationBooking" pb JOIN "SlotBooking" b ON b."id" = pb."bookingId" JOIN "Slot" s ON s."id" = b."slotId"
      WHERE pb."pupilId" = ${p.id} AND b."status" IN ('PENDING', 'CONFIRMED', 'WAITLISTED', 'OFFERED') AND s."startsAt" > ${now} ORDER BY b."slotId"`
    const lockSlots = async (ids: string[]) => {
      if (ids.length) await tx.$queryRaw`SELECT "id" FROM "Slot" WHERE "id" = ANY(${ids}::text[]) ORDER BY "id" FOR UPDATE`
    }
    const locked = [...new Set((await futureBookings()).map((b) => b.slotId))]
    await lockSlots(locked)
    await tx.$queryRaw`SELECT "id" FROM "ParticipationPupil" WHERE "id" = ${p.id} FOR UPDATE`
    // Read again under the pupil's lock: a booking that committed meanwhile is cancelled too.
    const future = await futureBookings()
    await lockSlots([...new Set(future.map((b) => b.slotId))].filter((id) => !locked.includes(id)))
    const offers: { slotId: string; offers: Awaited<ReturnType<typeof fillFreePlaces>> }[] = []
    let cancelled = 0
    for (const b of future) {
      const [row] = await tx.$queryRaw<{ status: SlotBookingStatus }[]>`SELECT "status" FROM "SlotBooking" WHERE "id" = ${b.id} FOR UPDATE`
      if (!row || !(await transition(tx, SLOT_KIND, b.id, [...ACTIVE_STATUSES], 'CANCELLED', now))) continue
      cancelled++
      await audit(tx, actor, { action: 'slots.cancelled', entityType: 'SlotBooking', entityId: b.id, organisationId: p.schoolId, before: { status: row.status }, after: { status: 'CANCELLED', reason: 'pupil.delete' } })
      if (HOLDS_PLACE.includes(row.status)) {
        await tx.$executeRaw`UPDATE "Slot" SET "confirmedCount" = "confirmedCount" - 1, "updatedAt" = (now() AT TIME ZONE 'UTC') WHERE "id" = ${b.slotId}`
        offers.push({ slotId: b.slotId, offers: await fillFreePlaces(tx, b.slotId, now) })
      }
    }
    // Registrations for calendar events tied to the pupil: future seats cancelled through the registration's own
    // hand-over (offers to its waiting list, their mails in the outbox of this transaction), personal fields purged.
    const registrantIds = (await tx.participationRegistration.findMany({ where: { pupilId: p.id }, select: { registrantId: true } })).map((r) => r.registrantId)
    const seats = registrantIds.length
      ? await tx.registrationSeat.findMany({ where: { registrantId: { in: registrantIds }, status: { in: [...ACTIVE_STATUSES] }, session: { startsAt: { gt: now } } }, select: { id: true, registrantId: true, sessionId: true, places: true, status: true }, orderBy: { sessionId: 'asc' } })
      : []
    const seatOffers: SeatOffer[] = []
    for (const seat of seats) {
      if (!(await transition(tx, SESSION_KIND, seat.id, [...ACTIVE_STATUSES], 'CANCELLED', now))) continue
      cancelled++
      if (HOLDS_PLACE.includes(seat.status)) seatOffers.push(...(await handOver(tx, SESSION_KIND, seat.sessionId, seat.places, now, registrationOffers)))
    }
    for (const id of new Set(seats.map((x) => x.registrantId))) await releaseIfInactive(tx, id, now)
    const seatMails = await registrationOfferMails(tx, seatOffers)
    await enqueueMails(tx, seatMails)
    if (registrantIds.length)
      await tx.registrant.updateMany({ where: { id: { in: registrantIds }, purgedAt: null }, data: { name: null, email: null, schoolOther: null, tokenHash: null, checkinCode: null, purgedAt: now } })
    const ids = (await tx.participationBooking.findMany({ where: { pupilId: p.id }, select: { bookingId: true } })).map((b) => b.bookingId)
    if (ids.length) {
      await tx.$executeRaw`UPDATE "SlotBooking" SET "pupilName" = NULL, "pupilEmail" = NULL, "schoolOther" = NULL, "answers" = NULL, "tokenHash" = NULL,
        "purgedAt" = (now() AT TIME ZONE 'UTC'), "updatedAt" = (now() AT TIME ZONE 'UTC') WHERE "id" = ANY(${ids}::text[]) AND "purgedAt" IS NULL`
      await tx.participationEvaluationRequest.deleteMany({ where: { bookingId: { in: ids } } })
    }
    await tx.participationPupil.delete({ where: { id: p.id } })
    await audit(tx, actor, { action: 'participation.pupil.delete', entityType: 'ParticipationPupil', entityId: p.id, organisationId: p.schoolId, after: { bookings: ids.length, registrations: registrantIds.length, cancelled } })
    return { cancelled, offers, mailKeys: seatMails.map((m) => m.key) }
  })
  if (out.mailKeys.length) await flushOutbox(db, { keys: out.mailKeys, send: deps.send })
  // The offers' mails are in the outbox of the transaction (fillFreePlaces), each in the offered booking's language.
  await sendSlotMails(db, out.offers.flatMap((o) => o.offers.map((x) => x.key)), { send: deps.send })
  return { deleted: true, cancelled: out.cancelled }
}
