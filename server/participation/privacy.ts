/**
 * Data protection for minors: class lists are deleted by a job once their school year ended plus a grace period;
 * before that, the anonymous counts of the reach report for those groups are kept (ParticipationReachArchive), so
 * the report of a past year stays. The ties of the pupils' bookings (ParticipationBooking) stay without the pupil
 * (the foreign key sets it to null): booking, slot and school ids only, so the plan's booking figures of that year,
 * which count a class-list pupil's booking, do not change. Per-pupil export and deletion on request are in
 * pupils.ts. The audit log gets ids and counts only.
 */
import type { Db } from '../db/client.ts'
import { audit } from '../db/audit.ts'
import { reachCounts } from './reach.ts'
import { RETENTION_GRACE_DAYS, schoolYearOf } from './school-year.ts'


/**
 * Job: deletes the class lists of school years that ended more than the grace period ago (archiving their counts).
 * `scope`: one school's lists only (tests run side by side on one database).
 */
export async function purgeExpiredLists(db: Db, deps: { now?: Date; graceDays?: number; scope?: { schoolId: string } } = {}): Promise<number> {
  const now = deps.now ?? new Date()
  const lastKept = schoolYearOf(new Date(now.getTime() - (deps.graceDays ?? RETENTION_GRACE_DAYS) * 86_400_000))
  const due = await db.participationPupil.groupBy({ by: ['schoolId', 'schoolYear'], where: { schoolYear: { lt: lastKept }, ...(deps.scope && { schoolId: deps.scope.schoolId }) }, orderBy: [{ schoolYear: 'asc' }, { schoolId: 'asc' }] })
  let deleted = 0
  for (const g of due) {
    deleted += await db.$transaction(async (tx) => {
      for (const c of await reachCounts(tx, g.schoolYear, [g.schoolId]))
        await tx.$executeRaw`
          INSERT INTO "ParticipationReachArchive" ("schoolId", "schoolYear", "level", "year", "kind", "pupils", "atLeast1", "atLeast2", "atLeast3")
          VALUES (${g.schoolId}, ${g.schoolYear}, ${c.level}::"PupilLevel", ${c.year}, ${c.kind}, ${c.pupils}, ${c.n1 + c.n2 + c.n3}, ${c.n2 + c.n3}, ${c.n3})
          ON CONFLICT ("schoolId", "schoolYear", "level", "year", "kind") DO UPDATE SET "pupils" = EXCLUDED."pupils",
            "atLeast1" = EXCLUDED."atLeast1", "atLeast2" = EXCLUDED."atLeast2", "atLeast3" = EXCLUDED."atLeast3"`
      const { count } = await tx.participationPupil.deleteMany({ where: { schoolId: g.schoolId, schoolYear: g.schoolYear } })
      await audit(tx, null, { action: 'participation.retention', entityType: 'ParticipationPupil', entityId: `${g.schoolId}:${g.schoolYear}`, organisationId: g.schoolId, after: { deleted: count } })
      return count
    })
  }
  return deleted
}
