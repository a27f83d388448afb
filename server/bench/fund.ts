/**
 * Fund benchmark: the region dashboard (`fund.regionDashboard`) over a grant of 4 years × 40 boards × 2,000
 * expenditure reports, through the tRPC HTTP endpoint, next to an independent hand-written floor (plain GROUP BYs,
 * not the app's GROUPING SETS statement) that must give the same figures; the app's own statements are EXPLAINed. Also the board dashboard (with the query plan: a board's reports through the index, not a
 * scan of all reports) and the accountability export. The final settlement (`fund.settlement`, 40 boards × 4 years,
 * with budget, approved reports and payments) is measured next to an independent hand-written floor: three plain
 * GROUP BY aggregates (budget, approved, paid per board and year) joined with FULL JOIN — not the app's statement.
 */
import { buildBoard, buildOrganisation, buildRegion, buildUser } from '../db/factories.ts'
import { buildFundGrant } from '../fund/factories.ts'
import { benchFailures, captureQueries, compare, explainApp, percentile, sameRows, type BenchContext, type BenchResult } from './harness.ts'
import { nationalTenants } from './national/bench-database.ts'

const YEARS = [2018, 2019, 2020, 2021]

/**
 * Where an app call's time goes: the statements it sends (captured), those same statements timed over bare pg (p50
 * of `n` runs, one after another as the app's own awaits would), and this process's CPU per call — server and
 * client both run here (tRPC, superjson, Prisma, the service's JavaScript), so it is the app's whole CPU cost.
 */
export async function appCost(ctx: BenchContext, call: () => Promise<unknown>, n = 20) {
  const { queries } = await captureQueries(call)
  const sql: number[] = []
  for (let i = 0; i < n; i++) {
    const t0 = performance.now()
    for (const q of queries) await ctx.pool.query(q.text, q.values)
    sql.push(performance.now() - t0)
  }
  const c0 = process.cpuUsage()
  for (let i = 0; i < n; i++) await call()
  const c = process.cpuUsage(c0)
  return { statements: queries.length, appSqlP50: `${percentile(sql, 50).toFixed(1)} ms`, cpuPerCall: `${((c.user + c.system) / 1000 / n).toFixed(1)} ms` }
}
type PlanNode = { 'Node Type': string; 'Relation Name'?: string; Plans?: PlanNode[] }
const nodesOf = (n: PlanNode): PlanNode[] => [n, ...(n.Plans ?? []).flatMap(nodesOf)]

/**
 * The app's page statements are PL/pgSQL functions (`SELECT * FROM "fund_dashboard"($1, $2)`), whose EXPLAIN shows a
 * Function Scan only: explainApp cannot see inside. This EXPLAINs the statements INSIDE each function the call runs
 * (and the plpgsql functions they call, e.g. fund_grant), with the call's parameters, as the GENERIC plan the function
 * keeps after its first calls (PREPARE under plan_cache_mode = force_generic_plan): a Seq Scan there on a table of
 * ≥ 10,000 rows fails the run.
 */
