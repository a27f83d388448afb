/**
 * The upload routes of evidence and grant documents over their HTTP handlers (session cookie, multipart body), with
 * file names a browser may send: an emoji where the 150-character cut falls (a lone surrogate failed the row's
 * write: 500), bidirectional controls that disguise the extension (U+202E: "😀\u202Egpj.exe.pdf" showed as
 * "😀fdp.exe.jpg"), an extension that contradicts the content ("afdp.exe" served as application/pdf), and bytes
 * that are not UTF-8 (a lone surrogate's ED A0 80, stored as U+FFFD). Files go to a temporary FILE_STORAGE_DIR,
 * removed afterwards.
 */
import { rm } from 'node:fs/promises'
import { randomBytes } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { POST as evidencePOST } from '../../app/api/fund/reports/[id]/evidence/route.ts'
import { POST as documentPOST } from '../../app/api/fund/grants/[id]/documents/route.ts'
import { GET as evidenceGET } from '../../app/api/fund/evidence/[id]/route.ts'
import { GET as exportGET } from '../../app/api/fund/grants/[id]/export/route.ts'
import { buildTwoRegionWorld } from '../db/factories.ts'
import { SESSION_MAX_AGE } from '../auth/session.ts'
import { buildBudgetLine, buildFundGrant, buildReport, SAMPLE_PDF } from './factories.ts'
import { db } from '../test/helpers.ts'

// Before the imports above run (vitest hoists this): the routes' storage (server/env.ts reads it once) is a temporary directory.
const storageDir = await vi.hoisted(async () => {
  const [{ mkdtempSync }, { tmpdir }, path] = await Promise.all([import('node:fs'), import('node:os'), import('node:path')])
  const dir = mkdtempSync(path.join(tmpdir(), 'fund-upload-names-'))
  process.env.FILE_STORAGE_DIR = dir
  return dir
})

let w: Awaited<ReturnType<typeof buildTwoRegionWorld>>
let grant: { id: string }
let report: { id: string }
let reporterToken: string
let coordinatorToken: string

async function sessionFor(userId: string) {
  const sessionToken = randomBytes(32).toString('hex')
  await db.session.create({ data: { sessionToken, userId, expires: new Date(Date.now() + SESSION_MAX_AGE * 1000) } })
  return sessionToken
}

/** A multipart upload of SAMPLE_PDF under `filename`, as a browser sends it (with its declared length). */
async function upload(url: string, token: string, filename: string): Promise<Request> {
  const form = new FormData()
  form.set('file', new File([SAMPLE_PDF], filename, { type: 'application/pdf' }))
  const encoded = new Response(form)
  const body = new Uint8Array(await encoded.arrayBuffer())
  return new Request(url, {
    method: 'POST',
    body,
    headers: { cookie: `authjs.session-token=${token}`, 'content-type': encoded.headers.get('content-type')!, 'content-length': String(body.byteLength) },
  })
}

/** A multipart upload of SAMPLE_PDF whose file name is the given raw bytes (a browser's FormData cannot send bytes that are not UTF-8). */
function rawUpload(url: string, token: string, name: Uint8Array): Request {
  const b = 'XXb0und4ry'
  const body = Buffer.concat([Buffer.from(`--${b}\r\nContent-Disposition: form-data; name="file"; filename="`), name, Buffer.from('"\r\nContent-Type: application/pdf\r\n\r\n'), SAMPLE_PDF, Buffer.from(`\r\n--${b}--\r\n`)])
  return new Request(url, {
    method: 'POST',
    body,
    headers: { cookie: `authjs.session-token=${token}`, 'content-type': `multipart/form-data; boundary=${b}`, 'content-length': String(body.byteLength) },
  })
}

const params = (id: string) => ({ params: Promise.resolve({ id }) })

beforeAll(async () => {
  w = await buildTwoRegionWorld(db)
  grant = await buildFundGrant(db, { regionId: w.a.region.id, penvoerderId: w.a.mbo.id })
  const line = await buildBudgetLine(db, { grantId: grant.id, year: 2019, boardIds: [w.a.board.id] })
  report = await buildReport(db, { budgetLineId: line.id, boardId: w.a.board.id, year: 2019, amountCents: 10_000 })
  reporterToken = await sessionFor(w.a.boardReporter.id)
  coordinatorToken = await sessionFor(w.a.coordinator.id)
})

afterAll(async () => {
  await rm(storageDir, { recursive: true, force: true })
})

