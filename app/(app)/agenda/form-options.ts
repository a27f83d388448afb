import 'server-only'
import { getCaller } from '@/server/api/server'
import type { Actor } from '@/server/auth/policy'

/**
 * Choices for the event form: the actor's regions, and as (co-)organisers the organisations of those regions,
 * the actor's own first. The service decides whether the actor may organise with that choice.
 */
export async function formOptions(actor: Actor) {
  const caller = await getCaller()
  const regions = await caller.calendar.regions()
  const own = new Set(actor.memberships.flatMap((m) => (m.organisationId ? [m.organisationId] : [])))
  const orgs = new Map<string, string>()
  for (const r of regions) for (const o of await caller.calendar.organisations({ regionId: r.id })) orgs.set(o.id, o.name)
  const organisations = [...orgs]
    .map(([value, label]) => ({ value, label }))
    .sort((a, b) => Number(own.has(b.value)) - Number(own.has(a.value)) || a.label.localeCompare(b.label))
  return { regions: regions.map((r) => ({ value: r.id, label: r.name })), organisations }
}
