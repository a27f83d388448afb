import { test, expect, signInAs, expectAccessible, waitForMail, firstLink } from './support/fixtures.ts'
import { execFileSync } from 'node:child_process'
import { randomBytes, randomUUID } from 'node:crypto'
import { uniq } from '../server/db/factories.ts'
import { toAmsterdam } from '../server/lib/time.ts'
import { schoolYearOf } from '../server/participation/school-year.ts'

const HOUR = 3_600_000
const DAY = 24 * HOUR
const localDate = (days: number) => toAmsterdam(new Date(Date.now() + days * DAY)).date

test.describe('leerlingen en campagnes', () => {
  test('coordinator sets up a campaign (max 2); decaan imports a class list with a bad row, fixes it, mails the links; the pupil books within the limit and is refused past it; overview and reach show it', async ({ page, browser, world, db }) => {
    test.setTimeout(480_000)
    const tag = uniq()
    // Three meeloopdagen of region A's mbo, open for booking now (straight in the database: the slots UI has its own spec).
    const programmes = await Promise.all(
      [0, 1, 2].map((i) => db.slotProgramme.create({ data: { organisationId: world.a.mbo.id, name: `Opleiding ${i} ${tag}`, sector: 'MBO', level: 'MBO_4', code: String(25500 + i) } })),
    )
    await db.slotSettings.upsert({ where: { organisationId: world.a.mbo.id }, create: { organisationId: world.a.mbo.id, maxActiveBookings: 10, limitScope: 'INSTITUTION' }, update: { maxActiveBookings: 10, limitScope: 'INSTITUTION' } })
    const slots = await Promise.all(
      programmes.map((p, i) =>
        db.slot.create({
          data: {
            programmeId: p.id,
            organisationId: world.a.mbo.id,
            startsAt: new Date(Date.now() + (20 + i) * DAY),
            endsAt: new Date(Date.now() + (20 + i) * DAY + 4 * HOUR),
            location: 'Campus',
            capacity: 10,
            bookingOpensAt: new Date(Date.now() - HOUR),
            bookingClosesAt: new Date(Date.now() + 19 * DAY),
            audienceLevels: ['HAVO', 'VWO'],
          },
        }),
      ),
    )
    page.on('dialog', (d) => void d.accept())

    // Coordinator: the campaign over the three slots, at most 2 per pupil, for school A.
    await signInAs(page, world.a.coordinator.email)
    await page.getByRole('navigation', { name: 'Hoofdnavigatie' }).getByRole('link', { name: 'Leerlingen' }).click()
    await expect(page.getByRole('heading', { level: 1, name: 'Campagnes' })).toBeVisible()
    await expectAccessible(page)
    // on a phone the campaign forms fit: a long activity option no longer widens the form's grid (600 px at 390 px)
    const desktop = page.viewportSize()!
    await page.setViewportSize({ width: 390, height: 844 })
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true)
    await page.setViewportSize(desktop)
    const cf = page.getByRole('form', { name: 'Nieuwe campagne' }).first()
    const campaignName = `Meeloopdagen mbo ${tag}`
    await cf.getByLabel('Naam').fill(campaignName)
    await cf.getByLabel('Vanaf').fill(localDate(-1))
    await cf.getByLabel('Tot en met').fill(localDate(15))
    await cf.getByLabel('Aanmeldingen per leerling').fill('2')
    await cf.getByLabel(world.a.school.name).check()
    for (const p of programmes) await cf.getByLabel(new RegExp(`${p.name} — `)).check()
    // Only havo (the slots are for havo and vwo): the forms then offer havo only.
    await cf.getByLabel('havo', { exact: true }).check()
    await cf.getByRole('button', { name: 'Campagne aanmaken' }).click()
    await expect(cf.getByText('Campagne aangemaakt.')).toBeVisible()
    const campaign = await db.participationCampaign.findFirstOrThrow({ where: { name: campaignName }, include: { slots: true } })
    expect(campaign.maxPerPupil).toBe(2)
    expect(campaign.slots.map((s) => s.slotId).sort()).toEqual(slots.map((s) => s.id).sort())
    expect(campaign.levels).toEqual(['HAVO'])
    await page.context().clearCookies()

    // The public pages say before any form that only the school's personal link books these days (the campaign is
    // for listed pupils only): the card says "via je school", the slot page explains it and shows no open form.
    const anonymous = await browser.newContext()
    const visitor = await anonymous.newPage()
    await visitor.goto(`/instelling/${world.a.mbo.brin}/proefstuderen?programme=${encodeURIComponent(programmes[0]!.name)}`)
    await expect(visitor.getByRole('listitem').filter({ hasText: programmes[0]!.name })).toContainText('Aanmelden via je school (persoonlijke link)')
    await visitor.goto(`/instelling/${world.a.mbo.brin}/proefstuderen/${slots[0]!.id}`)
    await expect(visitor.getByTestId('personal-link-only')).toHaveText(/Voor deze activiteit meld je je aan via de persoonlijke link van je school\./)
    await expect(visitor.getByLabel('Je e-mailadres')).toHaveCount(0)
    await expect(visitor.getByText('10 plekken vrij')).toHaveCount(0)
    await expectAccessible(visitor)
    await anonymous.close()

    // Decaan: a class list with a bad row is refused as a whole, with the row's line and column.
    await signInAs(page, world.a.staff.email)
    await page.getByRole('navigation', { name: 'Hoofdnavigatie' }).getByRole('link', { name: 'Leerlingen' }).click()
    await expect(page.getByRole('heading', { level: 1, name: 'Leerlingen en deelname' })).toBeVisible()
    await expectAccessible(page)
    const anna = `anna-${tag}@a${tag}.example.test`
    const bram = `bram-${tag}@b${tag}.example.test`
    const bad = `Naam;E-mail;Niveau;Leerjaar;Klas\nAnna Jansen;${anna};havo;4;4H${tag}\nBram Bakker;geen-adres;havo;4;4H${tag}\n`
    const importForm = page.getByRole('form', { name: 'Klassenlijst importeren' })
    await importForm.getByLabel('Bestand').setInputFiles({ name: 'klas.csv', mimeType: 'text/csv', buffer: Buffer.from(bad) })
    await importForm.getByRole('button', { name: 'Bestand lezen' }).click()
    const mapping = page.getByRole('form', { name: 'Koppel de kolommen' })
    await expect(mapping.getByLabel('E-mail')).toHaveValue('E-mail')
    await mapping.getByRole('button', { name: 'Importeren' }).click()
    await expect(page.getByRole('alert').filter({ hasText: 'Niets ingelezen: 1 fout.' })).toBeVisible()
    await expect(page.getByRole('cell', { name: 'geen geldig e-mailadres ("geen-adres")' })).toBeVisible()
    await expectAccessible(page)
    expect(await db.participationPupil.count({ where: { schoolId: world.a.school.id, className: `4H${tag}` } })).toBe(0)
    // Fixed: both go in.
    await importForm.getByLabel('Bestand').setInputFiles({ name: 'klas.csv', mimeType: 'text/csv', buffer: Buffer.from(bad.replace('geen-adres', bram)) })
    await importForm.getByRole('button', { name: 'Bestand lezen' }).click()
    await page.getByRole('form', { name: 'Koppel de kolommen' }).getByRole('button', { name: 'Importeren' }).click()
    await expect(page.getByText('2 leerlingen toegevoegd, 0 bijgewerkt.')).toBeVisible()
    expect(await db.participationPupil.count({ where: { schoolId: world.a.school.id, className: `4H${tag}` } })).toBe(2)
    // The decaan's own booking form for a campaign day offers only the campaign's levels (havo, not vwo).
    await page.goto(`/proefstuderen/boeken/${slots[0]!.id}`)
    await expect(page.getByLabel('Niveau van de leerling').locator('option')).toHaveText(['havo'])

    // The class, then mail the personal links.
    await page.goto(`/leerlingen?klas=4H${tag}&campagne=${campaign.id}`)
    await expect(page.getByRole('cell', { name: 'Anna Jansen', exact: true })).toBeVisible()
    await expect(page.getByTestId('not-booked')).toHaveText('2 leerlingen hebben zich nog niet aangemeld.')
    await page.getByRole('button', { name: 'Persoonlijke links mailen' }).click()
    await expect(page.getByText('2 links verstuurd.')).toBeVisible()
    const linkMail = await waitForMail(anna, (m) => m.subject === 'Jouw persoonlijke link voor oriëntatieactiviteiten')
    expect(linkMail.text).toContain('Beste Anna Jansen,')

    // The pupil, on a phone: books two (the limit), the third is refused with a clear message.
    const phone = await browser.newContext({ viewport: { width: 360, height: 740 } })
    const pupil = await phone.newPage()
    await pupil.goto(firstLink(linkMail.text, '/leerling/'))
    await expect(pupil.getByRole('heading', { level: 1, name: 'Hoi Anna Jansen' })).toBeVisible()
    await expectAccessible(pupil)
    // The personal link proved her address: each booking is confirmed at once (no separate confirmation step).
    for (const p of programmes.slice(0, 2)) {
      await pupil.getByRole('button', { name: `Aanmelden: ${p.name}` }).click()
      // Each day's own status (the one booked before keeps its message).
      await expect(pupil.getByRole('listitem').filter({ hasText: p.name }).getByRole('status')).toHaveText('Je aanmelding is bevestigd. Je krijgt een e-mail met de details.')
    }
    await expect(pupil.getByTestId('campaign-count')).toHaveText('Je hebt er 2 van de 2.')
    await pupil.getByRole('button', { name: `Aanmelden: ${programmes[2]!.name}` }).click()
    await expect(pupil.getByRole('alert').filter({ hasText: 'Je hebt al het maximum van 2 aanmeldingen in deze campagne.' })).toBeVisible()
    expect(await db.slotBooking.count({ where: { pupilEmail: anna, status: 'CONFIRMED' } })).toBe(2)
    await expectAccessible(pupil)
    // The mail is the confirmation with the booking's own link (to view or cancel), not "confirm your booking".
    const confirmed = await waitForMail(anna, (m) => m.subject === `Aangemeld: proefstuderen ${programmes[0]!.name}`)
    expect(confirmed.text).toContain('/boeking/')
    await phone.close()

    // The decaan's overview: Anna booked 2, Bram none; one reminder in one click. Reach: 1 of 2 with ≥ 1 activity.
    await page.goto(`/leerlingen?klas=4H${tag}&campagne=${campaign.id}`)
    const annaRow = page.getByRole('row').filter({ hasText: 'Anna Jansen' })
    await expect(annaRow.getByRole('cell').nth(4)).toHaveText('2')
    await expect(page.getByTestId('not-booked')).toHaveText('1 leerling heeft zich nog niet aangemeld.')
    await page.getByRole('button', { name: 'Herinnering mailen' }).click()
    await expect(page.getByText('1 herinnering verstuurd.')).toBeVisible()
    await waitForMail(bram, (m) => m.subject === `Herinnering: meld je aan voor ${campaignName}`)
    const reachRow = page.getByRole('row').filter({ hasText: 'Alle activiteiten' }).filter({ hasText: 'havo' })
    await expect(reachRow).toContainText('50%')
    await expectAccessible(page)
    await page.setViewportSize({ width: 360, height: 740 })
    await expectAccessible(page)
  })
})

