/**
 * The public slot search (one statement, server/slots/publishing.ts searchSlots): owner, filters, order, the card's
 * figures and "only with the school's personal link" — the latter checked against the participation rules' own
 * reading (participation/slot-rules.ts slotRules) for every kind of rule, so the two cannot drift apart.
 */
import { beforeAll, describe, expect, it } from 'vitest'
import { UNUSED_BRIN, buildOrganisation, buildRegion, uniq } from '../db/factories.ts'
import { callerFor, db, expectTrpcError } from '../test/helpers.ts'
import { slotRules } from '../participation/slot-rules.ts'
import { encodeKeyset } from '../lib/keyset.ts'

const HOUR = 3_600_000
const DAY = 24 * HOUR
let region: Awaited<ReturnType<typeof buildRegion>>
let mbo: Awaited<ReturnType<typeof buildOrganisation>>
let hbo: Awaited<ReturnType<typeof buildOrganisation>>
const programme: Record<string, { id: string; organisationId: string }> = {}
const slots: { id: string; organisationId: string; programmeId: string }[] = []

async function slot(p: { id: string; organisationId: string }, days: number, over: Partial<{ capacity: number; confirmedCount: number; opensInDays: number; status: 'PUBLISHED' | 'CANCELLED' }> = {}) {
  const now = Date.now()
  const startsAt = new Date(now + days * DAY)
  const s = await db.slot.create({
    data: {
      programmeId: p.id,
      organisationId: p.organisationId,
      startsAt,
      endsAt: new Date(startsAt.getTime() + 4 * HOUR),
      location: 'Hoofdgebouw',
      capacity: over.capacity ?? 10,
      confirmedCount: over.confirmedCount ?? 0,
      bookingOpensAt: new Date(now + (over.opensInDays ?? -1) * DAY),
      bookingClosesAt: new Date(startsAt.getTime() - DAY),
      audienceLevels: ['HAVO', 'VWO'],
      status: over.status ?? 'PUBLISHED',
    },
    select: { id: true, organisationId: true, programmeId: true },
  })
  slots.push(s)
  return s
}

beforeAll(async () => {
  region = await buildRegion(db)
  mbo = await buildOrganisation(db, { regionIds: [region.id], sector: 'MBO' })
  hbo = await buildOrganisation(db, { regionIds: [region.id], sector: 'HBO' })
  const make = (key: string, org: { id: string; sector: 'MBO' | 'HBO' | 'VO' | 'WO' }, name: string, code: string) =>
    db.slotProgramme
      .create({ data: { organisationId: org.id, name, sector: org.sector, level: org.sector === 'MBO' ? 'MBO_4' : 'BACHELOR', code }, select: { id: true, organisationId: true } })
      .then((p) => (programme[key] = p))
  await make('zorg', mbo, 'Zorg 100%_plus', '25001')
  await make('ict', mbo, 'ICT beheer', '25002')
  await make('hbo', hbo, 'Bedrijfskunde', '34001')
  await make('archived', hbo, 'Archief', '34002')
  await db.slotProgramme.update({ where: { id: programme.archived!.id }, data: { archivedAt: new Date() } })
})

