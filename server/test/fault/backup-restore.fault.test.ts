/**
 * Backups: `npm run db:backup` of a seeded database (the demo seed) and `npm run db:restore` into a fresh, empty
 * database give every table the same row count and the fund dashboard the same totals.
 */
import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync, statSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import pg from 'pg'
import { beforeAll, describe, expect, inject, it } from 'vitest'
import type { Cluster } from './pg-cluster.ts'
import { faultDatabase } from './harness.ts'

let cluster: Cluster
let url: string

beforeAll(async () => {
  const made = await faultDatabase()
  if (made) ({ cluster, url } = made)
})

async function rowCounts(connectionString: string): Promise<Record<string, number>> {
  const c = new pg.Client({ connectionString })
  await c.connect()
  const { rows: tables } = await c.query<{ schemaname: string; tablename: string }>(`SELECT schemaname, tablename FROM pg_tables WHERE schemaname NOT IN ('pg_catalog', 'information_schema') ORDER BY 1, 2`)
  const out: Record<string, number> = {}
  for (const t of tables) out[`${t.schemaname}.${t.tablename}`] = Number((await c.query(`SELECT count(*) AS n FROM "${t.schemaname}"."${t.tablename}"`)).rows[0].n)
  await c.end()
  return out
}

describe.skipIf(!inject('faultCluster'))('backup and restore', () => {
  it('restores a seeded database with equal row counts and fund dashboard totals', async () => {
    const env: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: url, NODE_ENV: 'development' }
    execFileSync('npm', ['run', '--silent', 'db:seed'], { env, stdio: 'pipe' })
    const dir = mkdtempSync(path.join(os.tmpdir(), 'overstap-backup-'))
    const file = path.join(dir, 'seeded.dump')
    try {
      execFileSync('npm', ['run', '--silent', 'db:backup', '--', file], { env, stdio: 'pipe' })
      expect(statSync(file).size).toBeGreaterThan(10_000)

      const fresh = `overstap_restore_${process.pid}`
      const admin = new pg.Client({ connectionString: cluster.url() })
      await admin.connect()
      await admin.query(`CREATE DATABASE "${fresh}"`)
      await admin.end()
      const restoredUrl = cluster.url(fresh)
      execFileSync('npm', ['run', '--silent', 'db:restore', '--', file], { env: { ...env, DATABASE_URL: restoredUrl }, stdio: 'pipe' })

      const before = await rowCounts(url)
      const after = await rowCounts(restoredUrl)
      expect(Object.keys(before).length).toBeGreaterThan(20)
      expect(Object.values(before).reduce((a, b) => a + b, 0)).toBeGreaterThan(100)
      expect(after).toEqual(before)

      // The fund dashboard of every grant, computed by the app on each database, is equal.
      const { PrismaPg } = await import('@prisma/adapter-pg')
      const { PrismaClient } = await import('../../db/generated/client.ts')
      const { loadActor } = await import('../../auth/actor.ts')
      const { dashboard } = await import('../../fund/dashboard.ts')
      const totals = async (u: string) => {
        const db = new PrismaClient({ adapter: new PrismaPg({ connectionString: u, max: 2 }) })
        const admin = await db.user.findFirstOrThrow({ where: { roles: { some: { role: 'PLATFORM_ADMIN' } } }, orderBy: { id: 'asc' } })
        const actor = (await loadActor(db, admin.id))!
        const grants = await db.fundGrant.findMany({ select: { id: true }, orderBy: { id: 'asc' } })
        const out = []
        // Totals per grant, year, category and board (rows in a stable order: a restore may store them in another).
        const byKey = <T,>(rows: T[], key: (r: T) => string) => [...rows].sort((x, y) => key(x).localeCompare(key(y)))
        for (const g of grants) {
          const d = await dashboard(db, actor, g.id)
          out.push({ grant: g.id, totals: d.totals, byYear: d.byYear, byCategory: byKey(d.byCategory, (r) => r.category), byBoard: byKey(d.byBoard, (r) => r.id) })
        }
        await db.$disconnect()
        return out
      }
      const a = await totals(url)
      expect(a.length).toBeGreaterThan(0)
      expect(await totals(restoredUrl)).toEqual(a)
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  }, 240_000)
})
