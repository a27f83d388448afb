/**
 * Evidence files of expenditure reports: PDF or image only, recognised by their content (magic bytes), not by the
 * declared type or the file name; size-limited; stored through the FileStorage interface outside the web root.
 */
import { createHash } from 'node:crypto'
import type { Db } from '../db/client.ts'
import { audit } from '../db/audit.ts'
import { authorize, type Actor } from '../auth/policy.ts'
import { AppError, invalid, notFound } from '../lib/errors.ts'
import { newKey, type FileStorage } from '../storage/index.ts'
import { logger } from '../lib/logger.ts'
import { storedFileName, type SniffedType } from '../storage/file-name.ts'
import { assertReportEditable, loadFundReport, lockFundReport, reportTenant } from './grants.ts'

export const MAX_EVIDENCE_BYTES = 5 * 1024 * 1024

/** The types evidence may have: every type the content check knows (server/storage/file-name.ts). */
export type EvidenceType = SniffedType

const startsWith = (b: Uint8Array, sig: number[], at = 0) => sig.every((v, i) => b[at + i] === v)

/** The file's real type from its first bytes, or null when it is not a PDF, PNG, JPEG or WebP. */
export function sniffContentType(bytes: Uint8Array): EvidenceType | null {
  if (startsWith(bytes, [0x25, 0x50, 0x44, 0x46, 0x2d])) return 'application/pdf' // %PDF-
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png'
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'image/jpeg'
  if (startsWith(bytes, [0x52, 0x49, 0x46, 0x46]) && startsWith(bytes, [0x57, 0x45, 0x42, 0x50], 8)) return 'image/webp' // RIFF….WEBP
  return null
}

export function assertEvidenceFile(size: number) {
  if (size > MAX_EVIDENCE_BYTES) throw new AppError('PAYLOAD_TOO_LARGE', 'fund.errors.fileTooLarge', { mb: MAX_EVIDENCE_BYTES / 1024 / 1024 })
  if (size === 0) throw invalid('fund.errors.fileEmpty')
}

/** May the actor add evidence to this report now? Checked by the upload route before it reads the body. */
export async function assertCanAddEvidence(db: Db, actor: Actor, reportId: string) {
  await assertReportEditable(db, actor, await loadFundReport(db, reportId))
}

export async function addEvidence(db: Db, actor: Actor, storage: FileStorage, input: { reportId: string; filename: string; bytes: Uint8Array }) {
  assertEvidenceFile(input.bytes.byteLength)
  const contentType = sniffContentType(input.bytes)
  if (!contentType) throw invalid('fund.errors.fileType')
  // Check the permission before anything is written, then store the file, then the row (and remove the file if
  // the row cannot be written, so no orphan remains). The row is written under the report's lock, after checking
  // again that the report is still editable: a submission or decision at the same moment runs before or after it.
  await assertCanAddEvidence(db, actor, input.reportId)
  const key = newKey('fund', input.reportId)
  await storage.put(key, input.bytes)
  try {
    return await db.$transaction(async (tx) => {
      const report = await lockFundReport(tx, input.reportId)
      await assertReportEditable(tx, actor, report)
      const evidence = await tx.fundEvidence.create({
        data: {
          reportId: report.id,
          storageKey: key,
          filename: storedFileName(input.filename, contentType),
          contentType,
          sizeBytes: input.bytes.byteLength,
          sha256: createHash('sha256').update(input.bytes).digest('hex'),
          uploadedById: actor.userId,
        },
      })
      await audit(tx, actor, { action: 'fund.evidence.add', entityType: 'FundEvidence', entityId: evidence.id, regionId: report.budgetLine.grant.regionId, boardId: report.boardId, after: evidence })
      return evidence
    })
  } catch (err) {
    // The caller gets the reason the row was refused, even when the clean-up fails too.
    await storage.delete(key).catch((cleanup: unknown) => logger.warn({ err: cleanup, key }, 'fund: evidence file of a refused upload not removed'))
    throw err
  }
}

/**
 * Removes an evidence row under its report's lock (so a submission at the same moment either sees it gone and is
 * refused for lack of evidence, or goes first and the removal is refused), then — only once that is committed — the
 * file. A file whose removal fails after the commit stays behind unreferenced (logged); a row never loses its file.
 */
export async function removeEvidence(db: Db, actor: Actor, storage: FileStorage, evidenceId: string) {
  const removed = await db.$transaction(async (tx) => {
    const found = await tx.fundEvidence.findUnique({ where: { id: evidenceId }, select: { reportId: true } })
    if (!found) throw notFound()
    const report = await lockFundReport(tx, found.reportId)
    await assertReportEditable(tx, actor, report)
    // Read again under the lock: a removal at the same moment may have taken it already.
    const evidence = await tx.fundEvidence.findUnique({ where: { id: evidenceId } })
    if (!evidence) throw notFound()
    await tx.fundEvidence.delete({ where: { id: evidence.id } })
    await audit(tx, actor, { action: 'fund.evidence.remove', entityType: 'FundEvidence', entityId: evidence.id, regionId: report.budgetLine.grant.regionId, boardId: report.boardId, before: evidence })
    return evidence
  })
  await storage.delete(removed.storageKey).catch((err: unknown) => logger.warn({ err, key: removed.storageKey }, 'fund: file of removed evidence not deleted'))
  return { ok: true }
}

/** The file of an evidence row, for whoever may read its report. */
export async function readEvidence(db: Db, actor: Actor, storage: FileStorage, evidenceId: string) {
  const evidence = await db.fundEvidence.findUnique({
    where: { id: evidenceId },
    include: { report: { select: { boardId: true, budgetLine: { select: { grant: { select: { regionId: true } } } } } } },
  })
  if (!evidence) throw notFound()
  authorize(actor, 'fund.read', reportTenant(evidence.report.budgetLine.grant.regionId, evidence.report.boardId))
  const bytes = await storage.get(evidence.storageKey)
  if (!bytes) throw notFound()
  return { bytes, filename: evidence.filename, contentType: evidence.contentType, sha256: evidence.sha256 }
}
