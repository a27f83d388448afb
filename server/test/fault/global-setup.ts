/**
 * Global set-up of the fault tests: one throwaway cluster for the run, with a migrated template database; each
 * test file creates its own database from the template (fast) and may stop/start the cluster (files run one at
 * a time). Without PostgreSQL server binaries nothing starts and the tests skip themselves with the reason.
 */
import { execFileSync } from 'node:child_process'
import pg from 'pg'
import type { TestProject } from 'vitest/node'
import { faultSkipReason, startCluster, waitForPostgres } from './pg-cluster.ts'

export const TEMPLATE = 'overstap_fault_template'

export default async function setup(project: TestProject) {
  const skip = faultSkipReason()
  if (skip) {
    console.log(`[fault] skipped: ${skip}`)
    project.provide('faultCluster', null)
    return
  }
  const cluster = await startCluster()
  await waitForPostgres(cluster.url())
  const admin = new pg.Client({ connectionString: cluster.url() })
  await admin.connect()
  await admin.query(`CREATE DATABASE "${TEMPLATE}"`)
  await admin.end()
  execFileSync('npm', ['run', '--silent', 'db:migrate:deploy'], { stdio: 'pipe', env: { ...process.env, DATABASE_URL: cluster.url(TEMPLATE) } })
  project.provide('faultCluster', { dir: (cluster as { dir?: string }).dir!, port: cluster.port })
  return () => cluster.destroy()
}

declare module 'vitest' {
  export interface ProvidedContext {
    faultCluster: { dir: string; port: number } | null
  }
}
