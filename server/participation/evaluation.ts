/**
 * The post-slot evaluation: the day after a pupil's slot (booking confirmed, not marked absent) one mail with a
 * personal link (256-bit token, only its hash stored) to a short form — was it useful, did it help your choice,
 * would you recommend it (1–5 each) and an optional comment of at most 500 characters.
 *
 * Privacy by construction (pupils are minors):
 *  - The answer (ParticipationEvaluation) has a random id (v4 UUID: no time in it) and no booking, pupil, address
 *    or moment: only the slot, programme, institution and the pupil's school. What is kept per booking
 *    (ParticipationEvaluationRequest) is only whether it was asked and answered (a flag, not a moment) — that is
 *    what the decaan sees per pupil. The answer is written in a transaction of its own, never with anything that
 *    names the booking (a shared transaction id would link them), and answering is not audited per booking.
 *  - The comment is deleted, and the link's hash with it, when the booking's personal data is purged (the slots
 *    purge: the institution's purge period after the slot, at most 365 days); the scores stay, anonymous.
 *  - Results are shown aggregated only, per slot, and only once the slot's evaluation period is over, so that a
 *    result cannot be compared before and after one more answer. A slot is shown only with more than MIN_ANSWERS
 *    answers (one threshold: a count ≤ MIN_ANSWERS never leaves the server, not even as "shown, count hidden").
 *    A programme's figures (answers, averages, comments) are those of its shown slots only, so no hidden slot can
 *    be recomputed as the programme minus its shown slots, nor before and after a slot enters or leaves the list.
 *  - The institution sees all answers about its slots; a decaan sees the answers of their own school's pupils.
 *
 * The mail is in the language the pupil booked in (SlotBooking.locale; Dutch when unknown). The form follows the
 * reader's UI language. The job is idempotent: a request row per booking (INSERT … ON CONFLICT DO NOTHING) and the mail in the outbox
 * under the key `participation.evaluation.<booking>` in the same transaction; a rerun or a restarted worker sends
 * nothing twice, and a mail server that is down delays the mail.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto'
import type { Db, DbTx } from '../db/client.ts'
import { Prisma } from '../db/generated/client.ts'
import { audit } from '../db/audit.ts'
import { authorize, scopeWhere, type Actor } from '../auth/policy.ts'
import { conflict, notFound } from '../lib/errors.ts'
import { enqueueMails, type OutboxMail } from '../mail/outbox.ts'
import { defaultLocale, pickLocale, type Locale } from '../i18n/config.ts'
import { translator } from '../i18n/translate.ts'
import { formatAmsterdam, fromAmsterdam, toAmsterdam } from '../lib/time.ts'
import { publicUrl } from '../lib/url.ts'
import { DEFAULT_SETTINGS } from '../slots/booking.ts'
import { MAX_PURGE_DAYS } from '../slots/schema.ts'
import type { EvaluateInput, EvaluationResultsInput } from './schema.ts'

const DAY = 86_400_000
/** This many answers or fewer: nothing of the group is shown (no count, no averages, no comments). */
export const MIN_ANSWERS = 5
/** Days the link works after it was mailed. */
export const EVALUATION_DAYS = 7
/** Slots that ended up to this many days before today still get their mail (a worker that was down catches up). */
export const SEND_WINDOW_DAYS = 3
/** A slot's results are shown once no answer can come any more: the send window and the link's days are over. */
export const CLOSED_AFTER_DAYS = SEND_WINDOW_DAYS + EVALUATION_DAYS + 1

/**
 * Until the column is dropped (next release): what an answered request holds in the previous release's
 * "answeredAt", so a process of that release still refuses a second answer — a fixed date, never the moment.
 */
export const ANSWERED_AT_FIXED = new Date(0)
/** Answered: the flag, or (while a previous-release process may still answer) its "answeredAt". */
export const isAnswered = (r: { answered: boolean; answeredAt: Date | null }) => r.answered || r.answeredAt !== null

export function hashEvaluationToken(token: string): string {
  return createHash('sha256').update(`evaluation:${token}`).digest('hex')
}
export const evaluationLink = (token: string) => publicUrl(`/evaluatie/${token}`)

/** Start of the Amsterdam day of `now`. */
const startOfDay = (now: Date) => fromAmsterdam(toAmsterdam(now).date)

/** When a slot's bookings are purged (the institution's purge period after the slot, at most MAX_PURGE_DAYS). */
const purgeAtSql = Prisma.sql`s."endsAt" + make_interval(days => LEAST(COALESCE(st."purgeAfterDays", ${DEFAULT_SETTINGS.purgeAfterDays}), ${MAX_PURGE_DAYS}::int))`

type Due = { bookingId: string; slotId: string; to: string; locale: string | null; startsAt: Date; programme: string; institution: string; purgeAt: Date }

