import { holdsAction, isPlatformAdmin, type Actor } from '@/server/auth/policy'

/** `label` is a full message key, e.g. "nav.home" or "calendar.nav" (each domain keeps its own in its catalogue). */
export type NavItem = { href: string; label: string }

/**
 * The navigation a signed-in user sees, derived from the same policy that guards the procedures: an item
 * shows when the user holds a role that grants what the page needs. Feature domains add their items here.
 */
export function navigationFor(actor: Actor): NavItem[] {
  const items: NavItem[] = [{ href: '/', label: 'nav.home' }]
  if (holdsAction(actor, 'organisation.read')) items.push({ href: '/organisations', label: 'nav.organisations' })
  if (isPlatformAdmin(actor)) items.push({ href: '/admin/regions', label: 'nav.regions' })
  if (holdsAction(actor, 'board.read')) items.push({ href: '/admin/boards', label: 'nav.boards' })
  if (holdsAction(actor, 'member.read')) items.push({ href: '/admin/members', label: 'nav.members' })
  if (holdsAction(actor, 'audit.read')) items.push({ href: '/admin/audit', label: 'nav.audit' })
  if (holdsAction(actor, 'ops.jobs')) items.push({ href: '/admin/taken', label: 'notifications.jobs.nav' })
  // Feature domains: one line each below.
  if (holdsAction(actor, 'fund.read')) items.push({ href: '/fonds', label: 'fund.nav' })
  if (holdsAction(actor, 'slots.publish') || holdsAction(actor, 'slots.schoolBookings')) items.push({ href: holdsAction(actor, 'slots.publish') ? '/proefstuderen' : '/proefstuderen/school', label: 'slots.nav' })
  if (holdsAction(actor, 'calendar.read')) items.push({ href: '/agenda', label: 'calendar.nav' })
  if (holdsAction(actor, 'transitions.read')) items.push({ href: '/doorstroom', label: 'transitions.nav' })
  if (holdsAction(actor, 'plan.read')) items.push({ href: '/plan', label: 'plan.nav' })
  if (holdsAction(actor, 'plan.themes')) items.push({ href: '/plan/themas', label: 'plan.themes.nav' })
  if (holdsAction(actor, 'participation.school') || holdsAction(actor, 'participation.campaigns')) items.push({ href: '/leerlingen', label: 'participation.nav' })
  else if (holdsAction(actor, 'participation.institution')) items.push({ href: '/leerlingen/instelling', label: 'participation.nav' })
  if (holdsAction(actor, 'monitor.fill') || holdsAction(actor, 'monitor.regionRead') || holdsAction(actor, 'monitor.manageFramework')) items.push({ href: '/monitor', label: 'monitor.nav' })
  return items
}
