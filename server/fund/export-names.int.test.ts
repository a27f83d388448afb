/**
 * Export file names in the request's language (the NEXT_LOCALE cookie), through the catalogue: the accountability
 * and settlement downloads were "verantwoording-…" / "afrekening-…" in English too. The English settlement PDF's
 * sign-off says "Lead institution", as the rest of it does (it said "Penvoerder / coordinator").
 */
import { randomBytes } from 'node:crypto'
import { beforeAll, describe, expect, it } from 'vitest'
import { GET as exportGET } from '../../app/api/fund/grants/[id]/export/route.ts'
import { GET as settlementGET } from '../../app/api/fund/grants/[id]/settlement/route.ts'
import { buildTwoRegionWorld } from '../db/factories.ts'
import { SESSION_MAX_AGE } from '../auth/session.ts'
import { translator } from '../i18n/translate.ts'
import { messages } from '../i18n/messages/index.ts'
import { db } from '../test/helpers.ts'
import { buildBudgetLine, buildFundGrant, buildReport } from './factories.ts'

let w: Awaited<ReturnType<typeof buildTwoRegionWorld>>
let grant: { id: string }
let session: string

beforeAll(async () => {
  w = await buildTwoRegionWorld(db)
  grant = await buildFundGrant(db, { regionId: w.a.region.id, penvoerderId: w.a.mbo.id })
  const line = await buildBudgetLine(db, { grantId: grant.id, year: 2019, boardIds: [w.a.board.id] })
  await buildReport(db, { budgetLineId: line.id, boardId: w.a.board.id, year: 2019, amountCents: 10_000 })
  session = randomBytes(32).toString('hex')
  await db.session.create({ data: { sessionToken: session, userId: w.a.coordinator.id, expires: new Date(Date.now() + SESSION_MAX_AGE * 1000) } })
})

const get = (handler: typeof exportGET, path: string, locale?: 'nl' | 'en') =>
  handler(new Request(`http://localhost/api/fund/grants/${grant.id}/${path}`, { headers: { cookie: `authjs.session-token=${session}${locale ? `; NEXT_LOCALE=${locale}` : ''}` } }), { params: Promise.resolve({ id: grant.id }) })

const filename = (res: Response) => /filename="([^"]+)"/.exec(res.headers.get('content-disposition') ?? '')?.[1]
const regionSlug = () => w.a.region.name.toLowerCase().replace(/[^a-z0-9-]+/g, '-')

describe('fund exports: file names in the request’s language', () => {
  it('accountability: "accountability-<region>-2018-2021.csv" in English, "verantwoording-…" in Dutch', async () => {
    const en = await get(exportGET, 'export?format=csv', 'en')
    expect(en.status).toBe(200)
    expect(filename(en)).toBe(`accountability-${regionSlug()}-2018-2021.csv`)
    expect(filename(await get(exportGET, 'export?format=xlsx', 'en'))).toBe(`accountability-${regionSlug()}-2018-2021.xlsx`)
    expect(filename(await get(exportGET, 'export?format=csv'))).toBe(`verantwoording-${regionSlug()}-2018-2021.csv`)
  })

  it('settlement: "settlement-<region>-2018-2021.csv" in English, "afrekening-…" in Dutch', async () => {
    const en = await get(settlementGET, 'settlement?format=csv', 'en')
    expect(en.status).toBe(200)
    expect(filename(en)).toBe(`settlement-${regionSlug()}-2018-2021.csv`)
    expect(filename(await get(settlementGET, 'settlement?format=csv', 'nl'))).toBe(`afrekening-${regionSlug()}-2018-2021.csv`)
  })

  it('the English settlement sign-off names the lead institution; no English fund text says "penvoerder"', () => {
    expect(translator('en')('fund.settlement.signatory')).toBe('Lead institution / coordinator')
    const texts = (tree: unknown): string[] => (typeof tree === 'string' ? [tree] : Object.values(tree as Record<string, unknown>).flatMap(texts))
    expect(texts(messages.en.fund).filter((text) => /penvoerder/i.test(text))).toEqual([])
  })
})