export function evaluationMail(d: Due, token: string, expiresAt: Date, locale: Locale = defaultLocale): OutboxMail {
  const t = translator(locale, 'participation.evaluation.mail')
  const vars = {
    programme: d.programme,
    institution: d.institution,
    date: formatAmsterdam(d.startsAt, 'EEEE d MMMM', locale),
    expires: formatAmsterdam(expiresAt, 'd MMMM yyyy', locale),
    purge: formatAmsterdam(d.purgeAt, 'd MMMM yyyy', locale),
  }
  const link = evaluationLink(token)
  const paragraphs = [t('body', vars), t('privacy', vars), t('expires', vars)]
  const esc = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!)
  return {
    key: `participation.evaluation.${d.bookingId}`,
    to: d.to,
    subject: t('subject', vars),
    text: [paragraphs[0], '', link, '', paragraphs[1], '', paragraphs[2]].join('\n'),
    html: `<p>${esc(paragraphs[0]!)}</p><p><a href="${esc(link)}">${esc(t('cta'))}</a></p><p>${esc(paragraphs[1]!)}</p><p>${esc(paragraphs[2]!)}</p>`,
  }
}

/**
 * Job: the mails of every booking whose slot ended on a previous day (within SEND_WINDOW_DAYS), confirmed and not
 * marked absent, with the address still there. `scope`: one institution's slots (tests run side by side).
 */
export async function sendEvaluationRequests(db: Db, opts: { now?: Date; scope?: { organisationId: string } } = {}): Promise<number> {
  const now = opts.now ?? new Date()
  const today = startOfDay(now)
  const scope = opts.scope ? Prisma.sql`AND s."organisationId" = ${opts.scope.organisationId}` : Prisma.empty
  const due = await db.$queryRaw<Due[]>`
    SELECT b."id" AS "bookingId", b."slotId", b."pupilEmail" AS "to", b."locale", s."startsAt", pr."name" AS programme, o."name" AS institution, ${purgeAtSql} AS "purgeAt"
    FROM "SlotBooking" b JOIN "Slot" s ON s."id" = b."slotId" JOIN "SlotProgramme" pr ON pr."id" = s."programmeId"
    JOIN "Organisation" o ON o."id" = s."organisationId" LEFT JOIN "SlotSettings" st ON st."organisationId" = s."organisationId"
    WHERE b."status" = 'CONFIRMED' AND b."attendance" IS DISTINCT FROM 'ABSENT' AND b."pupilEmail" IS NOT NULL AND b."purgedAt" IS NULL
      AND s."status" = 'PUBLISHED' AND s."endsAt" < ${today} AND s."endsAt" >= ${new Date(today.getTime() - SEND_WINDOW_DAYS * DAY)} ${scope}
      AND NOT EXISTS (SELECT 1 FROM "ParticipationEvaluationRequest" r WHERE r."bookingId" = b."id")
    ORDER BY b."id" LIMIT 5000`
  let sent = 0
  for (let i = 0; i < due.length; i += 200) {
    const batch = due.slice(i, i + 200).map((d) => ({ d, token: randomBytes(32).toString('base64url') }))
    const expiresAt = new Date(now.getTime() + EVALUATION_DAYS * DAY)
    sent += await db.$transaction(async (tx) => {
      // Only the rows this run inserted get a mail: a concurrent run's rows are skipped by the key.
      const inserted = await tx.$queryRaw<{ bookingId: string }[]>`
        INSERT INTO "ParticipationEvaluationRequest" ("bookingId", "slotId", "tokenHash", "expiresAt", "sentAt")
        SELECT u.b, u.s, u.h, ${expiresAt}, ${now} FROM unnest(${batch.map((x) => x.d.bookingId)}::text[], ${batch.map((x) => x.d.slotId)}::text[], ${batch.map((x) => hashEvaluationToken(x.token))}::text[]) AS u(b, s, h)
        ON CONFLICT ("bookingId") DO NOTHING RETURNING "bookingId"`
      const mine = new Set(inserted.map((r) => r.bookingId))
      await enqueueMails(tx, batch.filter((x) => mine.has(x.d.bookingId)).map((x) => evaluationMail(x.d, x.token, expiresAt, pickLocale(x.d.locale))))
      return mine.size
    })
  }
  return sent
}

async function requestByToken(db: DbTx, token: string) {
  const r = await db.participationEvaluationRequest.findUnique({ where: { tokenHash: hashEvaluationToken(token) } })
  if (!r) throw notFound('participation.evaluation.errors.invalid')
  return r
}

