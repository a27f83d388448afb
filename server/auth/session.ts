/**
 * The signed-in actor of a request, read straight from the database session in ONE statement (session + user +
 * role memberships + the regions of their organisations and boards) — the hot path of every authenticated call.
 *
 * Before, each call ran Auth.js's whole `/api/auth/session` action (a Request built and parsed, the providers'
 * config checked, a JSON Response serialised and read back) plus three Prisma queries for the session, the user's
 * roles and the regions of their organisations: about 25–30 ms on the loaded bench machine against a 0.3 ms floor.
 * Now: one statement over Prisma's own pg pool (Prisma's per-statement overhead was most of the rest), no Auth.js on
 * the read path, nothing cached — so a revoked role or a deleted session
 * counts on the very next call, in every app instance. The session's sliding expiry keeps Auth.js's rule (the
 * expiry moves at most once per `SESSION_UPDATE_AGE`, so a write at most every 15 minutes per session, never on
 * every read); an expired session is deleted, as Auth.js does. Sign-in, sign-out and the magic link stay Auth.js's.
 */
import { sqlOf, type DbTx, type Sql } from '../db/client.ts'
import type { Actor, Membership } from './policy.ts'

/** Session lifetime and the interval of its sliding renewal (seconds), shared with the Auth.js config. */
export const SESSION_MAX_AGE = 8 * 60 * 60
export const SESSION_UPDATE_AGE = 15 * 60

/** Auth.js's database-session cookie (`__Secure-` prefixed when the public URL is https). */
export function sessionCookieName(secure: boolean): string {
  return `${secure ? '__Secure-' : ''}authjs.session-token`
}

/** A cookie's value from a Cookie header (first occurrence; undefined when absent). */
export function cookieValue(header: string | null | undefined, name: string): string | undefined {
  if (!header) return undefined
  for (const part of header.split(';')) {
    const eq = part.indexOf('=')
    if (eq < 0 || part.slice(0, eq).trim() !== name) continue
    const raw = part.slice(eq + 1).trim()
    try {
      return decodeURIComponent(raw)
    } catch {
      return raw
    }
  }
  return undefined
}

type ActorRow = { id: string; email: string; name: string | null; memberships: Membership[]; regionIds: string[] }

function toActor(row: ActorRow): Actor {
  return { userId: row.id, email: row.email, name: row.name, memberships: row.memberships, regionIds: row.regionIds }
}

/**
 * Loads the verified actor (user + role memberships) for a signed-in user id, or null if the user is gone: the
 * PL/pgSQL function `user_actor` (migration 20261130204173_actor_functions: memberships as JSON, the regions of region
 * roles first, then those of the organisations held directly or through a board, each once), over the pool for a
 * root client. A function, because its statement's plan is kept per connection: as an unnamed statement (all the
 * pool sends, PgBouncer-safe) it was planned anew on every call, 0.6–1.1 ms of planning for 0.1 ms of work. Nothing
 * is cached across calls: a removed membership counts on the next call.
 */
export async function loadActor(db: DbTx, userId: string): Promise<Actor | null> {
  const { rows } = await sqlOf(db).query<ActorRow>(`SELECT * FROM "user_actor"($1)`, [userId])
  return rows[0] ? toActor(rows[0]) : null
}

/**
 * Whether a cookie's value can be a session token at all: Auth.js writes a UUID (or, in the tests, 64 hex digits).
 * Anything else — a NUL byte, which PostgreSQL refuses in text (a 500 on every request of whoever sends it), other
 * control characters, a kilobyte of junk — is no session, and is not sent to the database.
 */
export const isSessionToken = (token: string) => /^[A-Za-z0-9_-]{16,128}$/.test(token)

/**
 * The actor of a session token, or null (no such session, expired — then deleted —, or no token). Renews the
 * session's expiry when it is due (Auth.js's rule: last renewal more than SESSION_UPDATE_AGE ago).
 */
export async function actorForSession(sql: Sql, sessionToken: string | undefined, now = new Date()): Promise<Actor | null> {
  if (!sessionToken || !isSessionToken(sessionToken)) return null
  // "expires" is a timestamp without time zone holding UTC (Prisma's DateTime): read and written as epoch
  // milliseconds, so node-postgres's local-time parsing of such columns cannot shift it by the process's TZ.
  // session_actor: the session's expiry and `user_actor`'s row, one call of a function whose plans stay prepared.
  const { rows } = await sql.query<ActorRow & { expiresMs: string | bigint }>(`SELECT * FROM "session_actor"($1)`, [sessionToken])
  const row = rows[0]
  if (!row) return null
  const expires = Number(row.expiresMs)
  if (expires < now.getTime()) {
    await sql.query(`DELETE FROM "Session" WHERE "sessionToken" = $1`, [sessionToken])
    return null
  }
  if (expires - SESSION_MAX_AGE * 1000 + SESSION_UPDATE_AGE * 1000 <= now.getTime()) {
    const utc = (n: string) => `(to_timestamp(${n}::double precision / 1000) AT TIME ZONE 'UTC')`
    await sql.query(`UPDATE "Session" SET expires = ${utc('$2')}, "updatedAt" = ${utc('$3')} WHERE "sessionToken" = $1`, [sessionToken, now.getTime() + SESSION_MAX_AGE * 1000, now.getTime()])
  }
  return toActor(row)
}
