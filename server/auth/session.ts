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
import type { DbTx, Sql } from '../db/client.ts'
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

/**
 * The actor's columns for the users in `users` (a FROM item exposing `u`): memberships as JSON, and the regions
 * of region roles first, then those of the organisations held directly or through a board (each once).
 */
const ACTOR_COLUMNS = `u.id, u.email, u.name,
  COALESCE((SELECT json_agg(json_build_object('role', m.role, 'regionId', m."regionId", 'boardId', m."boardId", 'organisationId', m."organisationId") ORDER BY m."createdAt", m.id)
            FROM "RoleMembership" m WHERE m."userId" = u.id), '[]'::json) AS memberships,
  ARRAY(SELECT r."regionId" FROM (
          SELECT m."regionId", 0 AS k FROM "RoleMembership" m WHERE m."userId" = u.id AND m."regionId" IS NOT NULL
          UNION ALL
          SELECT o."regionId", 1 FROM "RoleMembership" m JOIN "OrganisationRegion" o ON o."organisationId" = m."organisationId" WHERE m."userId" = u.id
          UNION ALL
          SELECT o."regionId", 1 FROM "RoleMembership" m JOIN "Organisation" g ON g."boardId" = m."boardId" JOIN "OrganisationRegion" o ON o."organisationId" = g.id WHERE m."userId" = u.id
        ) r GROUP BY r."regionId" ORDER BY min(r.k), r."regionId") AS "regionIds"`

function toActor(row: ActorRow): Actor {
  return { userId: row.id, email: row.email, name: row.name, memberships: row.memberships, regionIds: row.regionIds }
}

/** Loads the verified actor (user + role memberships) for a signed-in user id, or null if the user is gone. */
export async function loadActor(db: DbTx, userId: string): Promise<Actor | null> {
  const rows = await db.$queryRawUnsafe<ActorRow[]>(`SELECT ${ACTOR_COLUMNS} FROM "User" u WHERE u.id = $1`, userId)
  return rows[0] ? toActor(rows[0]) : null
}

/**
 * The actor of a session token, or null (no such session, expired — then deleted —, or no token). Renews the
 * session's expiry when it is due (Auth.js's rule: last renewal more than SESSION_UPDATE_AGE ago).
 */
export async function actorForSession(sql: Sql, sessionToken: string | undefined, now = new Date()): Promise<Actor | null> {
  if (!sessionToken) return null
  // "expires" is a timestamp without time zone holding UTC (Prisma's DateTime): read and written as epoch
  // milliseconds, so node-postgres's local-time parsing of such columns cannot shift it by the process's TZ.
  const { rows } = await sql.query<ActorRow & { expiresMs: string }>(
    `SELECT (extract(epoch FROM s.expires) * 1000)::bigint AS "expiresMs", ${ACTOR_COLUMNS} FROM "Session" s JOIN "User" u ON u.id = s."userId" WHERE s."sessionToken" = $1`,
    [sessionToken],
  )
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
