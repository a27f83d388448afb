import { describe, expect, it } from 'vitest'
import { appRouter } from './root.ts'
import { grants } from '../auth/policy.ts'

/**
 * The ONLY procedures anyone may call without signing in. A new public procedure (or a mutation turned public)
 * fails this test until it is added here deliberately, in review.
 */
const PUBLIC_PROCEDURES = [
  'calendar.publicRange',
  'discovery.regions',
  'discovery.search',
  'discovery.upcoming',
  'region.bySlug',
  // the unsubscribe link in a notification mail (the recipient may not be signed in on that device): the HMAC-signed
  // token names one user and one kind and only turns that kind's e-mails off (in-app stays); rate-limited per IP
  'notifications.unsubscribe',
  // a pupil's personal booking link from the school's class list (no account): the mailed token (hashed at rest,
  // revocable, expiring at the end of the school year) is the key; it shows and books only that pupil's campaigns
  'participation.link',
  'participation.linkBook',
  // the pupil's post-slot evaluation: the mailed token (hashed at rest, expiring after 7 days) answers it once;
  // rate-limited per IP, the answer is stored without the booking or the pupil
  'participation.evaluate',
  'participation.evaluation',
  // registration for calendar events without an account, as slot booking: the mailed link's token is the key;
  // publicEvent/availability show only published events' sessions and free places (no registrant data)
  'registration.acceptOffer',
  'registration.availability',
  'registration.cancelMine',
  'registration.confirm',
  'registration.declineOffer',
  'registration.publicEvent',
  'registration.register',
  'registration.view',
  // pupils and parents book without an account; the booking token in the mailed link is their key
  'slots.acceptOffer',
  'slots.book',
  'slots.booking',
  'slots.cancelBooking',
  'slots.confirmBooking',
  'slots.declineOffer',
  'slots.publicSlot',
  'slots.search',
]

describe('every tRPC procedure declares its permission', () => {
  const procedures = Object.entries(appRouter._def.procedures as unknown as Record<string, { _def: { meta?: { permission?: string } } }>)

  it('finds the procedures of the app router', () => {
    expect(procedures.length).toBeGreaterThan(10)
  })

  it.each(procedures.map(([path, p]) => [path, p._def.meta?.permission]))('%s declares %s', (_path, permission) => {
    expect(permission).toBeDefined()
    expect(['public', 'authenticated', ...Object.keys(grants)]).toContain(permission)
  })

  it('only the allowlisted procedures are public', () => {
    const open = procedures.filter(([, p]) => p._def.meta?.permission === 'public').map(([path]) => path)
    expect(open.sort()).toEqual([...PUBLIC_PROCEDURES].sort())
  })
})
