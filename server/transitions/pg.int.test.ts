/**
 * The imports' pool survives the server closing its idle connections: without its 'error' listener (./pg.ts) the
 * process would end (server/test/idle-connections.ts).
 */
import { describe, it } from 'vitest'
import { bulkPool } from './pg.ts'
import { endIdleConnectionsThenQuery } from '../test/idle-connections.ts'

describe('idle import connections closed by the server', () => {
  it('are dropped by the imports pool without ending the process; the next statement works', async () => {
    await endIdleConnectionsThenQuery(bulkPool())
  })
})