export async function explainInsideFunctions(ctx: BenchContext, name: string, call: () => Promise<unknown>, largeRows = 10_000): Promise<string> {
  const { queries } = await captureQueries(call)
  const big = new Set((await ctx.pool.query<{ relname: string }>(`SELECT relname FROM pg_class WHERE relkind = 'r' AND relnamespace = 'public'::regnamespace AND reltuples >= $1`, [largeRows])).rows.map((r) => r.relname))
  const fns = new Map(
    (await ctx.pool.query<{ proname: string; src: string; args: string[] | null; types: string[] }>(
      `SELECT p.proname, p.prosrc AS src, p.proargnames AS args, ARRAY(SELECT format_type(t, NULL) FROM unnest(p.proargtypes) t) AS types
         FROM pg_proc p JOIN pg_language l ON l.oid = p.prolang WHERE l.lanname = 'plpgsql' AND p.pronamespace = 'public'::regnamespace`,
    )).rows.map((r) => [r.proname, r]),
  )
  const statements: { fn: string; text: string; values: unknown[] }[] = []
  /** The statements of function `fn` called with these values (its own calls of plpgsql functions followed once). */
  const collect = (fn: string, values: unknown[], seen: Set<string>) => {
    const f = fns.get(fn)
    if (!f || seen.has(fn)) return
    seen.add(fn)
    const params = (f.args ?? []).slice(0, f.types.length)
    const bind = (sql: string) => params.reduce((t, p, i) => t.replace(new RegExp(`\\b${p}\\b`, 'g'), `$${i + 1}::${f.types[i]}`), sql)
    for (const m of f.src.matchAll(/RETURN\s+(QUERY\s+)?([\s\S]*?);/g)) {
      const body = m[2]!.trim()
      if (!body) continue
      statements.push({ fn, text: bind(m[1] ? body : `SELECT ${body}`), values })
      for (const c of body.matchAll(/"(\w+)"\(([^()]*)\)/g)) {
        if (!fns.has(c[1]!)) continue
        const args = c[2]!.split(',').map((a) => values[params.indexOf(a.trim())])
        collect(c[1]!, args, seen)
      }
    }
  }
  for (const q of queries) {
    const m = /^\s*SELECT \* FROM "(\w+)"\(/.exec(q.text)
    if (m) collect(m[1]!, q.values, new Set())
  }
  const client = await ctx.pool.connect()
  const scans = new Set<string>()
  try {
    await client.query('SET plan_cache_mode = force_generic_plan')
    for (const [i, st] of statements.entries()) {
      await client.query(`PREPARE bench_fn_${i} AS ${st.text}`)
      const literal = (v: unknown) => (v === null || v === undefined ? 'NULL' : Array.isArray(v) ? `ARRAY[${v.map((x) => `'${String(x).replaceAll("'", "''")}'`).join(',')}]::text[]` : `'${String(v instanceof Date ? v.toISOString() : v).replaceAll("'", "''")}'`)
      const plan = (await client.query(`EXPLAIN (FORMAT JSON) EXECUTE bench_fn_${i}(${st.values.map(literal).join(', ')})`)).rows[0]['QUERY PLAN'][0].Plan as PlanNode
      for (const n of nodesOf(plan)) if (n['Node Type'] === 'Seq Scan' && n['Relation Name'] && big.has(n['Relation Name'])) scans.add(`${st.fn}: Seq Scan on ${n['Relation Name']}`)
      await client.query(`DEALLOCATE bench_fn_${i}`)
    }
  } finally {
    await client.query('RESET plan_cache_mode')
    client.release()
  }
  for (const s of scans) benchFailures.push(`${name}: ${s} (generic plan of the function's statement)`)
  return `${statements.length} statements inside ${[...new Set(statements.map((s) => s.fn))].join(', ')} explained (generic plans), ${scans.size ? [...scans].join('; ') : `no Seq Scan on a table of ≥ ${largeRows.toLocaleString('en-US')} rows`}`
}

const BOARDS = 40
const REPORTS = 2_000

export async function seed(ctx: Pick<BenchContext, "db" | "pool">) {
  // A second, busier region so the grant's reports are a fraction of the table.
  const regions = [await buildRegion(ctx.db), await buildRegion(ctx.db)]
  const grants = []
  const boardIds: string[][] = [[], []]
  for (const [r, region] of regions.entries()) {
    for (let b = 0; b < BOARDS; b++) {
      const board = await buildBoard(ctx.db)
      await buildOrganisation(ctx.db, { regionIds: [region.id], boardId: board.id })
      boardIds[r]!.push(board.id)
    }
    const penvoerder = await buildOrganisation(ctx.db, { regionIds: [region.id], sector: 'MBO' })
    grants.push(await buildFundGrant(ctx.db, { regionId: region.id, penvoerderId: penvoerder.id }))
  }
  for (const [r, grant] of grants.entries()) {
    const boards = `ARRAY[${boardIds[r]!.map((id) => `'${id}'`).join(',')}]`
    const cats = `ARRAY['PERSONNEL','ACTIVITIES','MATERIALS','TRANSPORT','EXTERNAL_HIRE','OVERHEAD']::"FundCategory"[]`
    // One line per board per year (160), each for its board.
    await ctx.pool.query(
      `INSERT INTO "FundBudgetLine" (id, "grantId", year, activity, category, "amountCents", "createdAt", "updatedAt")
       SELECT $1 || '-l' || g, $1, ${YEARS[0]} + g % 4, 'Activiteit ' || g, (${cats})[1 + g % 6], 100000 + g * 137, now(), now()
       FROM generate_series(0, ${BOARDS * YEARS.length - 1}) g`,
      [grant.id],
    )
    await ctx.pool.query(
      `INSERT INTO "FundBudgetLineBoard" ("budgetLineId", "boardId") SELECT $1 || '-l' || g, (${boards})[1 + (g / 4) % ${BOARDS}] FROM generate_series(0, ${BOARDS * YEARS.length - 1}) g`,
      [grant.id],
    )
    // Reports: region 0 gets REPORTS, region 1 (standing for the rest of the country) 25 times as many, so the
    // measured grant's reports are ~4 % of the table, as one region's are of a national one: at the former 1:5
    // (12,000 rows) the planner rightly hash-joined a sequential scan of the small table, and the EXPLAIN check said
    // nothing about the index the region's query needs. Report g is on line g % 160 for that line's board.
    const n = r === 0 ? REPORTS : REPORTS * 25
    await ctx.pool.query(
      `INSERT INTO "FundReport" (id, "budgetLineId", "boardId", "amountCents", "coFinancedCents", "spentOn", description, category, status, version, "createdAt", "updatedAt")
       SELECT $1 || '-r' || g, $1 || '-l' || (g % 160), (${boards})[1 + ((g % 160) / 4) % ${BOARDS}], 1000 + (g * 7919) % 500000, (g * 31) % 20000,
              make_date(${YEARS[0]} + (g % 160) % 4, 1 + g % 12, 1 + g % 28), 'Besteding ' || g, (${cats})[1 + g % 6],
              (ARRAY['DRAFT','SUBMITTED','APPROVED','APPROVED','APPROVED','REJECTED']::"FundReportStatus"[])[1 + g % 6], 1, now(), now()
       FROM generate_series(0, ${n - 1}) g`,
      [grant.id],
    )
  }
  for (const [r, grant] of grants.entries()) {
    // Payments: 3 per board per year (an advance and two after approval), region 1 again five times as many.
    const boards = `ARRAY[${boardIds[r]!.map((id) => `'${id}'`).join(',')}]`
    const n = BOARDS * YEARS.length * 3 * (r === 0 ? 1 : 5)
    await ctx.pool.query(
      `INSERT INTO "FundPayment" (id, "grantId", "boardId", year, kind, "paidOn", "amountCents", reference, "createdAt")
       SELECT $1 || '-p' || g, $1, (${boards})[1 + (g / 3) % ${BOARDS}], ${YEARS[0]} + (g / ${BOARDS * 3}) % 4,
              (ARRAY['ADVANCE','AFTER_APPROVAL','AFTER_APPROVAL']::"FundPaymentKind"[])[1 + g % 3],
              make_date(${YEARS[0]} + (g / ${BOARDS * 3}) % 4, 1 + g % 12, 1 + g % 28), 5000 + (g * 4241) % 300000, 'BET-' || g, now()
       FROM generate_series(0, ${n - 1}) g`,
      [grant.id],
    )
  }
  await ctx.pool.query('ANALYZE "FundBudgetLine"; ANALYZE "FundBudgetLineBoard"; ANALYZE "FundReport"; ANALYZE "FundPayment"')
  const coordinator = await buildUser(ctx.db, { roles: [{ role: 'REGION_COORDINATOR', regionId: regions[0]!.id }] })
  const reporter = await buildUser(ctx.db, { roles: [{ role: 'BOARD_REPORTER', boardId: boardIds[0]![0]! }] })
  return { grantId: grants[0]!.id, coordinatorId: coordinator.id, reporterId: reporter.id, boardId: boardIds[0]![0]! }
}

export async function benchFund(ctx: BenchContext): Promise<BenchResult[]> {
  // --national: the grant of the national data set's largest region (its coordinator, and the reporter of one of its
  // boards) among the grants of all 100 regions, instead of the bench's own two grants.
  const nat = nationalTenants(ctx)
  const s = nat ? { grantId: nat.grantId, coordinatorId: nat.coordinatorId, reporterId: nat.reporterId, boardId: nat.boardId } : await seed(ctx)
  const scope = nat
    ? await (async () => {
        const { rows } = await ctx.pool.query<{ reports: number; boards: number; all: number }>(
          `SELECT (SELECT count(*)::int FROM "FundReport" r JOIN "FundBudgetLine" l ON l.id = r."budgetLineId" WHERE l."grantId" = $1) AS reports,
                  (SELECT count(DISTINCT lb."boardId")::int FROM "FundBudgetLine" l JOIN "FundBudgetLineBoard" lb ON lb."budgetLineId" = l.id WHERE l."grantId" = $1) AS boards,
                  (SELECT count(*)::int FROM "FundReport") AS "all"`,
          [s.grantId],
        )
        return { label: `largest national region: ${rows[0]!.boards} boards, ${rows[0]!.reports.toLocaleString('en-US')} of ${rows[0]!.all.toLocaleString('en-US')} reports`, all: rows[0]!.all }
      })()
    : { label: '4 y × 40 boards × 2,000 reports', all: REPORTS * 26 }
  const coordinator = ctx.client(s.coordinatorId)
  const reporter = ctx.client(s.reporterId)
  // Independent floors, written by hand (not the app's GROUPING SETS statement): the report sums per year, per
  // board and in total, budget per year, payments per year — five plain GROUP BYs — for the region or one board.
  const floorSql = (board: boolean) => ({
    text: `
      WITH rep AS (
        SELECT l.year, r."boardId", r."amountCents", r."coFinancedCents", r.status FROM "FundReport" r JOIN "FundBudgetLine" l ON l.id = r."budgetLineId"
         WHERE l."grantId" = $1 AND r.status IN ('SUBMITTED', 'APPROVED') ${board ? `AND r."boardId" = $2` : ''})
      SELECT 'year' AS k, year::text AS key, SUM("amountCents")::bigint AS reported, (SUM("amountCents") FILTER (WHERE status = 'APPROVED'))::bigint AS approved, COUNT(*)::bigint AS n FROM rep GROUP BY year
      UNION ALL SELECT 'board', "boardId", SUM("amountCents")::bigint, (SUM("amountCents") FILTER (WHERE status = 'APPROVED'))::bigint, COUNT(*)::bigint FROM rep GROUP BY "boardId"
      UNION ALL SELECT 'total', '', SUM("amountCents")::bigint, (SUM("amountCents") FILTER (WHERE status = 'APPROVED'))::bigint, COUNT(*)::bigint FROM rep
      UNION ALL SELECT 'budget', l.year::text, SUM(l."amountCents")::bigint, NULL, COUNT(*)::bigint FROM "FundBudgetLine" l
                 WHERE l."grantId" = $1 ${board ? `AND EXISTS (SELECT 1 FROM "FundBudgetLineBoard" b WHERE b."budgetLineId" = l.id AND b."boardId" = $2)` : ''} GROUP BY l.year
      UNION ALL SELECT 'paid', p.year::text, SUM(p."amountCents")::bigint, NULL, COUNT(*)::bigint FROM "FundPayment" p WHERE p."grantId" = $1 ${board ? `AND p."boardId" = $2` : ''} GROUP BY p.year`,
    values: board ? [s.grantId, s.boardId] : [s.grantId],
  })
  const regionSql = floorSql(false)
  const boardSql = floorSql(true)
  const floor = (q: { text: string; values: unknown[] }) => () => ctx.pool.query(q.text, q.values)
  type FloorRow = { k: string; key: string; reported: string; approved: string | null; n: string }
  type Dash = Pick<Awaited<ReturnType<typeof coordinator.fund.regionDashboard.query>>, 'byYear' | 'byBoard' | 'totals'>
  /** The dashboard's figures as the floor's rows (same keys), to check both give the same answer. */
  const dashRows = (d: Dash, board: boolean) => [
    ...d.byYear.filter((y) => y.reportCount > 0).map((y) => ['year', String(y.year), y.reportedCents, y.approvedCents, y.reportCount]),
    ...d.byBoard.filter((b) => b.reportCount > 0 && (!board || b.id === s.boardId)).map((b) => ['board', b.id, b.reportedCents, b.approvedCents, b.reportCount]),
    ['total', '', d.totals.reportedCents, d.totals.approvedCents, d.totals.reportCount],
    ...d.byYear.filter((y) => y.budgetedCents > 0).map((y) => ['budget', String(y.year), y.budgetedCents]),
    ...d.byYear.filter((y) => y.paidCents > 0).map((y) => ['paid', String(y.year), y.paidCents]),
  ]
  const floorFigures = async (q: { text: string; values: unknown[] }) =>
    ((await ctx.pool.query<FloorRow>(q.text, q.values)).rows as FloorRow[]).map((r) =>
      ['budget', 'paid'].includes(r.k) ? [r.k, r.key, Number(r.reported)] : [r.k, r.key, Number(r.reported), Number(r.approved ?? 0), Number(r.n)],
    )

  // Sanity: the API's totals equal a plain SUM over the reports.
  const dash = await coordinator.fund.regionDashboard.query({ grantId: s.grantId })
  const plain = await ctx.pool.query(
    `SELECT SUM(r."amountCents") FILTER (WHERE r.status = 'APPROVED')::bigint AS approved FROM "FundReport" r JOIN "FundBudgetLine" l ON l.id = r."budgetLineId" WHERE l."grantId" = $1`,
    [s.grantId],
  )
  if (dash.totals.approvedCents !== Number(plain.rows[0].approved)) throw new Error('fund bench: dashboard total differs from SUM')

  // App and floor give the same figures; the app's own statements read no large table by a Seq Scan.
  sameRows('fund.regionDashboard vs floor', dashRows(dash, false), await floorFigures(regionSql))
  sameRows('fund.dashboard (board) vs floor', dashRows(await reporter.fund.dashboard.query({ grantId: s.grantId }), true), await floorFigures(boardSql))
  const regionPlan = await explainApp(ctx, 'fund.regionDashboard', () => coordinator.fund.regionDashboard.query({ grantId: s.grantId }))
  const boardPlan = await explainApp(ctx, 'fund.dashboard (board)', () => reporter.fund.dashboard.query({ grantId: s.grantId }))
  const exportPlan = await explainApp(ctx, 'fund.accountability', () => coordinator.fund.accountability.query({ grantId: s.grantId }))
  const settlementPlan = await explainApp(ctx, 'fund.settlement', () => coordinator.fund.settlement.query({ grantId: s.grantId }))
  const inside = {
    region: await explainInsideFunctions(ctx, 'fund.regionDashboard', () => coordinator.fund.regionDashboard.query({ grantId: s.grantId })),
    board: await explainInsideFunctions(ctx, 'fund.dashboard (board)', () => reporter.fund.dashboard.query({ grantId: s.grantId })),
    export: await explainInsideFunctions(ctx, 'fund.accountability', () => coordinator.fund.accountability.query({ grantId: s.grantId })),
    settlement: await explainInsideFunctions(ctx, 'fund.settlement', () => coordinator.fund.settlement.query({ grantId: s.grantId })),
  }
  // 300 samples in 6 alternating blocks (as the auth bench): calls of a few ms, whose p95 of 50 is the 48th value.
  const region = await compare(`fund.regionDashboard (${scope.label})`, () => coordinator.fund.regionDashboard.query({ grantId: s.grantId }), floor(regionSql), 300, 6)
  const board = await compare('fund.dashboard as board reporter (own board)', () => reporter.fund.dashboard.query({ grantId: s.grantId }), floor(boardSql), 300, 6)
  const exportResult = await compare('fund.accountability (export rows + totals)', () => coordinator.fund.accountability.query({ grantId: s.grantId }), floor(regionSql), 300, 6)
  // Settlement: the app's one GROUPING SETS statement over budget shares, approved reports and payments, over HTTP,
  // next to a hand-written floor that gets the same per-board-and-year figures with three plain aggregates.
  const settlementFloor = {
    text: `WITH budget AS (
             SELECT lb."boardId", l.year, SUM(l."amountCents") AS budgeted
               FROM "FundBudgetLine" l JOIN "FundBudgetLineBoard" lb ON lb."budgetLineId" = l.id
              WHERE l."grantId" = $1 GROUP BY lb."boardId", l.year),
           spent AS (
             SELECT r."boardId", l.year, SUM(r."amountCents") AS approved, SUM(r."coFinancedCents") AS cofinanced
               FROM "FundReport" r JOIN "FundBudgetLine" l ON l.id = r."budgetLineId"
              WHERE l."grantId" = $1 AND r.status = 'APPROVED' GROUP BY r."boardId", l.year),
           paid AS (
             SELECT "boardId", year, SUM("amountCents") AS paid FROM "FundPayment" WHERE "grantId" = $1 GROUP BY "boardId", year)
         SELECT "boardId", year, COALESCE(budgeted, 0) AS budgeted, COALESCE(approved, 0) AS approved, COALESCE(cofinanced, 0) AS cofinanced, COALESCE(paid, 0) AS paid
           FROM budget FULL JOIN spent USING ("boardId", year) FULL JOIN paid USING ("boardId", year)`,
    values: [s.grantId],
  }
  const settled = await coordinator.fund.settlement.query({ grantId: s.grantId })
  const floorRows = (await ctx.pool.query(settlementFloor.text, settlementFloor.values)).rows as { approved: string; paid: string; budgeted: string }[]
  const sumOf = (k: 'approved' | 'paid' | 'budgeted') => floorRows.reduce((a, r) => a + Number(r[k]), 0)
  if (settled.region.approvedCents !== sumOf('approved') || settled.region.paidCents !== sumOf('paid') || settled.region.budgetedCents !== sumOf('budgeted'))
    throw new Error('fund bench: settlement totals differ from the hand-written floor')
  if (settled.region.approvedCents !== dash.totals.approvedCents || settled.region.paidCents !== dash.totals.paidCents) throw new Error('fund bench: settlement totals differ from the dashboard')
  const settlementResult = await compare(nat ? `fund.settlement (${scope.label}; budget + reports + payments)` : 'fund.settlement (region: 40 boards × 4 years, budget + reports + payments)', () => coordinator.fund.settlement.query({ grantId: s.grantId }), floor(settlementFloor), 300, 6)
  const cost = {
    region: await appCost(ctx, () => coordinator.fund.regionDashboard.query({ grantId: s.grantId })),
    board: await appCost(ctx, () => reporter.fund.dashboard.query({ grantId: s.grantId })),
    export: await appCost(ctx, () => coordinator.fund.accountability.query({ grantId: s.grantId })),
    settlement: await appCost(ctx, () => coordinator.fund.settlement.query({ grantId: s.grantId })),
  }
  settlementResult.notes = { boards: settled.byBoard.length, paidCents: settled.region.paidCents, floor: 'hand-written GROUP BY + FULL JOIN', ...cost.settlement, plan: settlementPlan.note, planInside: inside.settlement }
  region.notes = { approvedCents: dash.totals.approvedCents, reportsInTable: scope.all, floor: 'hand-written GROUP BYs, same figures checked', ...cost.region, plan: regionPlan.note, planInside: inside.region }
  board.notes = { floor: 'hand-written GROUP BYs, same figures checked', ...cost.board, plan: boardPlan.note, planInside: inside.board }
  exportResult.notes = { floor: 'the region floor (hand-written)', ...cost.export, plan: exportPlan.note, planInside: inside.export }
  return [region, board, exportResult, settlementResult]
}