/** Public: what the form shows (the activity, whether it was answered, until when the comment is kept). */
export async function viewEvaluation(db: Db, token: string, now = new Date()) {
  const r = await requestByToken(db, token)
  if (r.expiresAt <= now && !isAnswered(r)) throw notFound('participation.evaluation.errors.invalid')
  const [slot] = await db.$queryRaw<{ startsAt: Date; programme: string; institution: string; purgeAt: Date }[]>`
    SELECT s."startsAt", pr."name" AS programme, o."name" AS institution, ${purgeAtSql} AS "purgeAt"
    FROM "Slot" s JOIN "SlotProgramme" pr ON pr."id" = s."programmeId" JOIN "Organisation" o ON o."id" = s."organisationId"
    LEFT JOIN "SlotSettings" st ON st."organisationId" = s."organisationId" WHERE s."id" = ${r.slotId}`
  if (!slot) throw notFound('participation.evaluation.errors.invalid')
  return { answered: isAnswered(r), expiresAt: r.expiresAt, ...slot, minAnswers: MIN_ANSWERS }
}

type Answered = { slotId: string; programmeId: string; organisationId: string; schoolId: string | null }

/**
 * Public: stores the answer once, in two transactions so that nothing links the answer to the booking:
 *  1. the request is marked answered with one conditional UPDATE (a second submit or an expired link changes
 *     nothing), which also reads what the answer may carry (slot, programme, institution, school);
 *  2. the answer row is inserted on its own, with a random id and nothing of the booking.
 * In this order a token counts at most once. Should the insert fail, the mark is undone so the pupil can send the
 * answer again; a crash between the two loses that one answer (the link then says "answered"), never counts twice.
 * No audit entry: one naming the booking would record who answered when (and share the answer's transaction).
 */
export async function submitEvaluation(db: Db, input: EvaluateInput, now = new Date()) {
  const tokenHash = hashEvaluationToken(input.token)
  const [b] = await db.$queryRaw<Answered[]>`
    UPDATE "ParticipationEvaluationRequest" r SET "answered" = true, "answeredAt" = ${ANSWERED_AT_FIXED}
    FROM "SlotBooking" b
    WHERE r."tokenHash" = ${tokenHash} AND NOT r."answered" AND r."answeredAt" IS NULL AND r."expiresAt" > ${now} AND b."id" = r."bookingId"
    RETURNING b."slotId", b."programmeId", b."organisationId", b."schoolId"`
  if (!b) {
    const existing = await requestByToken(db, input.token)
    if (isAnswered(existing)) throw conflict('participation.evaluation.errors.answered')
    throw notFound('participation.evaluation.errors.invalid')
  }
  try {
    await db.participationEvaluation.create({
      data: { id: randomUUID(), slotId: b.slotId, programmeId: b.programmeId, organisationId: b.organisationId, schoolId: b.schoolId, useful: input.useful, helpedChoice: input.helpedChoice, recommend: input.recommend, comment: input.comment ?? null },
    })
  } catch (err) {
    await db.participationEvaluationRequest.updateMany({ where: { tokenHash, answered: true }, data: { answered: false, answeredAt: null } })
    throw err
  }
  return { answered: true }
}

/**
 * Job (with the booking purge): comments of slots whose bookings' personal data is due for purging are deleted,
 * and the links of those bookings stop working. Idempotent.
 */
export async function purgeEvaluationComments(db: Db, opts: { now?: Date } = {}): Promise<{ comments: number; links: number }> {
  const now = opts.now ?? new Date()
  return db.$transaction(async (tx) => {
    const comments = await tx.$executeRaw`
      UPDATE "ParticipationEvaluation" e SET "comment" = NULL
      FROM "Slot" s LEFT JOIN "SlotSettings" st ON st."organisationId" = s."organisationId"
      WHERE e."slotId" = s."id" AND e."comment" IS NOT NULL AND ${purgeAtSql} < ${now}`
    const links = await tx.$executeRaw`
      UPDATE "ParticipationEvaluationRequest" r SET "tokenHash" = NULL
      FROM "Slot" s LEFT JOIN "SlotSettings" st ON st."organisationId" = s."organisationId"
      WHERE r."slotId" = s."id" AND r."tokenHash" IS NOT NULL AND (${purgeAtSql} < ${now} OR r."expiresAt" < ${now})`
    if (comments + links > 0) await audit(tx, null, { action: 'participation.evaluation.purge', entityType: 'ParticipationEvaluation', entityId: 'batch', after: { comments, links } })
    return { comments, links }
  })
}

/** Organisations whose evaluation results the actor reads: institutions (publishers) and schools (decanen). */
export async function evaluationOrganisations(db: Db, actor: Actor) {
  const scope = scopeWhere(actor, 'participation.evaluations', { organisation: (ids) => ({ id: { in: ids } }) })
  return db.organisation.findMany({ where: scope, select: { id: true, name: true, sector: true }, orderBy: { name: 'asc' }, take: 200 })
}

