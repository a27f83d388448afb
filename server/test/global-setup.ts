/**
 * Integration tests run against a real PostgreSQL: DATABASE_URL (CI: the local PostgreSQL 15), or the embedded
 * PGlite that `npm run test:integration` starts when it is unset. On a real server each run gets a fresh database
 * (created, migrated with the committed migrations, dropped afterwards), so runs never see old data.
 */
import type { TestProject } from 'vitest/node'
import { freshDatabase } from '../db/fresh-database.ts'

export default async function setup(project: TestProject) {
  const base = process.env.DATABASE_URL
  if (!base) throw new Error('DATABASE_URL is not set: run through `npm run test:integration`')
  const { url, drop } = await freshDatabase(base, 'overstap_test')
  process.env.DATABASE_URL = url
  project.provide('databaseUrl', url)
  return drop
}

declare module 'vitest' {
  export interface ProvidedContext {
    databaseUrl: string
  }
}
