import { withRequest, attachment } from '@/server/api/route-handler'
import { ZTokenInput } from '@/server/registration/schema'
import { certificateData, renderCertificate } from '@/server/registration/certificate'
import { consume, publicLimits } from '@/server/lib/rate-limit'

/** A professional's certificate of participation (PDF), behind their registration link's token. */
export async function GET(req: Request, { params }: { params: Promise<{ token: string }> }) {
  return withRequest(req, async ({ db, locale, ip, t }) => {
    await consume(publicLimits.read, ip)
    const { token } = ZTokenInput.parse(await params)
    const data = await certificateData(db, token)
    const pdf = await renderCertificate(data, locale)
    return new Response(new Uint8Array(pdf), { headers: { 'Content-Type': 'application/pdf', 'Cache-Control': 'private, no-store', 'X-Content-Type-Options': 'nosniff', 'Content-Disposition': attachment(`${t('registration.certificate.file')}.pdf`) } })
  })
}
