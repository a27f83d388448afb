import { Readable } from 'node:stream'
import iconv from 'iconv-lite'
import { beforeAll, describe, expect, it } from 'vitest'
import { buildOrganisation, buildTwoRegionWorld, buildUser } from '../db/factories.ts'
import { loadActor } from '../auth/actor.ts'
import { callerFor, db, expectTrpcError } from '../test/helpers.ts'
import { ImportRejected, analyseImport, importCsv } from './import.ts'
import type { ImportOptions } from './schema.ts'
import { AppError } from '../lib/errors.ts'
import { suggestMapping } from './csv.ts'

type World = Awaited<ReturnType<typeof buildTwoRegionWorld>>
let w: World

const HEADER = 'cohort;brin;vestiging;leerweg;bestemming;gestart;ingeschreven_na_jaar_1;geswitcht;uitgevallen;diploma_nominaal'
// the columns use the Dutch names the mapping step recognises by itself
const mapping = suggestMapping(HEADER.split(';'))

async function actorOf(userId: string) {
  return (await loadActor(db, userId))!
}

function csv(lines: string[], opts: { encoding?: 'utf-8' | 'latin1'; header?: string } = {}) {
  const text = [opts.header ?? HEADER, ...lines].join('\n') + '\n'
  return Readable.from([iconv.encode(text, opts.encoding ?? 'utf-8')])
}

async function newDataset(userId: string, organisationId: string, source: 'NCO' | 'DUO' | 'OWN' = 'NCO') {
  return (await callerFor(userId)).transitions.create({ organisationId, source, description: `${source}-rapportage` })
}

function options(datasetId: string, extra: Partial<ImportOptions> = {}): ImportOptions {
  return { datasetId, encoding: 'utf-8', delimiter: ';', headerLine: 1, mapping, replace: false, ...extra }
}

async function rejection(p: Promise<unknown>): Promise<AppError> {
  const err = await p.then(
    () => {
      throw new Error('expected the import to be rejected')
    },
    (e: unknown) => e,
  )
  expect(err).toBeInstanceOf(AppError)
  return err as AppError
}

beforeAll(async () => {
  w = await buildTwoRegionWorld(db)
})

/** Every number in a JSON-able value with its path (keys and indices), e.g. ["flow.cells[3].value", 40]. */
function numbersIn(v: unknown, path = '', out: [string, number][] = []): [string, number][] {
  if (typeof v === 'number') out.push([path, v])
  else if (Array.isArray(v)) v.forEach((x, i) => numbersIn(x, `${path}[${i}]`, out))
  else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) numbersIn(x, path ? `${path}.${k}` : k, out)
  return out
}

