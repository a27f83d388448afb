import { holdsAction, isPlatformAdmin, type Actor } from '@/server/auth/policy'

export type NavItem = { href: string; label: string /* key under "nav." */ }

/**
 * The navigation a signed-in user sees, derived from the same policy that guards the procedures: an item
 * shows when the user holds a role that grants what the page needs. Feature domains add their items here.
 */
export function navigationFor(actor: Actor): NavItem[] {
  const items: NavItem[] = [{ href: '/', label: 'home' }]
  if (holdsAction(actor, 'organisation.read')) items.push({ href: '/organisations', label: 'organisations' })
  if (isPlatformAdmin(actor)) items.push({ href: '/admin/regions', label: 'regions' })
  if (holdsAction(actor, 'board.read')) items.push({ href: '/admin/boards', label: 'boards' })
  if (holdsAction(actor, 'member.read')) items.push({ href: '/admin/members', label: 'members' })
  if (holdsAction(actor, 'audit.read')) items.push({ href: '/admin/audit', label: 'audit' })
  return items
}
