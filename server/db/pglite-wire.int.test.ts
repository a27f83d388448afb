import net from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import pg from 'pg'
import { scopeStatementNames, servePglite, type EmbeddedPostgres } from './pglite-wire.ts'

/**
 * The embedded database's wire server, driven by real pg clients against a real (in-memory) PGlite: the protocol
 * cases that broke pglite-server 0.1.6 — an error in an extended-protocol batch, named statements of two
 * connections, transactions of two connections, a connection dropped mid-transaction.
 */
let server: EmbeddedPostgres
const clients: pg.Client[] = []

async function client() {
  const c = new pg.Client({ connectionString: server.url })
  await c.connect()
  clients.push(c)
  return c
}

beforeAll(async () => {
  const port = await new Promise<number>((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo
      s.close(() => resolve(port))
    })
  })
  server = await servePglite({ dataDir: 'memory://', port })
  const c = await client()
  await c.query('CREATE TABLE t (id int PRIMARY KEY, v text)')
})

afterAll(async () => {
  for (const c of clients) await c.end().catch(() => {})
  await server.close()
})

describe('embedded PostgreSQL wire server', () => {
  it('after an error in an extended-protocol query the next answer is still its own', async () => {
    const c = await client()
    for (let i = 0; i < 20; i++) {
      await expect(c.query('SELECT no_such_function($1)', [i])).rejects.toThrow(/does not exist/)
      expect((await c.query('SELECT $1::int AS n', [i])).rows).toEqual([{ n: i }])
    }
  })

  it('a failed statement in a transaction aborts it until ROLLBACK, then the connection works normally', async () => {
    const c = await client()
    await c.query('BEGIN')
    await c.query('INSERT INTO t VALUES ($1, $2)', [1, 'a'])
    await expect(c.query('INSERT INTO t VALUES ($1, $2)', [1, 'duplicate'])).rejects.toThrow(/duplicate key/)
    await expect(c.query('SELECT $1::int', [1])).rejects.toThrow(/current transaction is aborted/)
    await c.query('ROLLBACK')
    expect((await c.query('SELECT count(*)::int AS n FROM t WHERE id = $1', [1])).rows).toEqual([{ n: 0 }])
  })

  it('two connections may prepare the same statement name; each runs its own', async () => {
    const [a, b] = [await client(), await client()]
    expect((await a.query({ name: 'same', text: 'SELECT $1::int + 1 AS n', values: [1] })).rows).toEqual([{ n: 2 }])
    expect((await b.query({ name: 'same', text: 'SELECT $1::int * 10 AS n', values: [2] })).rows).toEqual([{ n: 20 }])
    expect((await a.query({ name: 'same', text: 'SELECT $1::int + 1 AS n', values: [5] })).rows).toEqual([{ n: 6 }])
  })

  it('while one connection holds a transaction, another waits for it and then sees the committed row', async () => {
    const [a, b] = [await client(), await client()]
    await a.query('BEGIN')
    await a.query('INSERT INTO t VALUES ($1, $2)', [2, 'b'])
    let seen: number | null = null
    const read = b.query('SELECT count(*)::int AS n FROM t WHERE id = $1', [2]).then((r) => (seen = r.rows[0].n))
    await new Promise((r) => setTimeout(r, 100))
    expect(seen).toBeNull()
    await a.query('COMMIT')
    await read
    expect(seen).toBe(1)
  })

  it('a connection that drops mid-transaction is rolled back, its statements freed, and others go on', async () => {
    const a = await client()
    await a.query({ name: 'gone', text: 'SELECT $1::int', values: [1] })
    await a.query('BEGIN')
    await a.query('INSERT INTO t VALUES ($1, $2)', [3, 'abandoned'])
    a.on('error', () => {}) // the client reports its own lost connection
    ;(a as unknown as { connection: { stream: net.Socket } }).connection.stream.destroy()
    const b = await client()
    expect((await b.query('SELECT count(*)::int AS n FROM t WHERE id = $1', [3])).rows).toEqual([{ n: 0 }])
    expect((await b.query(`SELECT count(*)::int AS n FROM pg_prepared_statements WHERE name LIKE '%gone'`)).rows).toEqual([{ n: 0 }])
  })

  it('renames only named statements, in Parse, Bind, Describe and Close', () => {
    const msg = (type: string, body: Buffer) => {
      const b = Buffer.alloc(5 + body.length)
      b.write(type, 0)
      b.writeInt32BE(body.length + 4, 1)
      body.copy(b, 5)
      return b
    }
    const z = (s: string) => Buffer.from(`${s}\0`)
    const parse = scopeStatementNames(msg('P', Buffer.concat([z('st'), z('SELECT 1'), Buffer.from([0, 0])])), 'c7_')
    expect(parse.subarray(5).toString()).toBe('c7_st\0SELECT 1\0\0\0')
    expect(parse.readInt32BE(1)).toBe(parse.length - 1)
    expect(scopeStatementNames(msg('P', Buffer.concat([z(''), z('SELECT 1'), Buffer.from([0, 0])])), 'c7_').subarray(5).toString()).toBe('\0SELECT 1\0\0\0')
    expect(scopeStatementNames(msg('B', Buffer.concat([z(''), z('st'), Buffer.from([0, 0])])), 'c7_').subarray(5).toString()).toBe('\0c7_st\0\0\0')
    expect(scopeStatementNames(msg('D', Buffer.concat([Buffer.from('S'), z('st')])), 'c7_').subarray(5).toString()).toBe('Sc7_st\0')
    expect(scopeStatementNames(msg('D', Buffer.concat([Buffer.from('P'), z('')])), 'c7_').subarray(5).toString()).toBe('P\0')
    expect(scopeStatementNames(msg('C', Buffer.concat([Buffer.from('S'), z('st')])), 'c7_').subarray(5).toString()).toBe('Sc7_st\0')
  })
})
