/**
 * Signed unsubscribe tokens: "<userId>.<kind>.<HMAC-SHA256>" in base64url, keyed by AUTH_SECRET (domain-separated).
 * A token unsubscribes one user from one kind; it cannot be forged or moved to another user or kind.
 */
import { createHmac, timingSafeEqual } from 'node:crypto'
import { env } from '../env.ts'
import { isNotificationKind, type NotificationKind } from './kinds.ts'

/** A token names one kind, or `digest`: the daily digest mail (all kinds the user gets in the digest). */
export type UnsubscribeKind = NotificationKind | 'digest'

const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64url')
const unb64 = (s: string) => Buffer.from(s, 'base64url').toString('utf8')

/** Outside production (tests, local development) without AUTH_SECRET, a fixed development key signs the links. */
function secret(): string {
  const s = env.AUTH_SECRET ?? process.env.AUTH_SECRET
  if (s) return s
  if (env.NODE_ENV === 'production') throw new Error('AUTH_SECRET is not set: cannot sign unsubscribe links')
  return 'overstap-development-only-unsubscribe-key'
}

const mac = (payload: string) => createHmac('sha256', `overstap:unsubscribe:${secret()}`).update(payload).digest('base64url')

export function unsubscribeToken(userId: string, kind: UnsubscribeKind): string {
  const payload = `${b64(userId)}.${b64(kind)}`
  return `${payload}.${mac(payload)}`
}

/** The user and kind of a valid token, else null. */
export function readUnsubscribeToken(token: string): { userId: string; kind: UnsubscribeKind } | null {
  const parts = token.split('.')
  if (parts.length !== 3) return null
  const [u, k, sig] = parts as [string, string, string]
  const want = Buffer.from(mac(`${u}.${k}`))
  const got = Buffer.from(sig)
  if (want.length !== got.length || !timingSafeEqual(want, got)) return null
  const kind = unb64(k)
  if (kind !== 'digest' && !isNotificationKind(kind)) return null
  return { userId: unb64(u), kind }
}
