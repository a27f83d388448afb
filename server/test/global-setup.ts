/**
 * Integration tests run against a real PostgreSQL: DATABASE_URL (CI: the local PostgreSQL 15), or the embedded
 * PGlite that `npm run test:integration` starts when it is unset. On a real server each run gets a fresh database
 * (created here, migrated with the committed migrations, dropped afterwards), so runs never see old data.
 */
import { execFileSync } from 'node:child_process'
import pg from 'pg'
import type { TestProject } from 'vitest/node'

function withDatabase(url: string, database: string): string {
  const u = new URL(url)
  u.pathname = `/${database}`
  return u.toString()
}

export default async function setup(project: TestProject) {
  const base = process.env.DATABASE_URL
  if (!base) throw new Error('DATABASE_URL is not set: run through `npm run test:integration`')
  let url = base
  let cleanup = async () => {}
  if (!process.env.EMBEDDED_DATABASE) {
    const name = `overstap_test_${process.pid}_${Date.now().toString(36)}`
    const admin = new pg.Client({ connectionString: withDatabase(base, 'postgres') })
    await admin.connect()
    await admin.query(`CREATE DATABASE "${name}"`)
    await admin.end()
    url = withDatabase(base, name)
    cleanup = async () => {
      const c = new pg.Client({ connectionString: withDatabase(base, 'postgres') })
      await c.connect()
      await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)
      await c.end()
    }
  }
  try {
    execFileSync('npm', ['run', '--silent', 'db:migrate:deploy'], { stdio: 'pipe', env: { ...process.env, DATABASE_URL: url } })
  } catch (err) {
    const e = err as { stdout?: Buffer; stderr?: Buffer }
    console.error(e.stdout?.toString(), e.stderr?.toString())
    throw err
  }
  process.env.DATABASE_URL = url
  project.provide('databaseUrl', url)
  return cleanup
}

declare module 'vitest' {
  export interface ProvidedContext {
    databaseUrl: string
  }
}
