import { calendarEntries } from './calendar/query-entries.ts'
import pg from 'pg'
const pool = new pg.Pool({ connectionString: 'postgresql://postgres@127.0.0.1:5432/overstap_national_tpl' })
const region = (await pool.query(`SELECT r."regionId" AS id, count(*) FROM "CalendarEventRegion" r GROUP BY 1 ORDER BY 2 DESC LIMIT 1`)).rows[0].id
let captured: { text: string; values: unknown[] } | undefined
const fake = { $queryRawUnsafe: async (text: string, ...values: unknown[]) => { captured = { text, values }; return [{ entries: '[]', total: 0, last: null }] } }
await calendarEntries(fake as never, { regionId: region, filters: { types: [] }, window: { from: new Date('2027-02-28T23:00:00Z'), to: new Date('2027-03-31T22:00:00Z') }, take: 2000 })
const mode = process.argv[2] ?? 'explain'
if (mode === 'explain') {
  for (let i = 0; i < 3; i++) await pool.query(captured!.text, captured!.values)
  const r = await pool.query('EXPLAIN (ANALYZE, BUFFERS) ' + captured!.text, captured!.values)
  console.log(r.rows.map((x) => x['QUERY PLAN']).join('\n'))
} else {
  const t = []
  for (let i = 0; i < 60; i++) { const s = performance.now(); await pool.query(captured!.text, captured!.values); t.push(performance.now() - s) }
  t.sort((a, b) => a - b); console.log('p50', t[30].toFixed(1), 'p95', t[57].toFixed(1))
}
console.log(captured!.text.length)
await pool.end()
