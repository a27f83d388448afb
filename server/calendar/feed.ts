/**
 * iCalendar feeds (RFC 5545, via the maintained `ics` package): a region's public calendar, an organisation's
 * events, and a personal feed behind a secret token. UIDs are stable (the event id), SEQUENCE follows the
 * event, cancelled events carry STATUS:CANCELLED, timed events are in UTC, all-day events are DATE values.
 * Personal feed tokens are stored as SHA-256 hashes; a wrong or revoked token is NOT_FOUND (404).
 * Feeds also carry the proefstudeer/meeloop slots the matching calendar shows (UID slot-<id>, URL to book).
 */
import { createHash, randomBytes } from 'node:crypto'
import { createEvent, createEvents, type EventAttributes } from 'ics'
import type { Db, Prisma } from '../db/client.ts'
import { audit } from '../db/audit.ts'
import { loadActor } from '../auth/actor.ts'
import { forbidden, notFound } from '../lib/errors.ts'
import type { Actor } from '../auth/policy.ts'
import { toAmsterdam } from '../lib/time.ts'
import { defaultLocale, pickLocale, type Locale } from '../i18n/config.ts'
import { translator, type Translate } from '../i18n/translate.ts'
import { publicUrl } from '../lib/url.ts'
import { eventListSelect, publishedIn } from './query.ts'
import { slotEntries, type SlotEntry, type SlotQuery } from './slot-query.ts'
import { slotEntryHref } from './slot-entries.ts'
import { foldIcs } from '../lib/ics-fold.ts'
import { logger } from '../lib/logger.ts'
import { feedPath } from './feed-links.ts'

/** How far back a feed reaches (subscribers keep older entries themselves). */
const FEED_HISTORY_MS = 180 * 86_400_000
const FEED_LIMIT = 5000

const feedSelect = {
  ...eventListSelect,
  description: true,
  sequence: true,
  createdAt: true,
  updatedAt: true,
} satisfies Prisma.CalendarEventSelect
type FeedEvent = Prisma.CalendarEventGetPayload<{ select: typeof feedSelect }>

export const eventUid = (id: string) => `${id}@overstap.nl`

const dateArray = (d: Date): [number, number, number] => {
  const [y, m, day] = toAmsterdam(d).date.split('-').map(Number) as [number, number, number]
  return [y, m, day]
}

/** The texts a feed writes itself (labels, slot titles), in the feed's language: `calendar.feeds.ics` and `calendar.types`. */
const feedTexts = (locale: Locale) => translator(locale, 'calendar')

function toIcsEvent(ev: FeedEvent, t: Translate): EventAttributes {
  const organisers = ev.organisers.map((o) => o.organisation.name).join(', ')
  const description = [ev.description, organisers && t('feeds.ics.organisers', { organisers }), ev.registrationUrl && t('feeds.ics.register', { url: ev.registrationUrl })].filter(Boolean).join('\n\n')
  const time = ev.allDay
    ? { start: dateArray(ev.startsAt), end: dateArray(ev.endsAt) }
    : { start: ev.startsAt.getTime(), startInputType: 'utc' as const, startOutputType: 'utc' as const, end: ev.endsAt.getTime(), endInputType: 'utc' as const, endOutputType: 'utc' as const }
  return {
    uid: eventUid(ev.id),
    sequence: ev.sequence,
    title: ev.title,
    description: description || undefined,
    location: ev.locationAddress ?? ev.onlineUrl ?? undefined,
    url: ev.registrationUrl ?? ev.onlineUrl ?? undefined,
    categories: [ev.type],
    status: ev.status === 'CANCELLED' ? 'CANCELLED' : 'CONFIRMED',
    created: ev.createdAt.getTime(),
    lastModified: ev.updatedAt.getTime(),
    ...time,
  } as EventAttributes
}

export const slotUid = (id: string) => `slot-${id}@overstap.nl`

/**
 * A slot as a VEVENT. Its times never change after publication, so SEQUENCE only moves when it is cancelled;
 * free places are left out (they change with every booking and would make every sync an update).
 */
