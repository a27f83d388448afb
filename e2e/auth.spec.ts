import type { APIRequestContext, Page } from '@playwright/test'
import { test, expect, signInByEmail, expectAccessible, waitForMail, mailCount } from './support/fixtures.ts'
import { buildUser } from '../server/db/factories.ts'
import { appEnv } from '../playwright.config.ts'

const PER_ADDRESS = Number((appEnv as Record<string, string>).SIGNIN_MAIL_LIMIT_PER_ADDRESS)

/** Asks for a magic link through the form; returns the page's URL and main text afterwards. */
async function requestLink(page: Page, email: string) {
  await page.goto('/signin')
  await page.getByLabel('E-mailadres').fill(email)
  await page.getByRole('button', { name: /aanmeldlink/ }).click()
  await page.waitForURL(/\/signin(\/check-email|\?)/)
  return { url: page.url(), text: await page.getByRole('main').innerText() }
}

/** Asks for a magic link through Auth.js's own endpoint (as a script would); returns the status and Location. */
async function requestLinkByApi(request: APIRequestContext, email: string) {
  const { csrfToken } = (await (await request.get('/api/auth/csrf')).json()) as { csrfToken: string }
  const res = await request.post('/api/auth/signin/nodemailer', { form: { email, csrfToken, callbackUrl: '/' }, maxRedirects: 0 })
  return { status: res.status(), location: res.headers()['location'] }
}

