/**
 * Builders for the monitor domain, shared by the seed, the integration tests and e2e: the framework (once per
 * database) and a filled-in assessment.
 */
import type { DbTx } from '../db/client.ts'
import type { MonitorAssessmentStatus } from '../db/generated/enums.ts'
import { activeFramework, createFramework } from './framework.ts'
import { LOB_FRAMEWORK } from './lob-framework.ts'

/** The active framework, creating and activating the seeded LOB framework when there is none. */
export async function ensureFramework(db: DbTx) {
  const fw = await activeFramework(db)
  if (fw) return fw
  try {
    await createFramework(db, LOB_FRAMEWORK, { activate: true })
  } catch (err) {
    // Another test file created it at the same moment (unique version): use theirs.
    if ((err as { code?: string }).code !== 'P2002') throw err
  }
  return (await activeFramework(db))!
}

/**
 * An assessment of a school for a school year with a score per criterion: `score` is one number for all criteria
 * or a function of the criterion code.
 */
export async function buildAssessment(
  db: DbTx,
  data: { organisationId: string; schoolYear: number; score: number | ((code: string, i: number) => number); status?: MonitorAssessmentStatus; shared?: boolean; evidence?: string },
) {
  const fw = await ensureFramework(db)
  const criteria = fw.sections.flatMap((s) => s.criteria)
  const status = data.status ?? 'SUBMITTED'
  return db.monitorAssessment.create({
    data: {
      organisationId: data.organisationId,
      schoolYear: data.schoolYear,
      frameworkId: fw.id,
      status,
      submittedAt: status === 'SUBMITTED' ? new Date() : null,
      sharedWithRegion: data.shared ?? false,
      scores: {
        create: criteria.map((c, i) => ({ criterionId: c.id, score: typeof data.score === 'number' ? data.score : data.score(c.code, i), evidence: data.evidence ?? null })),
      },
    },
  })
}
