import { test, expect, signInAs, signInByEmail, expectAccessible, waitForMail, firstLink } from './support/fixtures.ts'
import { buildOrganisation, buildRegion, buildUser, uniq } from '../server/db/factories.ts'

test.describe('administration', () => {
  test('a platform admin manages regions, boards and organisations; bad input gets a translated message', async ({ page, world }) => {
    const u = uniq()
    await signInAs(page, world.admin.email)
    const nav = page.getByRole('navigation', { name: 'Hoofdnavigatie' })
    for (const item of ['Overzicht', 'Organisaties', "Regio's", 'Besturen', 'Gebruikers', 'Logboek']) await expect(nav.getByRole('link', { name: item, exact: true })).toBeVisible()

    await nav.getByRole('link', { name: "Regio's" }).click()
    await expectAccessible(page)
    const regionForm = page.getByRole('form', { name: 'Nieuwe regio' })
    await regionForm.getByRole('textbox', { name: 'Naam', exact: true }).fill(`Regio Zeeland ${u}`)
    await regionForm.getByLabel('Korte naam').fill(`Zeeland ${u}`) // not a valid slug: upper case and a space
    await regionForm.getByLabel('Provincie').fill('Zeeland')
    await regionForm.getByRole('button', { name: 'Nieuwe regio' }).click()
    await expect(regionForm.getByText('Gebruik kleine letters, cijfers en streepjes.')).toBeVisible()
    await regionForm.getByLabel('Korte naam').fill(`zeeland-${u}`)
    await regionForm.getByRole('button', { name: 'Nieuwe regio' }).click()
    await page.getByRole('link', { name: `Regio Zeeland ${u}` }).click()
    await expectAccessible(page)
    const edit = page.getByRole('form', { name: `Regio Zeeland ${u}` })
    await edit.getByRole('textbox', { name: 'Naam', exact: true }).fill(`Regio Zeeuws-Vlaanderen ${u}`)
    await edit.getByRole('button', { name: 'Opslaan' }).click()
    await expect(edit.getByText('Regio bijgewerkt')).toBeVisible()
    await page.getByRole('navigation', { name: 'Hoofdnavigatie' }).getByRole('link', { name: "Regio's" }).click()
    await expect(page.getByRole('cell', { name: `Regio Zeeuws-Vlaanderen ${u}` })).toBeVisible()

    await nav.getByRole('link', { name: 'Besturen' }).click()
    await expectAccessible(page)

    await nav.getByRole('link', { name: 'Organisaties' }).click()
    await expectAccessible(page)
    await page.getByRole('link', { name: 'Nieuwe organisatie' }).click()
    await page.getByRole('textbox', { name: 'Naam', exact: true }).fill(`Zeeuws College ${u}`)
    await page.getByLabel('BRIN').fill('1234')
    await page.getByRole('textbox', { name: 'Plaats', exact: true }).first().fill('Middelburg')
    await page.getByRole('combobox', { name: 'Regio', exact: true }).selectOption({ label: `Regio Zeeuws-Vlaanderen ${u}` })
    await page.getByLabel('Naam vestiging').fill('Hoofdlocatie')
    await page.getByRole('textbox', { name: 'Plaats', exact: true }).nth(1).fill('Middelburg')
    await page.getByRole('button', { name: 'Aanmaken' }).click()
    await expect(page.getByText('Een BRIN-code bestaat uit 2 cijfers en 2 letters')).toBeVisible()
    await expectAccessible(page)
    const brin = `${String(Math.floor(Math.random() * 90) + 10)}Z${'ABCDEFGHIJKLMNOPQRSTUVWXYZ'[Math.floor(Math.random() * 26)]}`
    await page.getByLabel('BRIN').fill(brin)
    await page.getByRole('button', { name: 'Aanmaken' }).click()
    await expect(page.getByRole('heading', { level: 1, name: `Zeeuws College ${u}` })).toBeVisible()
    await expectAccessible(page)

    await nav.getByRole('link', { name: 'Logboek' }).click()
    await expect(page.getByRole('cell', { name: 'Organisaties · aangemaakt' }).first()).toBeVisible()
    expect(await page.getByRole('main').innerText()).not.toContain('organisation.create') // no raw action keys
    await expectAccessible(page)
    // Filtered to organisations, the newest entry is this creation, readable and linked to the organisation.
    const filters = page.getByRole('search', { name: 'Logboek filteren' })
    await filters.getByLabel('Onderdeel van Overstap').selectOption({ label: 'Organisaties' })
    await filters.getByLabel('Onderdeel', { exact: true }).selectOption({ label: 'Organisatie' })
    await filters.getByRole('button', { name: 'Filteren' }).click()
    await expect(page).toHaveURL(/domein=organisation&soort=Organisation/)
    await expect(page.getByTestId('audit-total')).toHaveText(/^\d+ regels? gevonden\.$/)
    await expect(page.getByRole('row').nth(1)).toContainText('Organisaties · aangemaakt')
    await page.getByRole('link', { name: 'Organisatie openen' }).first().click()
    await expect(page.getByRole('heading', { level: 1, name: `Zeeuws College ${u}` })).toBeVisible()
  })

  test('a coordinator invites a decaan by e-mail; the decaan signs in and has the role', async ({ page, browser, world }) => {
    const email = `decaan-${uniq()}@example.test`
    await signInAs(page, world.a.coordinator.email)
    await page.getByRole('navigation', { name: 'Hoofdnavigatie' }).getByRole('link', { name: 'Gebruikers' }).click()
    await expectAccessible(page)
    const form = page.getByRole('form', { name: 'Iemand uitnodigen' })
    await form.getByLabel('E-mailadres').fill(email)
    await form.getByLabel('Rol').selectOption({ label: 'Decaan / LOB-coördinator' })
    await form.getByLabel('Organisatie (voor decaan of aanbieder)').selectOption({ label: `${world.a.school.name} (${world.a.school.brin})` })
    await form.getByRole('button', { name: 'Uitnodigen' }).click()
    await expect(form.getByText('Uitnodiging verstuurd.')).toBeVisible()
    await expect(page.getByRole('cell', { name: email, exact: true })).toBeVisible()
    const invitation = await waitForMail(email, (m) => m.subject.includes('uitgenodigd'))
    expect(firstLink(invitation.text, '/signin')).toContain('/signin')

    const other = await browser.newPage()
    await signInByEmail(other, email) // the invitee's first sign-in through the real magic link accepts the invitation
    await expect(other.getByTestId('my-roles')).toContainText(`Decaan / LOB-coördinator — ${world.a.school.name}`)
    await other.close()
  })

  test('a pending invitation can be sent again and withdrawn (after confirming); the admin’s invite form does not default to platform admin', async ({ page, browser, world }) => {
    const email = `mentor-${uniq()}@example.test`
    await signInAs(page, world.a.coordinator.email)
    await page.goto('/admin/members')
    const form = page.getByRole('form', { name: 'Iemand uitnodigen' })
    await form.getByLabel('E-mailadres').fill(email)
    await form.getByLabel('Rol').selectOption({ label: 'Decaan / LOB-coördinator' })
    await form.getByLabel('Organisatie (voor decaan of aanbieder)').selectOption({ label: `${world.a.school.name} (${world.a.school.brin})` })
    await form.getByRole('button', { name: 'Uitnodigen' }).click()
    await expect(form.getByText('Uitnodiging verstuurd.')).toBeVisible()
    await waitForMail(email, (m) => m.subject.includes('uitgenodigd'))

    await page.getByRole('button', { name: `Opnieuw versturen: ${email}` }).click()
    await expect(page.getByRole('status').filter({ hasText: 'Uitnodiging opnieuw verstuurd' })).toBeVisible()
    // Dismissing the confirmation keeps the invitation; accepting it withdraws it.
    page.once('dialog', (d) => d.dismiss())
    await page.getByRole('button', { name: `Intrekken: ${email}` }).click()
    await expect(page.getByRole('cell', { name: email, exact: true })).toBeVisible()
    page.once('dialog', (d) => {
      expect(d.message()).toContain(email)
      void d.accept()
    })
    await page.getByRole('button', { name: `Intrekken: ${email}` }).click()
    await expect(page.getByRole('cell', { name: email, exact: true })).toHaveCount(0)
    await expectAccessible(page)

    const admin = await browser.newPage()
    await signInAs(admin, world.admin.email)
    await admin.goto('/admin/members')
    const role = admin.getByRole('form', { name: 'Iemand uitnodigen' }).getByLabel('Rol')
    await expect(role).not.toHaveValue('PLATFORM_ADMIN')
    await expect(role).toHaveValue('ORG_STAFF')
    await admin.close()
  })

  test('another tenant’s pages are a 403 for every role', async ({ page, world }) => {
    await signInAs(page, world.a.coordinator.email)
    const res = await page.goto(`/organisations/${world.b.school.id}`)
    expect(res?.status()).toBe(403)
    await expect(page.getByRole('heading', { name: 'Je hebt geen toegang tot dit onderdeel.' })).toBeVisible()
    await expectAccessible(page)
    expect((await page.goto('/admin/regions'))?.status()).toBe(403)
  })

  test('organisation staff see a navigation that fits their role and no admin pages', async ({ page, world }) => {
    await signInAs(page, world.a.staff.email)
    const nav = page.getByRole('navigation', { name: 'Hoofdnavigatie' })
    await expect(nav.getByRole('link', { name: 'Organisaties' })).toBeVisible()
    await expect(nav.getByRole('link', { name: 'Gebruikers' })).toHaveCount(0)
    await expect(nav.getByRole('link', { name: 'Logboek' })).toHaveCount(0)
    expect((await page.goto('/admin/members'))?.status()).toBe(403)
    expect((await page.goto(`/organisations/${world.b.mbo.id}`))?.status()).toBe(403)
    await page.goto(`/organisations/${world.a.school.id}`)
    await expect(page.getByText('Je kunt deze organisatie bekijken maar niet wijzigen.')).toBeVisible()
    await expectAccessible(page)
  })

  test('board reporters and publishers get their own navigation', async ({ page, world }) => {
    await signInAs(page, world.a.boardReporter.email)
    const nav = page.getByRole('navigation', { name: 'Hoofdnavigatie' })
    await expect(nav.getByRole('link', { name: 'Besturen' })).toBeVisible()
    await expect(nav.getByRole('link', { name: 'Gebruikers' })).toHaveCount(0)
    await page.getByRole('button', { name: 'Afmelden' }).click()
    await expect(page).toHaveURL(/\/signin/)
    await signInAs(page, world.a.publisher.email)
    await expect(nav.getByRole('link', { name: 'Besturen' })).toHaveCount(0)
    await expect(page.getByTestId('my-roles')).toContainText('Aanbieder proefstuderen')
  })
})

