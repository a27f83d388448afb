/**
 * The personal-link and reminder mails a decaan sends go to pupils, who have no language stored: they are in the
 * platform's default language (Dutch), whatever language the decaan's UI is in (audit A F5).
 */
import { beforeAll, describe, expect, it, vi } from 'vitest'
import { uniq } from '../db/factories.ts'
import { callerFor, db } from '../test/helpers.ts'
import { sentDirectly } from '../test/direct-mail.ts'
import { createMboProgramme, DAY, HOUR, liftBookingLimits, slotData, twoRegionWorldBeforeAll } from '../test/world.ts'
import { defaultLocale } from '../i18n/config.ts'
import { translator } from '../i18n/translate.ts'
import { toAmsterdam } from '../lib/time.ts'
import type { Mail } from '../mail/mailer.ts'
import { schoolYearOf } from './school-year.ts'

// The link mails are sent after the transaction through the mailer's sendMail: recorded here instead.
vi.mock('../mail/mailer.ts', async (original) => (await import('../test/direct-mail.ts')).recordingMailer(await original()))

const w = twoRegionWorldBeforeAll()
const schoolYear = schoolYearOf(new Date())
const localDate = (ms: number) => toAmsterdam(new Date(Date.now() + ms)).date
const mailsTo = (to: string) => (sentDirectly as Mail[]).filter((m) => m.to === to)
let programmeId: string

beforeAll(async () => {
  programmeId = await createMboProgramme(w, { name: 'Mediavormgever', level: 'MBO_4', code: '25399' })
  await liftBookingLimits(w)
})

async function addPupil(name: string) {
  const staff = await callerFor(w.a.staff.id)
  const email = `p${uniq()}@${uniq()}.example.test`
  const { id } = await staff.participation.addPupil({ schoolId: w.a.school.id, schoolYear, name, email, level: 'HAVO', year: 4, className: '4H1' })
  return { id, email }
}

describe("pupils' mails are in Dutch, not in the decaan's UI language", () => {
  const nl = translator(defaultLocale, 'participation.mail')
  const en = translator('en', 'participation.mail')

  it('personal link sent by a decaan with the English UI: Dutch subject, greeting and body', async () => {
    const p = await addPupil('Mohammed Amrani')
    const decaan = await callerFor(w.a.staff.id, 'en')
    expect(await decaan.participation.sendLinks({ pupilIds: [p.id] })).toMatchObject({ sent: 1 })
    const [mail] = mailsTo(p.email)
    expect(mail!.subject).toBe(nl('link.subject'))
    expect(mail!.subject).not.toBe(en('link.subject'))
    expect(mail!.text).toContain(nl('greeting', { name: 'Mohammed Amrani' }))
    expect(mail!.text).toContain(nl('footer'))
  })

  it('campaign reminder sent by a decaan with the English UI: Dutch too', async () => {
    const p = await addPupil('Lotte Visser')
    const now = Date.now()
    const slot = await db.slot.create({
      data: slotData({ programmeId, organisationId: w.a.mbo.id, capacity: 10, startsAt: new Date(now + 14 * DAY), bookingOpensAt: new Date(now - HOUR), bookingClosesAt: new Date(now + 13 * DAY), audienceLevels: ['HAVO'] }),
    })
    const coord = await callerFor(w.a.coordinator.id)
    const name = `Meeloopdagen ${uniq()}`
    const c = await coord.participation.createCampaign({ regionId: w.a.region.id, name, opensAt: localDate(-DAY), closesAt: localDate(10 * DAY), maxPerPupil: 2, levels: [], schoolIds: [w.a.school.id], slotIds: [slot.id], listedOnly: true })
    const decaan = await callerFor(w.a.staff.id, 'en')
    await decaan.participation.remind({ schoolId: w.a.school.id, campaignId: c.id, schoolYear })
    const mail = mailsTo(p.email).at(-1)!
    expect(mail.subject).toBe(nl('reminder.subject', { campaign: name }))
    expect(mail.text).toContain(nl('greeting', { name: 'Lotte Visser' }))
    expect(mail.text).toContain(nl('reminder.body', { campaign: name, school: w.a.school.name }))
  })
})
