/**
 * The embedded PostgreSQL: PGlite (PostgreSQL 17 in WebAssembly) served over the PostgreSQL wire protocol on a
 * loopback port, so Prisma, pg, pg-boss and psql use it like any server.
 *
 * Why not `pglite-server` from @electric-sql/pglite-socket 0.1.6 (the version that fits PGlite 0.4.6): it runs
 * every frontend message on its own, which breaks two protocol rules (electric-sql/pglite#958, #1046):
 * - after an error in an extended-protocol message it answers with an early ReadyForQuery and goes on running the
 *   rest of the batch, so a client gets one ReadyForQuery too many and reads the next query's answer as its own;
 * - messages of two connections' Parse/Bind/Execute/Sync batches can interleave on PGlite's single session.
 * Here a connection's messages are collected up to Sync (or a simple Query) and run as one unit on PGlite; after
 * an ErrorResponse the rest of the batch is discarded up to the Sync, and ReadyForQuery is only sent for Sync,
 * Query and start-up, as a PostgreSQL server does. While a connection holds an open transaction, only its
 * batches run; a connection that closes mid-transaction is rolled back. All connections share PGlite's one
 * session, so named prepared statements get a per-connection prefix (as if each connection had its own session).
 */
import net from 'node:net'
import { PGlite } from '@electric-sql/pglite'

const SSL_REQUEST = 80877103
const GSSENC_REQUEST = 80877104
const PROTOCOL_3 = 196608

type Conn = { id: number; socket: net.Socket; started: boolean; buffer: Buffer; batch: Buffer[] }
type Job = { conn: Conn; messages: Buffer[]; startup: boolean; task?: () => Promise<void>; done: () => void }

/** Splits backend output into messages (type byte + int32 length that counts itself). */
function* backendMessages(out: Uint8Array): Generator<Buffer> {
  const buf = Buffer.from(out.buffer, out.byteOffset, out.byteLength)
  for (let i = 0; i + 5 <= buf.length; ) {
    const len = buf.readInt32BE(i + 1)
    yield buf.subarray(i, i + 1 + len)
    i += 1 + len
  }
}

const cstringEnd = (buf: Buffer, from: number) => buf.indexOf(0, from)

/** Rebuilds a message with new contents after its type byte (the length is recomputed). */
function message(type: number, body: Buffer): Buffer {
  const head = Buffer.alloc(5)
  head[0] = type
  head.writeInt32BE(body.length + 4, 1)
  return Buffer.concat([head, body])
}

/**
 * Gives named prepared statements a per-connection prefix in Parse, Bind, Describe and Close (the unnamed statement
 * stays as it is). Portals are not renamed: clients use the unnamed portal, which lives only until Sync.
 */
export function scopeStatementNames(msg: Buffer, prefix: string): Buffer {
  const type = String.fromCharCode(msg[0]!)
  const body = msg.subarray(5)
  const rename = (name: Buffer) => (name.length ? Buffer.concat([Buffer.from(prefix), name]) : name)
  if (type === 'P') {
    const end = cstringEnd(body, 0)
    return message(msg[0]!, Buffer.concat([rename(body.subarray(0, end)), body.subarray(end)]))
  }
  if (type === 'B') {
    const portalEnd = cstringEnd(body, 0)
    const stmtEnd = cstringEnd(body, portalEnd + 1)
    return message(msg[0]!, Buffer.concat([body.subarray(0, portalEnd + 1), rename(body.subarray(portalEnd + 1, stmtEnd)), body.subarray(stmtEnd)]))
  }
  if ((type === 'D' || type === 'C') && body[0] === 0x53 /* 'S' */) {
    const end = cstringEnd(body, 1)
    return message(msg[0]!, Buffer.concat([body.subarray(0, 1), rename(body.subarray(1, end)), body.subarray(end)]))
  }
  return msg
}

export type EmbeddedPostgres = { url: string; close: () => Promise<void> }

