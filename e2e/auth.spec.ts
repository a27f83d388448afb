import { test, expect, signInByEmail, expectAccessible } from './support/fixtures.ts'

test.describe('sign-in', () => {
  test('magic link over SMTP signs a coordinator in; the shell fits the role', async ({ page, world }) => {
    await page.goto('/signin')
    await expectAccessible(page)
    await signInByEmail(page, world.a.coordinator.email)
    const nav = page.getByRole('navigation', { name: 'Hoofdnavigatie' })
    await expect(nav.getByRole('link', { name: 'Organisaties' })).toBeVisible()
    await expect(nav.getByRole('link', { name: 'Gebruikers' })).toBeVisible()
    await expect(nav.getByRole('link', { name: 'Logboek' })).toBeVisible()
    await expect(nav.getByRole('link', { name: "Regio's" })).toHaveCount(0)
    await expect(page.getByTestId('my-roles')).toContainText('Regiocoördinator')
    await expectAccessible(page)
  })

  test('an unknown address is refused with a translated message', async ({ page }) => {
    await page.goto('/signin')
    await page.getByLabel('E-mailadres').fill('onbekend@example.test')
    await page.getByRole('button', { name: /aanmeldlink/ }).click()
    await expect(page.getByRole('main').getByRole('alert')).toContainText('geen toegang')
  })

  test('OpenID Connect (SURFconext) signs in an existing user through a real provider', async ({ page, world }) => {
    await page.goto('/signin')
    await page.getByRole('button', { name: 'Aanmelden met SURFconext' }).click()
    await page.waitForURL(/\/interaction\//)
    await page.getByLabel('E-mail').fill(world.a.publisher.email)
    await page.getByRole('button', { name: 'Log in' }).click()
    await expect(page).toHaveURL(/localhost:\d+\/$/)
    await expect(page.getByTestId('my-roles')).toContainText('Aanbieder proefstuderen')
  })

  test('the demo one-click sign-in does not exist in a production build', async ({ page, request, world }) => {
    const res = await request.post('/api/demo/sign-in', { form: { userId: world.a.coordinator.id }, maxRedirects: 0 })
    expect(res.status()).toBe(404)
    await page.goto('/signin')
    await expect(page.getByText('Demo:')).toHaveCount(0)
  })

  test('the UI switches to English', async ({ page }) => {
    await page.goto('/signin')
    await page.getByRole('button', { name: 'English' }).click()
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Sign in to Overstap')
    await expect(page.locator('html')).toHaveAttribute('lang', 'en')
  })
})
