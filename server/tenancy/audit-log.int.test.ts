import { beforeAll, describe, expect, it } from 'vitest'
import { buildTwoRegionWorld, uniq } from '../db/factories.ts'
import { toAmsterdam } from '../lib/time.ts'
import { callerFor, db, expectTrpcError } from '../test/helpers.ts'

type World = Awaited<ReturnType<typeof buildTwoRegionWorld>>
let w: World
const marker = uniq()

beforeAll(async () => {
  w = await buildTwoRegionWorld(db)
  // Twelve plan entries in region A, three in region B, two calendar entries in region A.
  const rows = [
    ...Array.from({ length: 12 }, (_, i) => ({ action: 'plan.goal.update', entityType: 'PlanGoal', entityId: `${marker}-a${i}`, regionId: w.a.region.id })),
    ...Array.from({ length: 3 }, (_, i) => ({ action: 'plan.goal.update', entityType: 'PlanGoal', entityId: `${marker}-b${i}`, regionId: w.b.region.id })),
    ...Array.from({ length: 2 }, (_, i) => ({ action: 'calendar.event.publish', entityType: 'CalendarEvent', entityId: `${marker}-c${i}`, regionId: w.a.region.id })),
  ]
  for (const r of rows) await db.auditLog.create({ data: { ...r, actorId: w.a.coordinator.id } })
})

describe('audit log list', () => {
  it('pages a coordinator through their own region’s entries, newest first, with the total, never another region’s', async () => {
    const c = await callerFor(w.a.coordinator.id)
    const seen: string[] = []
    let cursor: string | undefined
    const sizes: number[] = []
    for (;;) {
      const page = await c.audit.list({ domain: 'plan', entityType: 'PlanGoal', limit: 5, cursor })
      expect(page.total).toBe(12)
      sizes.push(page.entries.length)
      seen.push(...page.entries.map((e) => e.entityId))
      if (!page.nextCursor) break
      cursor = page.nextCursor
    }
    expect(sizes).toEqual([5, 5, 2])
    expect(seen).toEqual(Array.from({ length: 12 }, (_, i) => `${marker}-a${11 - i}`))
    expect(seen.some((id) => id.includes('-b'))).toBe(false)
  })

  it('filters by domain and by Amsterdam day', async () => {
    const c = await callerFor(w.a.coordinator.id)
    const calendar = await c.audit.list({ domain: 'calendar', limit: 50 })
    expect(calendar.entries.filter((e) => e.entityId.startsWith(marker)).map((e) => e.entityId)).toEqual([`${marker}-c1`, `${marker}-c0`])
    const today = toAmsterdam(new Date()).date
    const todays = await c.audit.list({ domain: 'plan', entityType: 'PlanGoal', from: today, to: today, limit: 50 })
    expect(todays.total).toBe(12)
    const tomorrow = new Date(`${today}T12:00:00Z`)
    tomorrow.setUTCDate(tomorrow.getUTCDate() + 1)
    const none = await c.audit.list({ domain: 'plan', from: tomorrow.toISOString().slice(0, 10), limit: 50 })
    expect(none.total).toBe(0)
    expect(none.nextCursor).toBeNull()
  })

  it('refuses a malformed filter with a 400 and a translated message', async () => {
    const c = await callerFor(w.a.coordinator.id)
    await expectTrpcError(c.audit.list({ from: '30-11-2026', limit: 5 }), 'BAD_REQUEST')
    await expectTrpcError(c.audit.list({ entityType: 'Plan Goal; DROP', limit: 5 }), 'BAD_REQUEST')
  })
})