export async function servePglite(opts: { dataDir: string; port: number; host?: string }): Promise<EmbeddedPostgres> {
  const db = new PGlite(opts.dataDir)
  await db.waitReady
  const host = opts.host ?? '127.0.0.1'
  const queue: Job[] = []
  let owner: Conn | null = null // the connection whose transaction is open
  let running = false
  let closed = false
  let nextId = 1

  /** Runs one batch with PGlite to itself, applying the extended-protocol error rule. */
  async function run(job: Job) {
    const { conn } = job
    let skipping = false
    for (const msg of job.messages) {
      const type = job.startup ? '' : String.fromCharCode(msg[0]!)
      if (skipping && type !== 'S') continue
      const out = await db.execProtocolRaw(new Uint8Array(msg.buffer, msg.byteOffset, msg.byteLength))
      const keepReady = job.startup || type === 'S' || type === 'Q' || type === 'c' || type === 'f'
      const parts: Buffer[] = []
      for (const m of backendMessages(out)) {
        const t = String.fromCharCode(m[0]!)
        if (t === 'Z' && !keepReady) continue
        if (t === 'E' && !keepReady) skipping = true
        parts.push(m)
      }
      if (parts.length && !conn.socket.destroyed) conn.socket.write(Buffer.concat(parts))
    }
  }

  async function pump() {
    if (running) return
    running = true
    try {
      for (;;) {
        const i = owner ? queue.findIndex((j) => j.conn === owner) : 0
        if (i < 0 || !queue.length) break
        const [job] = queue.splice(i, 1)
        if (closed) {
          job!.done()
          continue
        }
        try {
          // Tasks use PGlite's query API, which takes its lock itself (runExclusive around it would deadlock).
          await (job!.task ? job!.task() : db.runExclusive(() => run(job!)))
        } catch (err) {
          console.error('[pglite] batch failed:', err)
          job!.conn.socket.destroy()
        }
        owner = db.isInTransaction() ? job!.conn : null
        job!.done()
      }
    } finally {
      running = false
    }
  }

  /** Queues work for PGlite and resolves when it has run (or was dropped with its connection). */
  const submit = (job: Omit<Job, 'done'>) =>
    new Promise<void>((done) => {
      queue.push({ ...job, done })
      void pump()
    })

  /** Start-up phase: SSL/GSS requests are declined, the StartupMessage goes to PGlite (auth, parameters, ReadyForQuery). */
  async function startup(conn: Conn, msg: Buffer) {
    const code = msg.readInt32BE(4)
    if (code === SSL_REQUEST || code === GSSENC_REQUEST) return void conn.socket.write('N')
    if (code !== PROTOCOL_3) return void conn.socket.destroy()
    conn.started = true
    await submit({ conn, messages: [msg], startup: true })
  }

  async function onData(conn: Conn, data: Buffer) {
    conn.buffer = Buffer.concat([conn.buffer, data])
    for (;;) {
      if (!conn.started) {
        if (conn.buffer.length < 8) return
        const len = conn.buffer.readInt32BE(0)
        if (conn.buffer.length < len) return
        const msg = conn.buffer.subarray(0, len)
        conn.buffer = conn.buffer.subarray(len)
        await startup(conn, Buffer.from(msg))
        continue
      }
      if (conn.buffer.length < 5) return
      const len = 1 + conn.buffer.readInt32BE(1)
      if (conn.buffer.length < len) return
      const msg = Buffer.from(conn.buffer.subarray(0, len))
      conn.buffer = conn.buffer.subarray(len)
      const type = String.fromCharCode(msg[0]!)
      if (type === 'X') return void conn.socket.end()
      conn.batch.push(scopeStatementNames(msg, `c${conn.id}_`))
      // Sync, simple Query and Flush end a batch; so do CopyDone/CopyFail (a COPY … FROM STDIN stream is one unit).
      if (type === 'S' || type === 'Q' || type === 'H' || type === 'c' || type === 'f') {
        const batch = conn.batch
        conn.batch = []
        await submit({ conn, messages: batch, startup: false })
      }
    }
  }

  /** A closed connection: its queued batches are dropped, its open transaction rolled back, its statements freed. */
  async function onClose(conn: Conn) {
    for (let i = queue.length - 1; i >= 0; i--) if (queue[i]!.conn === conn) queue.splice(i, 1)[0]!.done()
    const task = async () => {
      if (owner === conn && db.isInTransaction()) await db.exec('ROLLBACK')
      const { rows } = await db.query<{ name: string }>('SELECT name FROM pg_prepared_statements WHERE starts_with(name, $1)', [`c${conn.id}_`])
      for (const { name } of rows) await db.exec(`DEALLOCATE "${name.replace(/"/g, '""')}"`)
    }
    await submit({ conn, messages: [], startup: false, task })
  }

  const server = net.createServer((socket) => {
    socket.setNoDelay(true) // small request/response messages: no Nagle delay
    const conn: Conn = { id: nextId++, socket, started: false, buffer: Buffer.alloc(0), batch: [] }
    let chain = Promise.resolve()
    // Data is handled in arrival order, one chunk after the other.
    socket.on('data', (data) => {
      socket.pause()
      chain = chain.then(() => onData(conn, data)).finally(() => socket.resume())
    })
    socket.on('error', () => {})
    socket.on('close', () => {
      chain = chain.then(() => onClose(conn))
    })
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(opts.port, host, resolve)
  })
  return {
    url: `postgresql://postgres:postgres@${host}:${opts.port}/postgres`,
    close: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()))
      for (let i = 0; i < 100 && (running || queue.length); i++) await new Promise((r) => setTimeout(r, 20))
      closed = true
      await db.close()
    },
  }
}
