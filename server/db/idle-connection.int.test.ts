/**
 * The app's pool survives the server closing its idle connections (a restart, a failover, pg_terminate_backend):
 * without its 'error' listener (./client.ts) the process would end. The next statements get new connections.
 */
import { describe, it } from 'vitest'
import { pool } from './client.ts'
import { endIdleConnectionsThenQuery } from '../test/idle-connections.ts'

describe('idle connections closed by the server', () => {
  it('are dropped by the app pool without ending the process; the next statement works', async () => {
    await endIdleConnectionsThenQuery(pool)
  })
})