describe('import: validation is all-or-nothing', () => {
  it('reports every bad row with its line and column and writes nothing; the fixed file imports in one go', async () => {
    const ds = await newDataset(w.a.staff.id, w.a.school.id)
    const actor = await actorOf(w.a.staff.id)
    const brin = w.a.school.brin
    const lines = [
      `2022;${brin};00;havo;hbo;40;34;5;3;0`,
      `2022;1X2Y;00;havo;mbo;10;8;1;1;0`, // line 3: bad BRIN
      `2022;${brin};00;vwo;wo;30;-2;1;1;0`, // line 4: negative count
      `2022;${brin};00;vwo;hbo;10;12;1;1;0`, // line 5: enrolled > started
      `2022;${brin};00;atheneum;mbo;10;8;1;1;0`, // line 6: unknown track
      `2022;${brin};00;havo;hbo;7;6;1;0;0`, // line 7: duplicate of line 2
    ]
    const err = await rejection(importCsv(db, actor, options(ds.id), csv(lines)))
    expect(err).toBeInstanceOf(ImportRejected)
    const e = err as ImportRejected
    expect(e.errorCount).toBe(5)
    expect(e.errors.map((x) => [x.line, x.column, x.key])).toEqual([
      [3, 'brin', 'transitions.import.row.brin'],
      [4, 'ingeschreven_na_jaar_1', 'transitions.import.row.count'],
      [5, 'ingeschreven_na_jaar_1', 'transitions.import.row.exceedsStarted'],
      [6, 'leerweg', 'transitions.import.row.track'],
      [7, '', 'transitions.import.row.duplicate'],
    ])
    expect(await db.transitionRow.count({ where: { datasetId: ds.id } })).toBe(0)

    const fixed = [lines[0]!, `2022;${brin};00;havo;mbo;10;8;1;1;0`, `2022;${brin};00;vwo;wo;30;28;1;1;0`]
    const ok = await importCsv(db, actor, options(ds.id), csv(fixed))
    expect(ok).toEqual({ rows: 3, cohorts: [2022], replaced: [], replacedElsewhere: [] })
    expect(await db.transitionRow.count({ where: { datasetId: ds.id } })).toBe(3)
    const audited = await db.auditLog.findFirst({ where: { entityId: ds.id, action: 'transitions.import' } })
    expect(audited?.actorId).toBe(w.a.staff.id)
    // the mapping is remembered for the organisation
    const analysed = await analyseImport(db, actor, ds.id, Buffer.from('Bron: DUO\nPeildatum: 1 oktober\n' + HEADER.replaceAll(';', ',') + '\n'))
    expect(analysed).toMatchObject({ delimiter: ',', headerLine: 3, encoding: 'utf-8', existingCohorts: [2022] })
    expect(analysed.mapping).toEqual(mapping)
    expect(Object.keys(mapping)).toHaveLength(10)
  })

  it('re-importing a cohort needs confirmation and then replaces only that cohort', async () => {
    const ds = await newDataset(w.a.staff.id, w.a.school.id, 'DUO')
    const actor = await actorOf(w.a.staff.id)
    const b = w.a.school.brin
    await importCsv(db, actor, options(ds.id), csv([`2021;${b};00;havo;hbo;20;18;1;1;0`, `2022;${b};00;havo;hbo;40;34;5;3;0`]))
    const again = csv([`2022;${b};00;havo;hbo;50;44;5;3;0`])
    const err = await rejection(importCsv(db, actor, options(ds.id), again))
    expect(err.code).toBe('CONFLICT')
    expect(err.params).toEqual({ cohorts: '2022' })
    expect((await db.transitionRow.findMany({ where: { datasetId: ds.id }, orderBy: { cohortYear: 'asc' } })).map((r) => r.started)).toEqual([20, 40])
    const res = await importCsv(db, actor, options(ds.id, { replace: true }), csv([`2022;${b};00;havo;hbo;50;44;5;3;0`]))
    expect(res.replaced).toEqual([2022])
    expect((await db.transitionRow.findMany({ where: { datasetId: ds.id }, orderBy: { cohortYear: 'asc' } })).map((r) => r.started)).toEqual([20, 50])
  })

  it('names the problem for a wrong delimiter, missing columns, Latin-1 read as UTF-8 and an oversized file', async () => {
    const ds = await newDataset(w.a.staff.id, w.a.school.id)
    const actor = await actorOf(w.a.staff.id)
    const b = w.a.school.brin
    expect((await rejection(importCsv(db, actor, options(ds.id, { delimiter: ',' }), csv([`2022;${b};00;havo;hbo;40;34;5;3;0`])))).key).toBe('transitions.import.errors.delimiter')
    const noCounts = HEADER.replace(';diploma_nominaal', '')
    const missing = await rejection(importCsv(db, actor, options(ds.id), csv([`2022;${b};00;havo;hbo;40;34;5;3`], { header: noCounts })))
    expect([missing.key, missing.params]).toEqual(['transitions.import.errors.missingColumns', { columns: 'diploma_nominaal' }])
    const latin = await rejection(importCsv(db, actor, options(ds.id), csv([`2022;${b};00;havo;hbo;40;34;5;3;0`, `2022;${b};00;vwo;onbekénd;4;4;0;0;0`], { encoding: 'latin1' })))
    expect((latin as ImportRejected).errors.map((e) => [e.line, e.key])).toContainEqual([3, 'transitions.import.row.encoding'])
    // the same Latin-1 file read as Latin-1 only fails on the unknown destination
    const asLatin = await rejection(importCsv(db, actor, options(ds.id, { encoding: 'latin1' }), csv([`2022;${b};00;vwo;onbekénd;4;4;0;0;0`], { encoding: 'latin1' })))
    expect((asLatin as ImportRejected).errors.map((e) => e.key)).toEqual(['transitions.import.row.destination'])
    const big = Readable.from((function* () {
      yield Buffer.from(HEADER + '\n')
      for (let i = 0; i < 100; i++) yield Buffer.from(`2022;${b};00;havo;hbo;40;34;5;3;0\n`.repeat(1000))
    })())
    const tooLarge = await rejection(importCsv(db, actor, options(ds.id), big, { maxBytes: 1024 * 1024 }))
    expect([tooLarge.code, tooLarge.key]).toEqual(['PAYLOAD_TOO_LARGE', 'transitions.import.errors.tooLarge'])
    expect(await db.transitionRow.count({ where: { datasetId: ds.id } })).toBe(0)
  })

  it('only the owner organisation’s staff may import', async () => {
    const ds = await newDataset(w.a.staff.id, w.a.school.id)
    for (const u of [w.a.coordinator, w.a.publisher, w.b.staff, w.admin]) {
      const err = await rejection(importCsv(db, await actorOf(u.id), options(ds.id), csv([`2022;${w.a.school.brin};00;havo;hbo;40;34;5;3;0`])))
      expect(err.code).toBe('FORBIDDEN')
    }
  })
})

