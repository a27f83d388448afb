/**
 * The accountability export's total rows (year totals, grand total) belong to no board: their board number and name
 * are empty — in the page data, the CSV and the XLSX. They were each the smallest of the rows summed (MIN per column
 * in `fund_accountability`), so with two boards a total row read as one board's number with the other's name.
 */
import { beforeAll, describe, expect, it } from 'vitest'
import ExcelJS from 'exceljs'
import { parse } from 'csv-parse/sync'
import { buildBoard, buildOrganisation, buildTwoRegionWorld, uniq } from '../db/factories.ts'
import { buildBudgetLine, buildFundGrant, buildReport } from './factories.ts'
import { accountabilityCsv, accountabilityXlsx, type Accountability } from './export.ts'
import { callerFor, db } from '../test/helpers.ts'

let acc: Accountability
/** number → name of the two boards: the lower number has the name that sorts last (as Stichting VO Twente 41234 and Scholengroep Noordoost-Twente 41235). */
let boards: Map<string, string>

beforeAll(async () => {
  const w = await buildTwoRegionWorld(db)
  const other = await buildBoard(db)
  await buildOrganisation(db, { regionIds: [w.a.region.id], boardId: other.id })
  const [low, high] = [w.a.board, other].sort((x, y) => Number(x.number) - Number(y.number)) as [typeof other, typeof other]
  const u = uniq()
  await db.board.update({ where: { id: low.id }, data: { name: `Stichting VO Twente ${u}` } })
  await db.board.update({ where: { id: high.id }, data: { name: `Scholengroep Noordoost-Twente ${u}` } })
  boards = new Map([
    [low.number, `Stichting VO Twente ${u}`],
    [high.number, `Scholengroep Noordoost-Twente ${u}`],
  ])
  const grant = await buildFundGrant(db, { regionId: w.a.region.id, penvoerderId: w.a.mbo.id })
  for (const year of [2018, 2019]) {
    const line = await buildBudgetLine(db, { grantId: grant.id, year, boardIds: [low.id, high.id], amountCents: 1_000_000 })
    await buildReport(db, { budgetLineId: line.id, boardId: low.id, year, amountCents: 10_000, status: 'APPROVED' })
    await buildReport(db, { budgetLineId: line.id, boardId: high.id, year, amountCents: 20_000, status: 'APPROVED', day: 2 })
  }
  acc = await (await callerFor(w.a.coordinator.id)).fund.accountability({ grantId: grant.id })
})

describe('the accountability export’s total rows', () => {
  it('name no board in the page data; each detail row names one board, number and name together', () => {
    expect(acc.rows).toHaveLength(4)
    for (const r of acc.rows) expect(boards.get(r.boardNumber!)).toBe(r.boardName)
    expect(acc.yearTotals.map((r) => [r.year, r.boardNumber, r.boardName, r.approvedCents])).toEqual([
      [2018, null, null, 30_000],
      [2019, null, null, 30_000],
    ])
    expect([acc.total.boardNumber, acc.total.boardName, acc.total.approvedCents]).toEqual([null, null, 60_000])
  })

  it('have empty board columns in the CSV', () => {
    const csv = parse(accountabilityCsv(acc, 'nl'), { delimiter: ';', bom: true, from_line: 2 }) as string[][]
    const totals = csv.filter((r) => r[0]!.startsWith('Totaal'))
    expect(totals.map((r) => r[0])).toEqual(['Totaal 2018', 'Totaal 2019', 'Totaal'])
    for (const r of totals) expect([r[1], r[2], r[3]]).toEqual(['', '', ''])
    const details = csv.filter((r) => /^\d{4}$/.test(r[0]!))
    expect(details).toHaveLength(4)
    for (const r of details) expect(boards.get(r[2]!)).toBe(r[3])
  })

  it('have empty board cells in the XLSX', async () => {
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.load((await accountabilityXlsx(acc, 'en')) as never)
    const totals: string[][] = []
    wb.worksheets[0]!.eachRow((row, n) => {
      const first = row.getCell(1).text
      if (n > 1 && first.startsWith('Total')) totals.push([first, row.getCell(2).text, row.getCell(3).text, row.getCell(4).text])
    })
    expect(totals).toEqual([
      ['Total 2018', '', '', ''],
      ['Total 2019', '', '', ''],
      ['Total', '', '', ''],
    ])
  })

  it('come from the replaced function, which keeps its generic plan (the setting a CREATE OR REPLACE resets)', async () => {
    const [fn] = await db.$queryRaw<{ config: string[] | null }[]>`SELECT p.proconfig AS config FROM pg_proc p WHERE p.proname = 'fund_accountability'`
    expect(fn?.config).toEqual(['plan_cache_mode=force_generic_plan'])
  })
})
