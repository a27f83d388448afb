import { TRPCClientError } from '@trpc/client'
import { fieldIssues } from '@/components/ui/form'

export type Kind = 'PUPIL' | 'PARENT' | 'PROFESSIONAL'
export type SessionRow = { id?: string; title: string; date: string; startTime: string; endTime: string; room: string; capacity: string }
export type AudienceRow = { kind: Kind; capacity: number | null; maxPartySize: number; levels: string[]; schoolYears: number[] }

/**
 * What the setup form sends (registration.setup, server/registration/schema.ts ZSetupInput). Capacities go as typed
 * (the schema reads numbers from strings): a 0 is refused by the schema with its range at the field; it was sent as
 * "not given" before, and the server then asked to fill in a capacity that was filled in. An empty event capacity is
 * not given (the service takes the event's own capacity, or refuses with capacityRequired: see setupIssues).
 */
export function setupPayload(eventId: string, audiences: AudienceRow[], sessions: SessionRow[], capacity: string) {
  return {
    eventId,
    audiences: audiences.map((a) => ({ kind: a.kind, levels: a.kind === 'PUPIL' ? a.levels : [], schoolYears: a.kind === 'PUPIL' ? a.schoolYears : [], maxPartySize: a.maxPartySize, capacity: a.capacity })),
    sessions,
    capacity: sessions.length || !capacity.trim() ? undefined : capacity,
  }
}

/** Refusals of the service (error keys) that belong to one field of the form, by the field's issue path. */
const KEY_FIELDS: Record<string, string> = { 'registration.errors.capacityRequired': 'capacity' }

/**
 * A failed save's issues by field path (the server's translated texts): the schema's field issues (fieldIssues:
 * "audiences", "capacity", "sessions.0.capacity", "audiences.1.capacity" …) and a service refusal that is about
 * one field (KEY_FIELDS), so every issue shows at its field and not only in the form's alert.
 */
export function setupIssues(error: unknown): Record<string, string> {
  const issues = fieldIssues(error)
  if (error instanceof TRPCClientError) {
    const field = KEY_FIELDS[String((error.data as { key?: string } | undefined)?.key)]
    if (field && !issues[field]) issues[field] = error.message
  }
  return issues
}
