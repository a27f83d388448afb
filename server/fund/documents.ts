/**
 * Documents of a grant — the grant decision (beschikking) — through the same file storage as report evidence:
 * PDF only (recognised by content), size-limited, stored outside the web root; coordinators of the region upload,
 * whoever reads the grant may download.
 */
import { createHash } from 'node:crypto'
import type { Db } from '../db/client.ts'
import { audit } from '../db/audit.ts'
import { authorize, type Actor } from '../auth/policy.ts'
import { invalid, notFound } from '../lib/errors.ts'
import { newKey, type FileStorage } from '../storage/index.ts'
import { storedFileName } from '../storage/file-name.ts'
import { assertEvidenceFile, sniffContentType } from './evidence.ts'
import { assertGrantOpen, grantTenant, grantView, loadGrant } from './grants.ts'

/** Checked by the upload route before it reads the body. */
export async function assertCanAddDocument(db: Db, actor: Actor, grantId: string) {
  const grant = await loadGrant(db, grantId)
  authorize(actor, 'fund.manage', grantTenant(grant))
  await assertGrantOpen(db, grant.id)
  return grant
}

export async function addGrantDocument(db: Db, actor: Actor, storage: FileStorage, input: { grantId: string; filename: string; bytes: Uint8Array }) {
  assertEvidenceFile(input.bytes.byteLength)
  if (sniffContentType(input.bytes) !== 'application/pdf') throw invalid('fund.errors.decisionPdf')
  await assertCanAddDocument(db, actor, input.grantId)
  const key = newKey('fund', input.grantId)
  await storage.put(key, input.bytes)
  try {
    return await db.$transaction(async (tx) => {
      const grant = await loadGrant(tx, input.grantId)
      authorize(actor, 'fund.manage', grantTenant(grant))
      await assertGrantOpen(tx, grant.id)
      const doc = await tx.fundGrantDocument.create({
        data: { grantId: grant.id, storageKey: key, filename: storedFileName(input.filename, 'application/pdf'), contentType: 'application/pdf', sizeBytes: input.bytes.byteLength, sha256: createHash('sha256').update(input.bytes).digest('hex'), uploadedById: actor.userId },
      })
      await audit(tx, actor, { action: 'fund.document.add', entityType: 'FundGrantDocument', entityId: doc.id, regionId: grant.regionId, after: doc })
      return doc
    })
  } catch (err) {
    await storage.delete(key)
    throw err
  }
}

export async function readGrantDocument(db: Db, actor: Actor, storage: FileStorage, documentId: string) {
  const doc = await db.fundGrantDocument.findUnique({ where: { id: documentId }, include: { grant: { select: { regionId: true } } } })
  if (!doc) throw notFound()
  await grantView(db, actor, doc.grant)
  const bytes = await storage.get(doc.storageKey)
  if (!bytes) throw notFound()
  return { bytes, filename: doc.filename, contentType: doc.contentType, sha256: doc.sha256 }
}