/** Signs in at the test IdP as `email` (verified or not); returns after the app's answer. */
async function oidcSignIn(page: Page, email: string, verified = true) {
  await page.goto('/signin')
  await page.getByRole('button', { name: 'Aanmelden met SURFconext' }).click()
  await page.waitForURL(/\/interaction\//)
  await page.getByLabel('E-mail', { exact: true }).fill(email)
  if (!verified) await page.getByLabel('Verified e-mail').uncheck()
  await page.getByRole('button', { name: 'Log in' }).click()
  await page.waitForURL(/localhost:\d+\/(signin\?error=|$)/)
}

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

  test('known and unknown addresses get the same answer; only the known one gets a mail', async ({ page, request, world }) => {
    const known = world.b.staff.email
    const unknown = `onbekend-${Date.now()}@example.test`
    const before = await mailCount(known)
    const [k, u] = [await requestLink(page, known), await requestLink(page, unknown)]
    expect(k.url).toMatch(/\/signin\/check-email$/)
    expect(u).toEqual(k)
    await expect(page.getByRole('main')).toContainText('Als dit adres toegang heeft')
    await expectAccessible(page)
    await waitForMail(known, () => true, before)
    // Auth.js's endpoint, used directly, answers alike too (same status, same redirect).
    const [ka, ua] = [await requestLinkByApi(request, known), await requestLinkByApi(request, `onbekend2-${Date.now()}@example.test`)]
    expect(ka.status).toBe(302)
    expect(ua).toEqual(ka)
    await waitForMail(known, () => true, before + 1)
    expect(await mailCount(unknown)).toBe(0)
  })

  test('sign-in mails are limited per address (known and unknown alike)', async ({ page, request, db }) => {
    const user = await buildUser(db, { email: `limit-${Date.now()}@example.test` })
    for (let i = 0; i < PER_ADDRESS; i++) expect((await requestLinkByApi(request, user.email!)).location).toMatch(/\/api\/auth\/verify-request\?provider=nodemailer&type=email$/)
    await waitForMail(user.email!, () => true, PER_ADDRESS - 1)
    const r = await requestLink(page, user.email!)
    expect(r.url).toMatch(/\/signin\?error=RateLimited$/)
    await expect(page.getByRole('main').getByRole('alert')).toContainText('Te veel aanmeldlinks')
    expect(await mailCount(user.email!)).toBe(PER_ADDRESS)
    // An unknown address is limited the same way, so the limit tells nothing either.
    const unknown = `onbekend-limit-${Date.now()}@example.test`
    for (let i = 0; i < PER_ADDRESS; i++) expect((await requestLinkByApi(request, unknown)).location).toMatch(/\/api\/auth\/verify-request\?provider=nodemailer&type=email$/)
    expect((await requestLinkByApi(request, unknown)).location).toMatch(/\/signin\?error=RateLimited$/)
  })

  test('OpenID Connect (SURFconext) signs in an existing user through a real provider', async ({ page, world }) => {
    await oidcSignIn(page, world.a.publisher.email)
    await expect(page).toHaveURL(/localhost:\d+\/$/)
    await expect(page.getByTestId('my-roles')).toContainText('Aanbieder proefstuderen')
  })

  test('OpenID Connect is refused for an unverified address, another domain, and an admin or coordinator account', async ({ page, db, world }) => {
    const elsewhere = await buildUser(db, { email: `decaan-${Date.now()}@elders.test`, roles: [{ role: 'ORG_STAFF', organisationId: world.b.school.id }] })
    const cases = [
      { email: world.b.publisher.email, verified: false }, // email_verified false
      { email: elsewhere.email!, verified: true }, // not one of SURFCONEXT_EMAIL_DOMAINS
      { email: world.a.coordinator.email, verified: true }, // never linked automatically
      { email: world.admin.email, verified: true },
    ]
    for (const c of cases) {
      await page.context().clearCookies()
      await oidcSignIn(page, c.email, c.verified)
      await expect(page, c.email).toHaveURL(/\/signin\?error=AccessDenied$/)
      await expect(page.getByRole('main').getByRole('alert')).toContainText('Met dit account kun je je niet aanmelden')
      const user = await db.user.findUnique({ where: { email: c.email.toLowerCase() }, select: { accounts: { select: { userId: true } } } })
      expect(user?.accounts ?? [], c.email).toEqual([])
    }
  })

  test('the demo one-click sign-in does not exist in a production build, even with OVERSTAP_DEMO_BUILD=1 at run time', async ({ page, request, world, db }) => {
    // The server runs with OVERSTAP_DEMO_BUILD=1 (playwright.config.ts) and a demo user exists: only the build-time
    // inlining keeps the route a 404 and the buttons away.
    expect(appEnv.OVERSTAP_DEMO_BUILD).toBe('1')
    const demo = await db.user.create({ data: { email: `e2e-${Date.now()}-${Math.floor(Math.random() * 1e9)}@demo.overstap.nl`, name: 'Demo E2E', emailVerified: new Date() } })
    for (const userId of [demo.id, world.a.coordinator.id]) {
      const res = await request.post('/api/demo/sign-in', { form: { userId }, maxRedirects: 0 })
      expect(res.status(), userId).toBe(404)
      expect(res.headers()['set-cookie'] ?? '', userId).not.toMatch(/session-token/)
    }
    expect(await db.session.count({ where: { userId: demo.id } })).toBe(0)
    await page.goto('/signin')
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible()
    await expect(page.locator('form[action="/api/demo/sign-in"]')).toHaveCount(0)
    await expect(page.getByText('Demo:')).toHaveCount(0)
    await expect(page.locator('#demo-title')).toHaveCount(0)
  })

  test('the UI switches to English', async ({ page }) => {
    await page.goto('/signin')
    await page.getByRole('button', { name: 'English' }).click()
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Sign in to Overstap')
    await expect(page.locator('html')).toHaveAttribute('lang', 'en')
  })

  test('the language switch returns to the page it was used on, with its query', async ({ page, world }) => {
    const path = `/regio/${world.a.region.slug}/agenda?month=2027-03`
    await page.goto(path)
    await page.getByRole('button', { name: 'English' }).click()
    await expect(page.locator('html')).toHaveAttribute('lang', 'en')
    const url = new URL(page.url())
    expect(url.pathname + url.search).toBe(path)
  })
})
