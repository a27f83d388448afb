/** Presentation of audit-log entries: the item types offered as a filter, links to the items, a change summary. */

/** Item types with a translated name (admin.audit.entities.*); the filter offers these. */
export const AUDIT_ENTITY_TYPES = [
  'Organisation',
  'Region',
  'Board',
  'RoleMembership',
  'Invitation',
  'RegionJoinRequest',
  'CalendarEvent',
  'SlotProgramme',
  'Slot',
  'SlotBooking',
  'FundGrant',
  'FundBudgetLine',
  'FundReport',
  'TransitionDataset',
  'Plan',
  'PlanGoal',
  'MonitorAssessment',
  'MonitorFramework',
] as const

/** The page of an audited item, for the types that have one of their own. */
export function auditItemHref(entityType: string, id: string): string | null {
  const e = encodeURIComponent(id)
  switch (entityType) {
    case 'Organisation':
      return `/organisations/${e}`
    case 'Region':
      return `/admin/regions/${e}`
    case 'Board':
      return `/admin/boards/${e}`
    case 'CalendarEvent':
      return `/agenda/${e}`
    case 'Slot':
      return `/proefstuderen/${e}`
    case 'FundGrant':
      return `/fonds/${e}`
    case 'TransitionDataset':
      return `/doorstroom/${e}`
    case 'Plan':
      return `/plan/${e}`
    case 'MonitorFramework':
      return `/monitor/kader/${e}`
    default:
      return null
  }
}

const HIDDEN = new Set(['updatedAt', 'createdAt', 'id'])

/** "field: old → new" for the scalar fields an update changed (creates and deletes show nothing here). */
export function auditSummary(before: unknown, after: unknown): string {
  if (!before || !after || typeof before !== 'object' || typeof after !== 'object') return ''
  const b = before as Record<string, unknown>
  const a = after as Record<string, unknown>
  return Object.keys(a)
    .filter((k) => !HIDDEN.has(k) && typeof a[k] !== 'object' && a[k] !== b[k])
    .map((k) => `${k}: ${String(b[k] ?? '—')} → ${String(a[k] ?? '—')}`)
    .join('; ')
}
