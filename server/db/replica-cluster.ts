/**
 * A throwaway primary and its streaming read replica, for the replica test (server/test/replica.int.test.ts) and
 * benchmark (server/bench/replica.ts). The machine's own PostgreSQL is never touched (its cluster refuses
 * replication connections, and it is not ours to reconfigure): the primary is a new cluster (initdb: wal_level
 * replica and pg_hba's `replication` trust lines are its defaults) on a free port in a temporary directory; the
 * replica is `pg_basebackup -R` of it into another temporary directory, started on its own port. `destroy()` stops
 * both and removes the directories — also on exit, SIGINT and SIGTERM.
 */
import path from 'node:path'
import pg from 'pg'
import { asPostgres, attachCluster, faultSkipReason, freePort, postgresTempDir, startCluster, waitForPostgres, type Cluster } from '../test/fault/pg-cluster.ts'

export type ReplicaPair = {
  primary: Cluster
  replica: Cluster
  /** Waits until the replica has replayed everything the primary has written so far. */
  caughtUp: (timeoutMs?: number) => Promise<void>
  destroy: () => void
}

/** Why a primary and replica cannot be started here (no server binaries, root without a postgres user), or null. */
export const replicaSkipReason = faultSkipReason

export async function startReplicaPair(): Promise<ReplicaPair> {
  const primary = await startCluster('overstap-primary-')
  let replica: (Cluster & { dir: string }) | null = null
  const destroy = () => {
    replica?.destroy()
    primary.destroy()
    for (const [signal, handler] of handlers) process.off(signal as NodeJS.Signals, handler)
  }
  const onSignal = (signal: NodeJS.Signals) => {
    destroy()
    process.kill(process.pid, signal)
  }
  const handlers: ['exit' | NodeJS.Signals, () => void][] = [
    ['exit', destroy],
    ['SIGINT', () => onSignal('SIGINT')],
    ['SIGTERM', () => onSignal('SIGTERM')],
  ]
  for (const [signal, handler] of handlers) process.once(signal as NodeJS.Signals, handler)
  try {
    const dir = postgresTempDir('overstap-replica-')
    asPostgres('pg_basebackup', ['-h', '127.0.0.1', '-p', String(primary.port), '-U', 'postgres', '-D', path.join(dir, 'data'), '-R', '-X', 'stream', '-c', 'fast', '--no-sync'])
    replica = attachCluster(dir, await freePort())
    replica.start()
    await waitForPostgres(replica.url())
  } catch (err) {
    destroy()
    throw err
  }
  const standby = replica
  const caughtUp = async (timeoutMs = 30_000) => {
    const [p, r] = [new pg.Client({ connectionString: primary.url() }), new pg.Client({ connectionString: standby.url() })]
    await p.connect()
    await r.connect()
    try {
      const { rows } = await p.query<{ lsn: string }>('SELECT pg_current_wal_lsn()::text AS lsn')
      const deadline = Date.now() + timeoutMs
      for (;;) {
        const res = await r.query<{ done: boolean }>('SELECT pg_last_wal_replay_lsn() >= $1::pg_lsn AS done', [rows[0]!.lsn])
        if (res.rows[0]?.done) return
        if (Date.now() > deadline) throw new Error(`replica has not replayed up to ${rows[0]!.lsn} after ${timeoutMs} ms`)
        await new Promise((resolve) => setTimeout(resolve, 20))
      }
    } finally {
      await p.end()
      await r.end()
    }
  }
  return { primary, replica: standby, caughtUp, destroy }
}