test.describe('evaluatie na de activiteit en wie mag boeken', () => {
  test('a pupil evaluates the day after on a phone; the institution limits a programme to listed pupils; institution and decaan see aggregated results (more than 5 answers), the decaan per pupil who evaluated', async ({ page, browser, world, db }) => {
    test.setTimeout(300_000)
    const tag = uniq()
    const programme = await db.slotProgramme.create({ data: { organisationId: world.a.mbo.id, name: `Zorg en welzijn ${tag}`, sector: 'MBO', level: 'MBO_4', code: '25590' } })
    const slot = (endsAgo: number) =>
      db.slot.create({
        data: {
          programmeId: programme.id,
          organisationId: world.a.mbo.id,
          startsAt: new Date(Date.now() - endsAgo - 4 * HOUR),
          endsAt: new Date(Date.now() - endsAgo),
          location: 'Campus',
          capacity: 10,
          bookingOpensAt: new Date(Date.now() - 60 * DAY),
          bookingClosesAt: new Date(Date.now() - endsAgo - 5 * HOUR),
          audienceLevels: ['HAVO', 'VWO'],
        },
      })
    const yesterday = await slot(30 * HOUR)
    const earlier = await slot(20 * DAY)
    const schoolYear = schoolYearOf(new Date())
    const className = `5H${tag}`.slice(0, 20)
    const pupils = await Promise.all(
      ['Iris', 'Joost'].map((n, i) => db.participationPupil.create({ data: { schoolId: world.a.school.id, schoolYear, name: `${n} Visser`, email: `${n.toLowerCase()}-${tag}@p${i}${tag}.example.test`, level: 'HAVO', year: 5, className } })),
    )
    for (const p of pupils)
      await db.slotBooking.create({ data: { id: randomUUID(), slotId: yesterday.id, organisationId: world.a.mbo.id, programmeId: programme.id, pupilName: p.name, pupilEmail: p.email, schoolId: world.a.school.id, level: 'HAVO', year: 5, status: 'CONFIRMED', attendance: 'PRESENT' } })
    // Six earlier answers (a closed evaluation period) from school A's pupils.
    await db.participationEvaluation.createMany({
      data: [5, 4, 4, 3, 5, 4].map((useful, i) => ({ id: randomUUID(), slotId: earlier.id, programmeId: programme.id, organisationId: world.a.mbo.id, schoolId: world.a.school.id, useful, helpedChoice: 4, recommend: i % 2 ? 5 : 4, comment: i === 0 ? `Goede rondleiding ${tag}` : null })),
    })

    // The job the day after: one mail per pupil (outbox), with the personal evaluation link.
    // (In a child process, as the worker runs it: the server modules load their JSON catalogues with import attributes.)
    const job = `import { db } from './server/db/client.ts'; import { sendEvaluationRequests } from './server/participation/evaluation.ts'
      await sendEvaluationRequests(db, { scope: { organisationId: ${JSON.stringify(world.a.mbo.id)} } }); await db.$disconnect()`
    execFileSync('node', ['--import', 'tsx', '--input-type=module', '-e', job], { env: process.env, stdio: 'inherit', timeout: 120_000 })
    // In the outbox, unless the server's worker (its mail-outbox job, every minute) sent it meanwhile: a sent row keeps
    // no address or text (privacy), and the mail is then at the SMTP sink.
    const subject = `Hoe was ${programme.name} bij ${world.a.mbo.name}?`
    const mail =
      (await db.mailOutbox.findFirst({ where: { to: pupils[0]!.email, key: { startsWith: 'participation.evaluation.' } } })) ??
      (await waitForMail(pupils[0]!.email, (m) => m.subject === subject))
    expect(mail.subject).toBe(subject)

    // The pupil, on a phone: what is stored and for how long, three scales and a comment.
    const phone = await browser.newContext({ viewport: { width: 360, height: 740 } })
    const pupil = await phone.newPage()
    await pupil.goto(/\/evaluatie\/[A-Za-z0-9_-]{43}/.exec(mail.text ?? '')![0])
    await expect(pupil.getByRole('heading', { level: 1, name: 'Hoe was het?' })).toBeVisible()
    await expect(pupil.getByText(/zonder je naam, e-mailadres of het moment van invullen/)).toBeVisible()
    await expectAccessible(pupil)
    expect(await pupil.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true)
    await pupil.getByRole('button', { name: 'Versturen' }).click()
    await expect(pupil.getByText('Kies een antwoord van 1 tot 5.').first()).toBeVisible()
    for (const [q, v] of [['Was het nuttig?', '4'], ['Heeft het je geholpen bij je keuze?', '3'], ['Zou je het aanraden aan andere leerlingen?', '5 – heel erg']] as const)
      await pupil.getByRole('group', { name: q }).getByRole('radio', { name: v, exact: true }).check()
    await pupil.getByLabel('Opmerking (niet verplicht)').fill('Leuk om mee te lopen in de praktijkles.')
    await pupil.getByRole('button', { name: 'Versturen' }).click()
    await expect(pupil.getByText('Bedankt! Je antwoorden zijn opgeslagen.')).toBeVisible()
    await expectAccessible(pupil)
    expect(await db.participationEvaluation.count({ where: { slotId: yesterday.id } })).toBe(1)
    await pupil.reload()
    await expect(pupil.getByText('Je hebt deze evaluatie al ingevuld. Bedankt!')).toBeVisible()
    await phone.close()

    // The institution: only listed pupils may book this programme (the trigger refuses anyone else).
    page.on('dialog', (d) => void d.accept())
    await signInAs(page, world.a.publisher.email)
    await page.goto('/leerlingen/instelling')
    await expect(page.getByRole('heading', { level: 1, name: 'Leerlingen zonder klassenlijst' })).toBeVisible()
    await expectAccessible(page)
    await page.setViewportSize({ width: 360, height: 740 })
    await expectAccessible(page)
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true)
    await page.setViewportSize({ width: 1280, height: 800 })
    const rule = page.getByLabel(`Opleiding ${programme.name}`, { exact: true })
    await rule.selectOption({ label: 'Alleen leerlingen op een klassenlijst' })
    await page.getByRole('button', { name: `Opslaan: Opleiding ${programme.name}` }).click()
    await expect(page.getByText('Opgeslagen.')).toBeVisible()
    expect(await db.participationListRule.findUnique({ where: { organisationId_programmeId: { organisationId: world.a.mbo.id, programmeId: programme.id } } })).toMatchObject({ listedOnly: true })

    // The institution's results: the programme with six answers, averages and the comment; the new day not yet.
    await page.getByRole('link', { name: 'Evaluaties van je activiteiten' }).click()
    await expect(page.getByRole('heading', { level: 1, name: 'Evaluaties' })).toBeVisible()
    const card = page.locator('section').filter({ has: page.getByRole('heading', { name: programme.name, exact: true }) })
    const all = card.getByRole('row').filter({ hasText: 'Getoonde dagen samen' })
    await expect(all.getByRole('cell').nth(1)).toHaveText('6')
    await expect(all.getByRole('cell').nth(2)).toHaveText('4,2')
    await expect(card.getByText(`Goede rondleiding ${tag}`)).toBeVisible()
    await expectAccessible(page)
    await page.setViewportSize({ width: 360, height: 740 })
    await expectAccessible(page)
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true)
    await page.setViewportSize({ width: 1280, height: 800 })
    await page.context().clearCookies()

    // The decaan: the same answers (own pupils) and, per pupil, who evaluated.
    await signInAs(page, world.a.staff.email)
    await page.goto(`/leerlingen?klas=${className}`)
    await expect(page.getByRole('row').filter({ hasText: 'Iris Visser' })).toContainText('1 van 1 ingevuld')
    await expect(page.getByRole('row').filter({ hasText: 'Joost Visser' })).toContainText('0 van 1 ingevuld')
    await page.getByRole('link', { name: 'Evaluaties' }).first().click()
    await expect(page.getByText(`Antwoorden van leerlingen van ${world.a.school.name}.`)).toBeVisible()
    await expect(page.locator('section').filter({ has: page.getByRole('heading', { name: `${programme.name} (${world.a.mbo.name})` }) }).getByRole('row').filter({ hasText: 'Getoonde dagen samen' })).toContainText('4,2')
    await expectAccessible(page)
    await page.setViewportSize({ width: 360, height: 740 })
    await expectAccessible(page)
  })
})

