import { z } from 'zod'
import { withActor } from '@/server/api/route-handler'
import { zId } from '@/server/lib/zod'
import { invalid } from '@/server/lib/errors'
import { readForm } from '@/server/lib/body'
import { MAX_EVIDENCE_BYTES } from '@/server/fund/evidence'
import { addGrantDocument, assertCanAddDocument } from '@/server/fund/documents'
import { fileStorage } from '@/server/storage'

const MAX_BODY_BYTES = MAX_EVIDENCE_BYTES + 64 * 1024
const tooLarge = { key: 'fund.errors.fileTooLarge', params: { mb: MAX_EVIDENCE_BYTES / 1024 / 1024 } }

/** Upload of the grant decision (beschikking, PDF) to a grant; the right to do so is checked before the body is read. */
export async function POST(req: Request, { params }: { params: Promise<{ id: string }> }) {
  return withActor(req, async ({ db, actor }) => {
    const { id } = z.object({ id: zId }).parse(await params)
    await assertCanAddDocument(db, actor, id)
    const form = await readForm(req, MAX_BODY_BYTES, tooLarge)
    const file = form.get('file')
    if (!(file instanceof File)) throw invalid('fund.errors.fileMissing')
    const doc = await addGrantDocument(db, actor, fileStorage(), { grantId: id, filename: file.name, bytes: new Uint8Array(await file.arrayBuffer()) })
    return Response.json({ id: doc.id, filename: doc.filename, sizeBytes: doc.sizeBytes }, { status: 201 })
  })
}