/** Issue #19: members and pending invitations each page on their own (25 at a time) with the total. */
test.describe('members list', () => {
  test('a coordinator pages through the region’s members and invitations with the totals shown; it fits 360 px', async ({ page, db }) => {
    const region = await buildRegion(db)
    const school = await buildOrganisation(db, { regionIds: [region.id], sector: 'VO' })
    const coordinator = await buildUser(db, { roles: [{ role: 'REGION_COORDINATOR', regionId: region.id }] })
    for (let i = 0; i < 30; i++) await buildUser(db, { name: `Decaan ${String(i).padStart(2, '0')}`, roles: [{ role: 'ORG_STAFF', organisationId: school.id }] })
    await db.invitation.createMany({
      data: Array.from({ length: 27 }, (_, i) => ({ email: `uitgenodigd-${i}-${uniq()}@example.test`, role: 'ORG_STAFF' as const, organisationId: school.id, invitedById: coordinator.id, expiresAt: new Date(Date.now() + 7 * 86_400_000) })),
    })
    await signInAs(page, coordinator.email)
    await page.setViewportSize({ width: 360, height: 800 })
    await page.goto('/admin/members')
    const members = page.getByTestId('members-pager')
    const invitations = page.getByTestId('invitations-pager')
    await expect(members).toContainText('1–25 van 31') // the coordinator and the 30 decanen
    await expect(invitations).toContainText('1–25 van 27')
    await expectAccessible(page)
    expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0)
    await members.getByRole('link', { name: 'Volgende pagina' }).click()
    await expect(page.getByTestId('members-pager')).toContainText('26–31 van 31')
    await expect(page.getByRole('table', { name: 'Gebruikers en uitnodigingen' }).getByRole('row')).toHaveCount(7)
    await page.getByTestId('invitations-pager').getByRole('link', { name: 'Volgende pagina' }).click()
    await expect(page.getByTestId('invitations-pager')).toContainText('26–27 van 27')
    await expect(page.getByTestId('members-pager')).toContainText('26–31 van 31') // the members' page stays
    await expect(page.getByRole('table', { name: 'Openstaande uitnodigingen' }).getByRole('row')).toHaveCount(3)
    await expectAccessible(page)
  })
})