test.describe('persoonlijke link met het toetsenbord', () => {
  test('booking with the keyboard on the personal link page: the result (booked, then the refusal past the limit) takes focus and names its activity', async ({ page, world, db }) => {
    test.setTimeout(120_000)
    const tag = uniq()
    const programmes = await Promise.all([0, 1].map((i) => db.slotProgramme.create({ data: { organisationId: world.a.mbo.id, name: `Toets ${i} ${tag}`, sector: 'MBO', level: 'MBO_4', code: String(25600 + i) } })))
    await db.slotSettings.upsert({ where: { organisationId: world.a.mbo.id }, create: { organisationId: world.a.mbo.id, maxActiveBookings: 10, limitScope: 'INSTITUTION' }, update: { maxActiveBookings: 10, limitScope: 'INSTITUTION' } })
    const slots = await Promise.all(
      programmes.map((p, i) =>
        db.slot.create({
          data: { programmeId: p.id, organisationId: world.a.mbo.id, startsAt: new Date(Date.now() + (20 + i) * DAY), endsAt: new Date(Date.now() + (20 + i) * DAY + 4 * HOUR), location: 'Campus', capacity: 10, bookingOpensAt: new Date(Date.now() - HOUR), bookingClosesAt: new Date(Date.now() + 19 * DAY), audienceLevels: ['HAVO'] },
        }),
      ),
    )
    await db.participationCampaign.create({
      data: { regionId: world.a.region.id, name: `Toetsenbord ${tag}`, opensAt: new Date(Date.now() - DAY), closesAt: new Date(Date.now() + 15 * DAY), maxPerPupil: 1, levels: [], slots: { create: slots.map((s) => ({ slotId: s.id })) }, schools: { create: [{ schoolId: world.a.school.id }] } },
    })
    const token = randomBytes(32).toString('base64url')
    // The stored hash of a personal link, as the server computes it (in a child process: the module loads JSON catalogues).
    const hashLinkToken = (t: string) =>
      execFileSync('node', ['--import', 'tsx', '--input-type=module', '-e', "import { hashLinkToken } from './server/participation/pupils.ts'; process.stdout.write(hashLinkToken(process.argv[1]))", t], { env: process.env, timeout: 60_000 }).toString()
    const schoolYear = schoolYearOf(new Date())
    await db.participationPupil.create({ data: { schoolId: world.a.school.id, schoolYear, name: 'Kees Toets', email: `kees-${tag}@k${tag}.example.test`, level: 'HAVO', year: 4, className: `4K${tag}`.slice(0, 20), linkHash: hashLinkToken(token), linkExpiresAt: new Date(Date.now() + 30 * DAY) } })
    await page.setViewportSize({ width: 360, height: 740 })
    await page.goto(`/leerling/${token}`)
    await expect(page.getByRole('heading', { level: 1, name: 'Hoi Kees Toets' })).toBeVisible()
    // Enter on "Aanmelden": the result takes focus (not <body>) and its name says which day it is about.
    await page.getByRole('button', { name: `Aanmelden: ${programmes[0]!.name}` }).focus()
    await page.keyboard.press('Enter')
    const first = page.getByRole('group', { name: new RegExp(`^Resultaat voor ${programmes[0]!.name} — ${world.a.mbo.name}, `) })
    await expect(first).toBeFocused()
    await expect(first.getByRole('status')).toHaveText('Je aanmelding is bevestigd. Je krijgt een e-mail met de details.')
    // Past the limit: the refusal takes focus, named after the other day.
    await page.getByRole('button', { name: `Aanmelden: ${programmes[1]!.name}` }).focus()
    await page.keyboard.press('Enter')
    const second = page.getByRole('group', { name: new RegExp(`^Resultaat voor ${programmes[1]!.name} — `) })
    await expect(second).toBeFocused()
    await expect(second.getByRole('alert')).toContainText('Je hebt al het maximum van 1 aanmelding in deze campagne.')
    await expectAccessible(page)
    await page.setViewportSize({ width: 1280, height: 900 })
    await expectAccessible(page)
  })
})
