import { randomBytes } from 'node:crypto'
import type { Db } from '../db/client.ts'
import { isDemoBuild } from './demo.ts'

/** Demo users are the seeded users with an address on this domain. */
export const DEMO_EMAIL_DOMAIN = 'demo.overstap.nl'

export async function listDemoUsers(db: Db) {
  if (!isDemoBuild()) return []
  return db.user.findMany({
    where: { email: { endsWith: `@${DEMO_EMAIL_DOMAIN}` } },
    select: { id: true, name: true, email: true, roles: { select: { role: true }, take: 1 } },
    orderBy: { email: 'asc' },
  })
}

/**
 * Creates a database session for a demo user, as Auth.js would after a sign-in. Returns null (and does nothing)
 * outside demo builds or for any user that is not a demo user.
 */
export async function createDemoSession(db: Db, userId: string) {
  if (!isDemoBuild()) return null
  const user = await db.user.findUnique({ where: { id: userId }, select: { id: true, email: true } })
  if (!user || !user.email.endsWith(`@${DEMO_EMAIL_DOMAIN}`)) return null
  const expires = new Date(Date.now() + 8 * 3600_000)
  const session = await db.session.create({ data: { sessionToken: randomBytes(32).toString('hex'), userId: user.id, expires } })
  return session
}