describe('consent and disclosure control', () => {
  let datasetId: string
  beforeAll(async () => {
    const ds = await newDataset(w.a.staff.id, w.a.school.id)
    datasetId = ds.id
    const b = w.a.school.brin
    // havo: 3 → mbo (small), 40 → hbo, 13 → wo; vwo: 9 → mbo, 30 → hbo, 60 → wo
    await importCsv(
      db,
      await actorOf(w.a.staff.id),
      options(ds.id),
      csv([
        `2023;${b};00;havo;mbo;3;3;0;0;0`,
        `2023;${b};00;havo;hbo;40;34;4;2;0`,
        `2023;${b};00;havo;wo;13;11;1;1;0`,
        `2023;${b};00;vwo;mbo;9;7;1;1;0`,
        `2023;${b};00;vwo;hbo;30;27;2;1;0`,
        `2023;${b};00;vwo;wo;60;58;3;1;0`,
      ]),
    )
  })

  it('the owner sees raw figures; a partner institution only after consent, suppressed in the JSON itself', async () => {
    const owner = await callerFor(w.a.staff.id)
    const raw = await owner.transitions.report({ datasetId })
    expect(raw.masked).toBe(false)
    expect(raw.flow.cells.find((c) => c.row === 'HAVO' && c.col === 'MBO')?.value).toBe(3)

    const partner = await callerFor(w.a.publisher.id)
    await expectTrpcError(partner.transitions.report({ datasetId }), 'FORBIDDEN')
    expect((await partner.transitions.list()).map((d) => d.id)).not.toContain(datasetId)

    await owner.transitions.setSharing({ datasetId, sharing: 'PARTNERS', partnerIds: [w.a.mbo.id] })
    const masked = await partner.transitions.report({ datasetId })
    expect(masked.masked).toBe(true)
    const json = JSON.stringify(masked)
    // the small cell (3) and the cell that would give it away from the HAVO total (56 − 40 = 16 → 13 hidden too)
    const havo = masked.flow.cells.filter((c) => c.row === 'HAVO').map((c) => c.value)
    expect(havo).toEqual(['suppressed', 40, 'hidden'])
    expect(masked.flow.rowTotals.find((r) => r.key === 'HAVO')?.value).toBe(56)
    expect(JSON.stringify(masked.flow.cells)).not.toMatch(/"value":(3|9|13)\b/)
    expect(json).not.toMatch(/"value":(3|13)\b/)
    // the MBO column then has one hidden cell: the next-smallest (9) is hidden as well
    expect(masked.flow.cells.find((c) => c.row === 'VWO' && c.col === 'MBO')?.value).toBe('hidden')
    // percentages are clamped and never reveal a small group
    // every number anywhere in the response (not only "value" keys): none is a hidden cell (3, 9, 13) or a
    // difference that gives one away
    const numbers = numbersIn(masked)
    expect(numbers.length).toBeGreaterThan(20) // the walk reaches the table
    expect(numbers.filter(([path, n]) => [3, 9, 13].includes(n) && path !== 'minContributors').map(([path]) => path)).toEqual([]) // minContributors: the rule (3), not data
    // percentages are clamped and never reveal a small group: count the numeric ones first, so this cannot check nothing
    const pcts = masked.indicators.flatMap((i) => [i.enrolledPct, i.switchedPct, i.droppedOutPct, i.diplomaPct])
    const numericPcts = pcts.filter((p): p is number => typeof p === 'number')
    expect([pcts.length, numericPcts.length]).toEqual([8, 3])
    for (const p of numericPcts) expect(p >= 5 && p <= 95, String(p)).toBe(true)
    expect(JSON.stringify(masked.indicators)).not.toMatch(/"started":[0-5]\b/)
    // another region's staff and the region's other school: still forbidden
    await expectTrpcError((await callerFor(w.b.publisher.id)).transitions.report({ datasetId }), 'FORBIDDEN')
    await expectTrpcError((await callerFor(w.a.coordinator.id)).transitions.report({ datasetId }), 'FORBIDDEN')
  })

  it('sharing with the region opens it to the region, withdrawal closes it immediately; both are audited', async () => {
    const owner = await callerFor(w.a.staff.id)
    const coordinator = await callerFor(w.a.coordinator.id)
    await owner.transitions.setSharing({ datasetId, sharing: 'REGION', regionId: w.a.region.id })
    const regional = await coordinator.transitions.report({ regionId: w.a.region.id })
    expect(regional.masked).toBe(true)
    expect(JSON.stringify(regional.flow.cells)).not.toMatch(/"value":(3|9|13)\b/)
    // shared with the region, the dataset adds to the region's figures; on its own it stays the owner's
    expect((await coordinator.transitions.list()).map((d) => d.id)).not.toContain(datasetId)
    await expectTrpcError(coordinator.transitions.report({ datasetId }), 'FORBIDDEN')
    await expectTrpcError((await callerFor(w.a.publisher.id)).transitions.report({ datasetId }), 'FORBIDDEN')
    await expectTrpcError(coordinator.transitions.setSharing({ datasetId, sharing: 'PRIVATE' }), 'FORBIDDEN')
    await expectTrpcError((await callerFor(w.b.coordinator.id)).transitions.report({ regionId: w.a.region.id }), 'FORBIDDEN')
    await expectTrpcError(owner.transitions.setSharing({ datasetId, sharing: 'REGION', regionId: w.b.region.id }), 'BAD_REQUEST')

    await owner.transitions.setSharing({ datasetId, sharing: 'PRIVATE' })
    await expectTrpcError(coordinator.transitions.report({ datasetId }), 'FORBIDDEN')
    await expectTrpcError((await callerFor(w.a.publisher.id)).transitions.report({ datasetId }), 'FORBIDDEN')
    expect((await coordinator.transitions.report({ regionId: w.a.region.id })).flow.cells).toEqual([])
    const log = await db.auditLog.findMany({ where: { entityId: datasetId, action: { in: ['transitions.share', 'transitions.withdrawConsent'] } }, orderBy: { id: 'asc' } })
    expect(log.map((l) => [l.action, (l.after as { sharing: string }).sharing])).toEqual([
      ['transitions.share', 'PARTNERS'],
      ['transitions.share', 'REGION'],
      ['transitions.withdrawConsent', 'PRIVATE'],
    ])
    expect(log.every((l) => l.actorId === w.a.staff.id)).toBe(true)
  })

  it('the owner’s view carries the region average from region-shared data only', async () => {
    const other = await newDataset(w.a.staff.id, w.a.school.id, 'OWN')
    const b = w.a.school.brin
    await importCsv(db, await actorOf(w.a.staff.id), options(other.id), csv([`2023;${b};00;havo;hbo;100;80;10;10;50`]))
    const owner = await callerFor(w.a.staff.id)
    expect((await owner.transitions.report({ datasetId })).region?.indicators).toEqual([])
    await owner.transitions.setSharing({ datasetId: other.id, sharing: 'REGION', regionId: w.a.region.id })
    // one organisation is no region average: fewer than three contributors, so nothing of it is shown
    const alone = await owner.transitions.report({ datasetId })
    expect(alone.region?.indicators).toEqual([{ cohortYear: 2023, track: 'HAVO', started: 'protected', enrolledPct: 'suppressed', switchedPct: 'suppressed', droppedOutPct: 'suppressed', diplomaPct: 'suppressed' }])
    // two more schools share comparable figures: now the average over three organisations is shown
    for (const n of [90, 110]) {
      const school = await buildOrganisation(db, { regionIds: [w.a.region.id] })
      const staff = await buildUser(db, { roles: [{ role: 'ORG_STAFF', organisationId: school.id }] })
      const ds = await newDataset(staff.id, school.id, 'OWN')
      await importCsv(db, await actorOf(staff.id), options(ds.id), csv([`2023;${school.brin};00;havo;hbo;${n};${n - 20};10;10;${n / 2}`]))
      await (await callerFor(staff.id)).transitions.setSharing({ datasetId: ds.id, sharing: 'REGION', regionId: w.a.region.id })
    }
    const r = await owner.transitions.report({ datasetId })
    expect(r.region?.indicators).toEqual([{ cohortYear: 2023, track: 'HAVO', started: 300, enrolledPct: 80, switchedPct: 10, droppedOutPct: 10, diplomaPct: 50 }])
  })
})

