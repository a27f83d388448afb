/**
 * A throwaway PostgreSQL cluster for the fault tests: the machine's PostgreSQL 15 binaries (`initdb`, `pg_ctl`)
 * on a free loopback port in a temporary directory, run as the `postgres` user (initdb refuses root). The tests
 * stop and start THIS cluster; the machine's own cluster (5432) is never touched. `destroy()` stops it and
 * removes the directory.
 */
import { execFileSync } from 'node:child_process'
import { chownSync, existsSync, mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { freePort, waitForPostgres } from '../../db/local-server.ts'

export const PG_BIN = process.env.PG_BIN ?? '/usr/lib/postgresql/15/bin'

/** Why the fault tests cannot run here, or null when they can. */
export function faultSkipReason(): string | null {
  if (!existsSync(path.join(PG_BIN, 'initdb')) || !existsSync(path.join(PG_BIN, 'pg_ctl'))) return `no PostgreSQL server binaries in ${PG_BIN}`
  const root = process.getuid?.() === 0
  if (root && !existsSync('/usr/sbin/runuser') && !existsSync('/sbin/runuser')) return 'running as root without runuser (initdb refuses root)'
  if (root) {
    try {
      execFileSync('id', ['-u', 'postgres'], { stdio: 'ignore' })
    } catch {
      return 'running as root and there is no postgres user to run initdb as'
    }
  }
  return null
}

/** Runs one of PG_BIN's programs as the postgres user when we are root (initdb and pg_basebackup refuse root). */
export function asPostgres(cmd: string, args: string[]): string {
  const bin = path.join(PG_BIN, cmd)
  if (process.getuid?.() === 0) return execFileSync('runuser', ['-u', 'postgres', '--', bin, ...args], { encoding: 'utf8', stdio: 'pipe' })
  return execFileSync(bin, args, { encoding: 'utf8', stdio: 'pipe' })
}

export type Cluster = {
  port: number
  /** Superuser URL of database `name` (default postgres). */
  url: (name?: string) => string
  stop: () => void
  start: () => void
  destroy: () => void
}

/** A new temporary directory that the postgres user owns (when we are root). */
export function postgresTempDir(prefix = 'overstap-fault-'): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix))
  if (process.getuid?.() === 0) chownSync(dir, Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim()), Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim()))
  return dir
}

export async function startCluster(prefix?: string): Promise<Cluster & { dir: string }> {
  const dir = postgresTempDir(prefix)
  const port = await freePort()
  asPostgres('initdb', ['-D', path.join(dir, 'data'), '-U', 'postgres', '--auth=trust', '--no-sync', '-E', 'UTF8', '--locale=C'])
  const cluster = attachCluster(dir, port)
  cluster.start()
  return cluster
}

/** Controls a cluster that startCluster() made (e.g. in the global set-up, from a test file's process). */
export function attachCluster(dir: string, port: number): Cluster & { dir: string } {
  const data = path.join(dir, 'data')
  const opts = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=100`
  const start = () => void asPostgres('pg_ctl', ['-D', data, '-o', opts, '-l', path.join(dir, 'log'), '-w', '-t', '30', 'start'])
  // Fast shutdown: terminates sessions (clients see "terminating connection due to administrator command").
  const stop = () => void asPostgres('pg_ctl', ['-D', data, '-m', 'fast', '-w', '-t', '30', 'stop'])
  return {
    dir,
    port,
    url: (name = 'postgres') => `postgresql://postgres@127.0.0.1:${port}/${name}`,
    start,
    stop,
    destroy: () => {
      try {
        stop()
      } catch {
        // already stopped
      }
      rmSync(dir, { recursive: true, force: true })
    },
  }
}

export { freePort, waitForPostgres }