type Scores = { useful: number; helpedChoice: number; recommend: number }
type SlotAgg = { slotId: string; programmeId: string; startsAt: Date; programme: string; institution: string; n: number; useful: number; helpedChoice: number; recommend: number }

const round1 = (x: number) => Math.round(x * 10) / 10
/** A group (a slot's answers) is shown only above the threshold: pupil counts ≤ 5 never leave the server. */
export const shownGroup = (n: number) => n > MIN_ANSWERS

/**
 * Aggregated results per programme and slot of a closed evaluation period: an institution's (all answers about its
 * slots) or a school's (its pupils' answers). A slot is shown with more than MIN_ANSWERS answers, else nothing of
 * it. A programme's row and comments are made of its shown slots only (none shown: the programme shows nothing):
 * every figure of the programme is then a sum of figures shown beside it, so no hidden slot can be recomputed from
 * the programme minus the shown slots, nor from two answers before and after a slot joins or leaves the list.
 */
export async function evaluationResults(db: Db, actor: Actor, input: EvaluationResultsInput, now = new Date()) {
  authorize(actor, 'participation.evaluations', { organisationId: input.organisationId })
  const org = await db.organisation.findUnique({ where: { id: input.organisationId }, select: { id: true, name: true, sector: true } })
  if (!org) throw notFound('participation.errors.schoolNotFound')
  const view = org.sector === 'VO' ? ('school' as const) : ('institution' as const)
  const who = view === 'school' ? Prisma.sql`e."schoolId" = ${org.id}` : Prisma.sql`e."organisationId" = ${org.id}`
  const closedBefore = new Date(startOfDay(now).getTime() - CLOSED_AFTER_DAYS * DAY)
  const since = new Date(now.getTime() - 400 * DAY)
  const slots = await db.$queryRaw<SlotAgg[]>`
    SELECT e."slotId", e."programmeId", s."startsAt", pr."name" AS programme, o."name" AS institution, count(*)::int AS n,
           avg(e."useful")::float8 AS useful, avg(e."helpedChoice")::float8 AS "helpedChoice", avg(e."recommend")::float8 AS recommend
    FROM "ParticipationEvaluation" e JOIN "Slot" s ON s."id" = e."slotId" JOIN "SlotProgramme" pr ON pr."id" = e."programmeId"
    JOIN "Organisation" o ON o."id" = e."organisationId"
    WHERE ${who} AND s."endsAt" < ${closedBefore} AND s."endsAt" >= ${since}
    GROUP BY e."slotId", e."programmeId", s."startsAt", pr."name", o."name" ORDER BY pr."name", s."startsAt"`
  const programmes = new Map<string, SlotAgg[]>()
  for (const s of slots) programmes.set(s.programmeId, [...(programmes.get(s.programmeId) ?? []), s])
  const out = []
  for (const [programmeId, rows] of programmes) {
    const shown = rows.filter((r) => shownGroup(r.n))
    const total = shown.reduce((a, r) => a + r.n, 0)
    const avg = (k: keyof Scores) => round1(shown.reduce((a, r) => a + r[k] * r.n, 0) / total)
    const programmeShown = shown.length > 0
    const comments = programmeShown
      ? (
          await db.$queryRaw<{ comment: string }[]>`
            SELECT e."comment" FROM "ParticipationEvaluation" e WHERE ${who} AND e."programmeId" = ${programmeId}
              AND e."slotId" = ANY(${shown.map((r) => r.slotId)}::text[]) AND e."comment" IS NOT NULL ORDER BY e."comment"`
        ).map((c) => c.comment)
      : []
    out.push({
      programmeId,
      programme: rows[0]!.programme,
      institution: rows[0]!.institution,
      shown: programmeShown,
      /** Of the shown slots only (see above). */
      answers: programmeShown ? total : null,
      useful: programmeShown ? avg('useful') : null,
      helpedChoice: programmeShown ? avg('helpedChoice') : null,
      recommend: programmeShown ? avg('recommend') : null,
      comments,
      slots: rows.map((r) =>
        shownGroup(r.n)
          ? { slotId: r.slotId, startsAt: r.startsAt, shown: true, answers: r.n as number | null, useful: round1(r.useful) as number | null, helpedChoice: round1(r.helpedChoice) as number | null, recommend: round1(r.recommend) as number | null }
          : { slotId: r.slotId, startsAt: r.startsAt, shown: false, answers: null, useful: null, helpedChoice: null, recommend: null },
      ),
    })
  }
  return { organisation: { id: org.id, name: org.name }, view, minAnswers: MIN_ANSWERS, closedAfterDays: CLOSED_AFTER_DAYS, programmes: out }
}