describe('permissions', () => {
  it('datasets are created only for one’s own organisation; cross-tenant calls are FORBIDDEN', async () => {
    const staff = await callerFor(w.a.staff.id)
    await expectTrpcError(staff.transitions.create({ organisationId: w.b.school.id, source: 'OWN', description: 'Overgenomen' }), 'FORBIDDEN')
    await expectTrpcError((await callerFor(w.a.coordinator.id)).transitions.create({ organisationId: w.a.school.id, source: 'OWN', description: 'Namens' }), 'FORBIDDEN')
    const ds = await newDataset(w.a.staff.id, w.a.school.id)
    const b = await callerFor(w.b.staff.id)
    await expectTrpcError(b.transitions.get({ datasetId: ds.id }), 'FORBIDDEN')
    await expectTrpcError(b.transitions.setSharing({ datasetId: ds.id, sharing: 'REGION', regionId: w.b.region.id }), 'FORBIDDEN')
    await expectTrpcError(b.transitions.delete({ datasetId: ds.id }), 'FORBIDDEN')
    await expectTrpcError(b.transitions.get({ datasetId: 'does-not-exist' }), 'NOT_FOUND')
    const noRoles = await buildUser(db)
    await expectTrpcError((await callerFor(noRoles.id)).transitions.list(), 'FORBIDDEN')
    await expectTrpcError((await callerFor(null)).transitions.list(), 'UNAUTHORIZED')
    await staff.transitions.delete({ datasetId: ds.id })
    expect(await db.transitionDataset.findUnique({ where: { id: ds.id } })).toBeNull()
  })
})
