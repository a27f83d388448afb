import { z } from 'zod'
import { withActor } from '@/server/api/route-handler'
import { zId } from '@/server/lib/zod'
import { invalid } from '@/server/lib/errors'
import { readForm } from '@/server/lib/body'
import { addEvidence, assertCanAddEvidence, assertEvidenceFile, MAX_EVIDENCE_BYTES } from '@/server/fund/evidence'
import { fileStorage } from '@/server/storage'

/** The multipart envelope around the file adds a few hundred bytes. */
const MAX_BODY_BYTES = MAX_EVIDENCE_BYTES + 64 * 1024
const tooLarge = { key: 'fund.errors.fileTooLarge', params: { mb: MAX_EVIDENCE_BYTES / 1024 / 1024 } }

/**
 * Upload of one evidence file (multipart field "file") to an expenditure report. The actor's right to add evidence
 * to this report is checked before a byte of the body is read; the body must declare its length and is read
 * through the byte limit (413 past it).
 */
export async function POST(req: Request, { params }: { params: Promise<{ id: string }> }) {
  return withActor(req, async ({ db, actor }) => {
    const { id } = z.object({ id: zId }).parse(await params)
    await assertCanAddEvidence(db, actor, id)
    const form = await readForm(req, MAX_BODY_BYTES, tooLarge)
    const file = form.get('file')
    if (!(file instanceof File)) throw invalid('fund.errors.fileMissing')
    assertEvidenceFile(file.size)
    const bytes = new Uint8Array(await file.arrayBuffer())
    const evidence = await addEvidence(db, actor, fileStorage(), { reportId: id, filename: file.name, bytes })
    return Response.json({ id: evidence.id, filename: evidence.filename, contentType: evidence.contentType, sizeBytes: evidence.sizeBytes }, { status: 201 })
  })
}