describe('fund uploads: file names cut on whole characters, without invisible format characters', () => {
  const longName = `${'a'.repeat(149)}😀😀.pdf`

  const cut = `${'a'.repeat(146)}.pdf`

  it('evidence: a 149 × "a" + emoji name is stored cut before the emoji, keeping its extension (201, not 500)', async () => {
    const res = await evidencePOST(await upload(`http://localhost/api/fund/reports/${report.id}/evidence`, reporterToken, longName), params(report.id))
    expect(res.status).toBe(201)
    const body = (await res.json()) as { id: string; filename: string }
    expect(body.filename).toBe(cut)
    expect((await db.fundEvidence.findUniqueOrThrow({ where: { id: body.id } })).filename).toBe(cut)
  })

  it('grant document: the same name is stored cut the same way (201, not 500)', async () => {
    const res = await documentPOST(await upload(`http://localhost/api/fund/grants/${grant.id}/documents`, coordinatorToken, longName), params(grant.id))
    expect(res.status).toBe(201)
    const body = (await res.json()) as { id: string; filename: string }
    expect(body.filename).toBe(cut)
    expect((await db.fundGrantDocument.findUniqueOrThrow({ where: { id: body.id } })).filename).toBe(cut)
  })

  it('a right-to-left override is dropped: stored and served as "😀gpj.exe.pdf", never shown as "…fdp.exe.jpg"', async () => {
    const res = await evidencePOST(await upload(`http://localhost/api/fund/reports/${report.id}/evidence`, reporterToken, '😀\u202Egpj.exe.pdf'), params(report.id))
    expect(res.status).toBe(201)
    const { id, filename } = (await res.json()) as { id: string; filename: string }
    expect(filename).toBe('😀gpj.exe.pdf')
    const download = await evidenceGET(new Request(`http://localhost/api/fund/evidence/${id}`, { headers: { cookie: `authjs.session-token=${reporterToken}` } }), params(id))
    expect(download.status).toBe(200)
    const disposition = download.headers.get('content-disposition')!
    expect(disposition).toContain(`filename*=UTF-8''${encodeURIComponent('😀gpj.exe.pdf')}`)
    expect(disposition).not.toMatch(/%E2%80%AE/i)

    const doc = await documentPOST(await upload(`http://localhost/api/fund/grants/${grant.id}/documents`, coordinatorToken, 'beschikking\u2067\u200B.pdf'), params(grant.id))
    expect(doc.status).toBe(201)
    expect(((await doc.json()) as { filename: string }).filename).toBe('beschikking.pdf')
  })
})

describe('fund uploads: the stored name says what the content check found', () => {
  it('a PDF sent as "a\u202Efdp.exe" or "../../etc/passwd" is stored and served as "afdp.pdf" and "passwd.pdf", type application/pdf', async () => {
    for (const [sent, stored] of [
      ['a\u202Efdp.exe', 'afdp.pdf'],
      ['../../etc/passwd', 'passwd.pdf'],
    ]) {
      const res = await evidencePOST(await upload(`http://localhost/api/fund/reports/${report.id}/evidence`, reporterToken, sent!), params(report.id))
      expect(res.status).toBe(201)
      const { id, filename, contentType } = (await res.json()) as { id: string; filename: string; contentType: string }
      expect([filename, contentType]).toEqual([stored, 'application/pdf'])
      const download = await evidenceGET(new Request(`http://localhost/api/fund/evidence/${id}`, { headers: { cookie: `authjs.session-token=${reporterToken}` } }), params(id))
      expect(download.headers.get('content-type')).toBe('application/pdf')
      expect(download.headers.get('content-disposition')).toContain(`filename="${stored}"`)
    }
    // The grant decision the same way (the same one function decides).
    const doc = await documentPOST(await upload(`http://localhost/api/fund/grants/${grant.id}/documents`, coordinatorToken, 'beschikking.docx'), params(grant.id))
    expect(doc.status).toBe(201)
    expect(((await doc.json()) as { filename: string }).filename).toBe('beschikking.pdf')
  })
})

describe('fund uploads: a file name that is not text is refused, naming the field', () => {
  it('bytes that are not UTF-8 (a lone surrogate: ED A0 80) → 400 with a translated message on "file", nothing stored', async () => {
    const before = await db.fundGrantDocument.count({ where: { grantId: grant.id } })
    const res = await documentPOST(rawUpload(`http://localhost/api/fund/grants/${grant.id}/documents`, coordinatorToken, Uint8Array.from([0x61, 0xed, 0xa0, 0x80, 0x2e, 0x70, 0x64, 0x66])), params(grant.id))
    expect(res.status).toBe(400)
    const body = (await res.json()) as { issues: { path: string; message: string }[] }
    expect(body.issues).toEqual([{ path: 'file', message: 'Deze naam of tekst bevat een kapot teken (geen geldige UTF-8). Pas het aan, bijvoorbeeld door het bestand een andere naam te geven, en probeer het opnieuw.' }])
    const evidence = await evidencePOST(rawUpload(`http://localhost/api/fund/reports/${report.id}/evidence`, reporterToken, Uint8Array.from([0xff, 0x2e, 0x70, 0x64, 0x66])), params(report.id))
    expect(evidence.status).toBe(400)
    expect(await db.fundGrantDocument.count({ where: { grantId: grant.id } })).toBe(before)
    // A name that is valid UTF-8 (even U+FFFD itself, sent as EF BF BD) is taken.
    const fine = await documentPOST(rawUpload(`http://localhost/api/fund/grants/${grant.id}/documents`, coordinatorToken, Buffer.from('a\uFFFDŁódź.pdf')), params(grant.id))
    expect(fine.status).toBe(201)
    expect(((await fine.json()) as { filename: string }).filename).toBe('a\uFFFDŁódź.pdf')
  })

  it('a NUL in the file name → 400 on "file" (not an index such as "form.1"); a NUL in a query parameter names the parameter', async () => {
    const res = await documentPOST(rawUpload(`http://localhost/api/fund/grants/${grant.id}/documents`, coordinatorToken, Buffer.from('a\u0000b.pdf')), params(grant.id))
    expect(res.status).toBe(400)
    expect(((await res.json()) as { issues: { path: string }[] }).issues.map((i) => i.path)).toEqual(['file'])
    const exp = await exportGET(new Request(`http://localhost/api/fund/grants/${grant.id}/export?format=%00`, { headers: { cookie: `authjs.session-token=${coordinatorToken}` } }), params(grant.id))
    expect(exp.status).toBe(400)
    const issues = ((await exp.json()) as { issues: { path: string; message: string }[] }).issues
    expect(issues.map((i) => i.path)).toEqual(['format'])
    expect(issues[0]!.message).toContain('ongeldig teken')
  })
})
