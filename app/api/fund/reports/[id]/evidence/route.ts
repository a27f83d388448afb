import { z } from 'zod'
import { withActor } from '@/server/api/route-handler'
import { zId } from '@/server/lib/zod'
import { AppError, invalid } from '@/server/lib/errors'
import { addEvidence, assertEvidenceFile, MAX_EVIDENCE_BYTES } from '@/server/fund/evidence'
import { fileStorage } from '@/server/storage'

/** Upload of one evidence file (multipart field "file") to an expenditure report. */
export async function POST(req: Request, { params }: { params: Promise<{ id: string }> }) {
  return withActor(req, async ({ db, actor }) => {
    const { id } = z.object({ id: zId }).parse(await params)
    // Refuse an oversized body before reading it (the multipart envelope adds a few hundred bytes).
    const declared = Number(req.headers.get('content-length') ?? 0)
    if (declared > MAX_EVIDENCE_BYTES + 64 * 1024) throw new AppError('PAYLOAD_TOO_LARGE', 'fund.errors.fileTooLarge', { mb: MAX_EVIDENCE_BYTES / 1024 / 1024 })
    const form = await req.formData().catch(() => null)
    const file = form?.get('file')
    if (!(file instanceof File)) throw invalid('fund.errors.fileMissing')
    assertEvidenceFile(file.size)
    const bytes = new Uint8Array(await file.arrayBuffer())
    const evidence = await addEvidence(db, actor, fileStorage(), { reportId: id, filename: file.name, bytes })
    return Response.json({ id: evidence.id, filename: evidence.filename, contentType: evidence.contentType, sizeBytes: evidence.sizeBytes }, { status: 201 })
  })
}