function slotToIcs(s: SlotEntry, t: Translate): EventAttributes {
  const url = publicUrl(slotEntryHref(s))
  const organiser = s.organisers[0]?.organisation.name
  const type = t(`types.${s.type === 'MEELOOPDAG' ? 'MEELOOPDAG' : 'PROEFSTUDEREN'}`)
  return {
    uid: slotUid(s.id),
    sequence: s.status === 'CANCELLED' ? 1 : 0,
    title: organiser ? t('feeds.ics.slotTitleOrganiser', { type, title: s.title, organiser }) : t('feeds.ics.slotTitle', { type, title: s.title }),
    description: [organiser && t('feeds.ics.organisers', { organisers: organiser }), t('feeds.ics.register', { url })].filter(Boolean).join('\n\n'),
    location: s.locationAddress ?? undefined,
    url,
    categories: [s.type],
    status: s.status === 'CANCELLED' ? 'CANCELLED' : 'CONFIRMED',
    created: s.createdAt.getTime(),
    lastModified: s.updatedAt.getTime(),
    start: s.startsAt.getTime(),
    startInputType: 'utc',
    startOutputType: 'utc',
    end: s.endsAt.getTime(),
    endInputType: 'utc',
    endOutputType: 'utc',
  }
}

type FeedEntry = { ref: string; build: () => EventAttributes }

/** An entry's attributes when it renders on its own; otherwise null, logged by id and error kind only (no content). */
function renderable(entry: FeedEntry): EventAttributes | null {
  try {
    const attrs = entry.build()
    const { error } = createEvent(attrs)
    if (!error) return attrs
    logger.warn({ ref: entry.ref, error: error.name }, 'calendar: feed skips an entry')
  } catch (err) {
    logger.warn({ ref: entry.ref, error: err instanceof Error ? err.name : 'unknown error' }, 'calendar: feed skips an entry')
  }
  return null
}

/**
 * Serialises events and slots to one VCALENDAR, folded at 75 octets, with the feed's own texts in `locale` (Dutch by
 * default). One entry that cannot be rendered (bad data written before validation was tightened, or by hand) is
 * left out and logged; it never takes the feed down.
 */
export function renderIcs(events: FeedEvent[], calName: string, slots: SlotEntry[] = [], locale: Locale = defaultLocale): string {
  const t = feedTexts(locale)
  const entries: FeedEntry[] = [
    ...events.map((ev) => ({ ref: `event ${ev.id}`, build: () => toIcsEvent(ev, t) })),
    ...slots.map((s) => ({ ref: `slot ${s.id}`, build: () => slotToIcs(s, t) })),
  ]
  const header = { productId: '-//Overstap//Agenda//NL', method: 'PUBLISH', calName }
  let attrs: EventAttributes[] | null = null
  try {
    attrs = entries.map((e) => e.build())
  } catch {
    attrs = null
  }
  // Fast path: everything renders at once. Otherwise check entry by entry and keep the good ones.
  let result = attrs ? createEvents(attrs, header) : null
  if (!result || result.error || !result.value) result = createEvents(entries.map(renderable).filter((a): a is EventAttributes => a !== null), header)
  if (result.error || !result.value) throw result.error ?? new Error('ics: no output')
  return foldIcs(result.value)
}

const feedFrom = () => new Date(Date.now() - FEED_HISTORY_MS)

async function feedEvents(db: Db, where: Prisma.CalendarEventWhereInput) {
  return db.calendarEvent.findMany({
    where: { AND: [where, { endsAt: { gte: feedFrom() } }] },
    select: feedSelect,
    orderBy: [{ startsAt: 'asc' }, { id: 'asc' }],
    take: FEED_LIMIT,
  })
}

/** Slots for a feed: the same history window; links go to the public booking page (feeds have no actor). */
const feedSlots = (db: Db, owner: SlotQuery['owner']) => slotEntries(db, { owner, from: feedFrom(), take: FEED_LIMIT })