describe('public slot search', () => {
  it('finds the open slots of a region or an institution, soonest first, with the card figures; unknown owner → NOT_FOUND', async () => {
    const full = await slot(programme.zorg!, 10, { capacity: 5, confirmedCount: 5 })
    const later = await slot(programme.ict!, 20, { opensInDays: 3, confirmedCount: 2 })
    const first = await slot(programme.hbo!, 5)
    await slot(programme.archived!, 6)
    await slot(programme.hbo!, 7, { status: 'CANCELLED' })
    const anon = await callerFor(null)
    const cards = await anon.slots.search({ regionSlug: region.slug, limit: 50 })
    expect(cards.map((c) => c.id)).toEqual([first.id, full.id, later.id])
    expect(cards[1]).toMatchObject({ free: 0, full: true, opensAt: null, location: 'Hoofdgebouw', audienceLevels: ['HAVO', 'VWO'], programme: { name: 'Zorg 100%_plus', level: 'MBO_4', sector: 'MBO' }, organisation: { name: mbo.name, brin: mbo.brin } })
    expect(cards[1]!.startsAt).toBeInstanceOf(Date)
    expect(cards[2]).toMatchObject({ free: 8, full: false })
    expect(cards[2]!.opensAt).toBeInstanceOf(Date)
    expect(cards[2]!.endsAt.getTime() - cards[2]!.startsAt.getTime()).toBe(4 * HOUR)
    expect(Object.keys(cards[0]!).sort()).toEqual(['audienceLevels', 'endsAt', 'free', 'full', 'id', 'location', 'opensAt', 'organisation', 'personalLinkOnly', 'programme', 'startsAt'])
    expect((await anon.slots.search({ brin: mbo.brin, limit: 50 })).map((c) => c.id)).toEqual([full.id, later.id])
    expect((await anon.slots.search({ regionSlug: region.slug, limit: 1 })).map((c) => c.id)).toEqual([first.id])
    expect((await anon.slots.search({ regionSlug: region.slug, sector: 'MBO', level: 'MBO_4', limit: 50 })).map((c) => c.id)).toEqual([full.id, later.id])
    // The name filter matches the text literally: % and _ are not wildcards.
    expect((await anon.slots.search({ regionSlug: region.slug, programme: '100%_P', limit: 50 })).map((c) => c.id)).toEqual([full.id])
    expect(await anon.slots.search({ regionSlug: region.slug, programme: 'Zorg_', limit: 50 })).toEqual([])
    expect((await anon.slots.search({ regionSlug: region.slug, programme: '%', limit: 50 })).map((c) => c.id)).toEqual([full.id])
    await expectTrpcError(anon.slots.search({ regionSlug: `geen-${uniq()}`, limit: 50 }), 'NOT_FOUND')
    await expectTrpcError(anon.slots.search({ brin: UNUSED_BRIN, limit: 50 }), 'NOT_FOUND')
  })

  it('a page at a time: the cursor of a page’s last card reads the cards after it (same start: by id); a forged cursor is refused', async () => {
    const own = await buildRegion(db)
    const org = await buildOrganisation(db, { regionIds: [own.id], sector: 'MBO' })
    const p = await db.slotProgramme.create({ data: { organisationId: org.id, name: 'Techniek', sector: 'MBO', level: 'MBO_4', code: '25009' }, select: { id: true, organisationId: true } })
    // Five slots, three of them at the same start: the order is start, then id.
    const base = Date.now() + 3 * DAY - (Date.now() % 1000)
    const starts = [base, base + HOUR, base + HOUR, base + HOUR, base + 2 * HOUR]
    const made = await Promise.all(
      starts.map((t) =>
        db.slot.create({
          data: { programmeId: p.id, organisationId: org.id, startsAt: new Date(t), endsAt: new Date(t + HOUR), location: 'Hal', capacity: 5, bookingOpensAt: new Date(Date.now() - DAY), bookingClosesAt: new Date(t - HOUR), audienceLevels: ['HAVO'], status: 'PUBLISHED' },
          select: { id: true, startsAt: true },
        }),
      ),
    )
    const anon = await callerFor(null)
    const all = (await anon.slots.search({ regionSlug: own.slug, limit: 50 })).map((c) => c.id)
    expect(all).toHaveLength(5)
    expect(new Set(all)).toEqual(new Set(made.map((m) => m.id)))
    // Walk the list two cards at a time with each page's last card as the cursor, as the page's pager does.
    const walked: string[] = []
    let cursor: string | undefined
    for (let i = 0; i < 4; i++) {
      const page = await anon.slots.search({ regionSlug: own.slug, limit: 2, cursor })
      walked.push(...page.map((c) => c.id))
      const last = page[page.length - 1]
      if (page.length < 2 || !last) break
      cursor = encodeKeyset(last.startsAt, last.id)
    }
    expect(walked).toEqual(all)
    await expectTrpcError(anon.slots.search({ regionSlug: own.slug, limit: 2, cursor: 'x' }), 'BAD_REQUEST')
  })

  it('"personal link only" is what the participation rules say, for every kind of rule', async () => {
    const anon = await callerFor(null)
    const plain = await slot(programme.hbo!, 30)
    const orgListed = await slot(programme.zorg!, 31)
    const programmeOpen = await slot(programme.ict!, 32)
    const campaignListed = await slot(programme.hbo!, 33)
    const campaignOpen = await slot(programme.hbo!, 34)
    // The mbo lists its pupils, except for the ICT programme (a programme's rule overrides the institution's).
    await db.participationListRule.create({ data: { organisationId: mbo.id, programmeId: '', listedOnly: true } })
    await db.participationListRule.create({ data: { organisationId: mbo.id, programmeId: programme.ict!.id, listedOnly: false } })
    const campaign = (listedOnly: boolean, slotId: string) =>
      db.participationCampaign.create({
        data: { regionId: region.id, name: `Campagne ${uniq()}`, opensAt: new Date(), closesAt: new Date(Date.now() + 60 * DAY), maxPerPupil: 3, levels: [], listedOnly, slots: { create: [{ slotId }] } },
      })
    await campaign(true, campaignListed.id)
    await campaign(false, campaignOpen.id)
    const cards = await anon.slots.search({ regionSlug: region.slug, limit: 200 })
    const rules = await slotRules(db, slots)
    const expected = new Map([
      [plain.id, false],
      [orgListed.id, true],
      [programmeOpen.id, false],
      [campaignListed.id, true],
      [campaignOpen.id, false],
    ])
    for (const [id, want] of expected) {
      expect(cards.find((c) => c.id === id)?.personalLinkOnly, id).toBe(want)
      expect(rules.get(id)?.personalLinkOnly, id).toBe(want)
    }
    for (const c of cards) expect(c.personalLinkOnly, c.id).toBe(rules.get(c.id)!.personalLinkOnly)
  })
})
