/**
 * Certificate of participation for professionals (decanen, mentors, teachers) for their professionalisation file:
 * a PDF (pdfkit) with their name, the event, the sessions they attended (checked in) and the hours. Reached through
 * the registrant's own link; only after attending.
 */
import { PDF_FONT, registerUnicodeFonts } from '../lib/pdf-fonts.ts'
import PDFDocument from 'pdfkit'
import type { Db } from '../db/client.ts'
import { intlLocale, type Locale } from '../i18n/config.ts'
import { translator } from '../i18n/translate.ts'
import { formatAmsterdam } from '../lib/time.ts'
import { conflict, notFound } from '../lib/errors.ts'
import { hashBookingToken } from '../booking/token.ts'

/** Hours of the attended sessions, rounded to a quarter of an hour. */
export function attendedHours(sessions: { startsAt: Date; endsAt: Date }[]): number {
  const ms = sessions.reduce((n, s) => n + (s.endsAt.getTime() - s.startsAt.getTime()), 0)
  return Math.round((ms / 3_600_000) * 4) / 4
}

export async function certificateData(db: Db, token: string) {
  const r = await db.registrant.findUnique({
    where: { tokenHash: hashBookingToken(token) },
    select: { name: true, audience: true, role: true, schoolId: true, schoolOther: true, registration: { select: { eventId: true } }, seats: { where: { attendance: 'PRESENT' }, select: { session: { select: { title: true, startsAt: true, endsAt: true } } }, orderBy: { session: { startsAt: 'asc' } } } },
  })
  if (!r) throw notFound('registration.errors.tokenInvalid')
  if (r.audience !== 'PROFESSIONAL' || !r.seats.length || !r.name) throw conflict('registration.errors.noCertificate')
  const event = await db.calendarEvent.findUniqueOrThrow({ where: { id: r.registration.eventId }, select: { title: true, organisers: { select: { organisation: { select: { name: true } } } } } })
  const school = r.schoolId ? (await db.organisation.findUnique({ where: { id: r.schoolId }, select: { name: true } }))?.name : r.schoolOther
  const sessions = r.seats.map((s) => s.session)
  return { name: r.name, role: r.role, school: school ?? null, event, sessions, hours: attendedHours(sessions) }
}

export function renderCertificate(data: Awaited<ReturnType<typeof certificateData>>, locale: Locale): Promise<Buffer> {
  const t = translator(locale, 'registration.certificate')
  const doc = new PDFDocument({ size: 'A4', margin: 60, info: { Title: t('title'), Subject: data.event.title, Author: data.event.organisers.map((o) => o.organisation.name).join(', '), Creator: 'Overstap' }, lang: locale })
  const chunks: Buffer[] = []
  doc.on('data', (c: Buffer) => chunks.push(c))
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)))
    doc.on('error', reject)
  })
  // People's names and the event's texts as written: a Unicode font, not Helvetica's WinAnsi (../lib/pdf-fonts.ts).
  registerUnicodeFonts(doc)
  const { regular, bold } = PDF_FONT
  const hours = new Intl.NumberFormat(intlLocale(locale), { maximumFractionDigits: 2 }).format(data.hours)
  doc.font(bold).fontSize(24).text(t('title'), { align: 'center' }).moveDown(1.5)
  doc.font(regular).fontSize(12).text(t('declares'), { align: 'center' }).moveDown(0.5)
  doc.font(bold).fontSize(18).text(data.name, { align: 'center' }).moveDown(0.3)
  if (data.school) doc.font(regular).fontSize(12).text(data.school, { align: 'center' })
  doc.moveDown(1).font(regular).fontSize(12).text(t('attended'), { align: 'center' }).moveDown(0.5)
  doc.font(bold).fontSize(16).text(data.event.title, { align: 'center' }).moveDown(1)
  doc.font(regular).fontSize(11)
  for (const s of data.sessions) doc.text(`${s.title} — ${formatAmsterdam(s.startsAt, 'd MMMM yyyy, HH:mm', locale)}–${formatAmsterdam(s.endsAt, 'HH:mm', locale)}`)
  doc.moveDown(1).font(bold).fontSize(13).text(t('hours', { hours }), { align: 'center' }).moveDown(2)
  doc.font(regular).fontSize(10).text(t('organisers', { organisers: data.event.organisers.map((o) => o.organisation.name).join(', ') }), { align: 'center' })
  doc.end()
  return done
}