/** A region's public feed: what its public page shows. */
export async function regionFeed(db: Db, slug: string, locale: Locale = defaultLocale): Promise<string> {
  const region = await db.region.findUnique({ where: { slug }, select: { id: true, name: true } })
  if (!region) throw notFound()
  return renderIcs(await feedEvents(db, publishedIn(region.id)), region.name, await feedSlots(db, { regionIds: [region.id] }), locale)
}

/** An organisation's feed: the published (or cancelled) events it organises, in any region. */
export async function organisationFeed(db: Db, organisationId: string, locale: Locale = defaultLocale): Promise<string> {
  const org = await db.organisation.findUnique({ where: { id: organisationId }, select: { id: true, name: true } })
  if (!org) throw notFound()
  const where: Prisma.CalendarEventWhereInput = {
    status: { in: ['PUBLISHED', 'CANCELLED'] },
    organisers: { some: { organisationId } },
    regions: { some: { decision: 'PUBLISHED' } },
  }
  return renderIcs(await feedEvents(db, where), org.name, await feedSlots(db, { organisationId }), locale)
}

export const hashFeedToken = (token: string) => createHash('sha256').update(token).digest('hex')

/**
 * A personal feed: the published events of every region the token's owner takes part in. Its texts are in `locale`
 * when the URL names one, else in the owner's stored language (User.locale), else Dutch.
 */
export async function personalFeed(db: Db, token: string, locale?: Locale): Promise<string> {
  if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) throw notFound()
  const row = await db.calendarFeedToken.findUnique({ where: { tokenHash: hashFeedToken(token) }, select: { userId: true, revokedAt: true, user: { select: { locale: true } } } })
  if (!row || row.revokedAt) throw notFound()
  const actor = await loadActor(db, row.userId)
  if (!actor) throw notFound()
  const where: Prisma.CalendarEventWhereInput = {
    status: { in: ['PUBLISHED', 'CANCELLED'] },
    regions: { some: { regionId: { in: actor.regionIds }, decision: 'PUBLISHED' } },
  }
  return renderIcs(await feedEvents(db, where), 'Overstap', await feedSlots(db, { regionIds: actor.regionIds }), locale ?? pickLocale(row.user.locale))
}

const feedUrl = (token: string, locale: Locale) => publicUrl(feedPath(`/api/calendar/feed/${token}`, locale))

/**
 * Creates a personal feed token. The secret is shown once (in the returned URL, which carries the UI's language:
 * `locale`); only its hash is stored.
 */
export async function createFeedToken(db: Db, actor: Actor, input: { label: string }, locale: Locale = defaultLocale) {
  const token = randomBytes(32).toString('base64url')
  return db.$transaction(async (tx) => {
    const row = await tx.calendarFeedToken.create({ data: { userId: actor.userId, tokenHash: hashFeedToken(token), label: input.label } })
    await audit(tx, actor, { action: 'calendar.feedToken.create', entityType: 'CalendarFeedToken', entityId: row.id, after: { label: row.label } })
    return { id: row.id, label: row.label, url: feedUrl(token, locale) }
  })
}

export async function listFeedTokens(db: Db, actor: Actor) {
  return db.calendarFeedToken.findMany({
    where: { userId: actor.userId, revokedAt: null },
    select: { id: true, label: true, createdAt: true },
    orderBy: { createdAt: 'desc' },
  })
}

/** Revokes one of the actor's own tokens; another user's token is FORBIDDEN. */
export async function revokeFeedToken(db: Db, actor: Actor, id: string) {
  return db.$transaction(async (tx) => {
    const row = await tx.calendarFeedToken.findUnique({ where: { id } })
    if (!row) throw notFound()
    if (row.userId !== actor.userId) throw forbidden()
    if (row.revokedAt) return { ok: true }
    await tx.calendarFeedToken.update({ where: { id }, data: { revokedAt: new Date() } })
    await audit(tx, actor, { action: 'calendar.feedToken.revoke', entityType: 'CalendarFeedToken', entityId: id, before: { revokedAt: null }, after: { revoked: true } })
    return { ok: true }
  })
}
