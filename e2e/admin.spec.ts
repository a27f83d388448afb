import { test, expect, signInByEmail, expectAccessible, waitForMail, firstLink } from './support/fixtures.ts'
import { uniq } from '../server/db/factories.ts'

test.describe('administration', () => {
  test('a platform admin manages regions, boards and organisations; bad input gets a translated message', async ({ page, world }) => {
    const u = uniq()
    await signInByEmail(page, world.admin.email)
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
    await expect(page.getByRole('cell', { name: `Regio Zeeland ${u}` })).toBeVisible()

    await nav.getByRole('link', { name: 'Besturen' }).click()
    await expectAccessible(page)

    await nav.getByRole('link', { name: 'Organisaties' }).click()
    await expectAccessible(page)
    await page.getByRole('link', { name: 'Nieuwe organisatie' }).click()
    await page.getByRole('textbox', { name: 'Naam', exact: true }).fill(`Zeeuws College ${u}`)
    await page.getByLabel('BRIN').fill('1234')
    await page.getByRole('textbox', { name: 'Plaats', exact: true }).first().fill('Middelburg')
    await page.getByRole('combobox', { name: 'Regio', exact: true }).selectOption({ label: `Regio Zeeland ${u}` })
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
    await expect(page.getByRole('cell', { name: 'organisation.create' }).first()).toBeVisible()
    await expectAccessible(page)
  })

  test('a coordinator invites a decaan by e-mail; the decaan signs in and has the role', async ({ page, browser, world }) => {
    const email = `decaan-${uniq()}@example.test`
    await signInByEmail(page, world.a.coordinator.email)
    await page.getByRole('navigation', { name: 'Hoofdnavigatie' }).getByRole('link', { name: 'Gebruikers' }).click()
    await expectAccessible(page)
    const form = page.getByRole('form', { name: 'Iemand uitnodigen' })
    await form.getByLabel('E-mailadres').fill(email)
    await form.getByLabel('Rol').selectOption({ label: 'Decaan / LOB-coördinator' })
    await form.getByLabel('Organisatie (voor decaan of aanbieder)').selectOption({ label: `${world.a.school.name} (${world.a.school.brin})` })
    await form.getByRole('button', { name: 'Uitnodigen' }).click()
    await expect(form.getByText('Uitnodiging verstuurd.')).toBeVisible()
    await expect(page.getByRole('cell', { name: email })).toBeVisible()
    const invitation = await waitForMail(email, (m) => m.subject.includes('uitgenodigd'))
    expect(firstLink(invitation.text, '/signin')).toContain('/signin')

    const other = await browser.newPage()
    await signInByEmail(other, email)
    await expect(other.getByTestId('my-roles')).toContainText(`Decaan / LOB-coördinator — ${world.a.school.name}`)
    await other.close()
  })

  test('another tenant’s pages are a 403 for every role', async ({ page, world }) => {
    await signInByEmail(page, world.a.coordinator.email)
    const res = await page.goto(`/organisations/${world.b.school.id}`)
    expect(res?.status()).toBe(403)
    await expect(page.getByRole('heading', { name: 'Je hebt geen toegang tot dit onderdeel.' })).toBeVisible()
    await expectAccessible(page)
    expect((await page.goto('/admin/regions'))?.status()).toBe(403)
  })

  test('organisation staff see a navigation that fits their role and no admin pages', async ({ page, world }) => {
    await signInByEmail(page, world.a.staff.email)
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
    await signInByEmail(page, world.a.boardReporter.email)
    const nav = page.getByRole('navigation', { name: 'Hoofdnavigatie' })
    await expect(nav.getByRole('link', { name: 'Besturen' })).toBeVisible()
    await expect(nav.getByRole('link', { name: 'Gebruikers' })).toHaveCount(0)
    await page.getByRole('button', { name: 'Afmelden' }).click()
    await expect(page).toHaveURL(/\/signin/)
    await signInByEmail(page, world.a.publisher.email)
    await expect(nav.getByRole('link', { name: 'Besturen' })).toHaveCount(0)
    await expect(page.getByTestId('my-roles')).toContainText('Aanbieder proefstuderen')
  })
})
