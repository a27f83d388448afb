/**
 * E2E fixtures. Each Playwright worker builds its own users and tenants with the same factories as the seed and
 * the integration tests (unique e-mail addresses per worker), straight in the app's database.
 */
import { randomBytes } from 'node:crypto'
import { test as base, expect, type Locator, type Page } from '@playwright/test'
import AxeBuilder from '@axe-core/playwright'
import { PrismaPg } from '@prisma/adapter-pg'
import { PrismaClient } from '../../server/db/generated/client.ts'
import { buildTwoRegionWorld } from '../../server/db/factories.ts'
import { MAIL_API } from '../../playwright.config.ts'

export type Db = InstanceType<typeof PrismaClient>
export type World = Awaited<ReturnType<typeof buildTwoRegionWorld>>

type Mail = { to: string[]; subject: string; text: string; html: string; date: string }

/** Mail that reached the loopback SMTP server for this address, polled until `predicate` holds. */
export async function waitForMail(to: string, predicate: (m: Mail) => boolean = () => true, after = 0): Promise<Mail> {
  const deadline = Date.now() + 20_000
  for (;;) {
    const res = await fetch(`${MAIL_API}/messages?to=${encodeURIComponent(to)}`)
    const list = ((await res.json()) as Mail[]).slice(after).filter(predicate)
    if (list.length) return list[list.length - 1]!
    if (Date.now() > deadline) throw new Error(`no mail for ${to}`)
    await new Promise((r) => setTimeout(r, 250))
  }
}

export async function mailCount(to: string): Promise<number> {
  const res = await fetch(`${MAIL_API}/messages?to=${encodeURIComponent(to)}`)
  return ((await res.json()) as Mail[]).length
}

/** First http(s) URL in a text. */
export function firstLink(text: string, contains = ''): string {
  const urls = text.match(/https?:\/\/[^\s<>"]+/g) ?? []
  const url = urls.find((u) => u.includes(contains))
  if (!url) throw new Error(`no link containing "${contains}" in: ${text}`)
  return url
}

/** Signs in through the real magic-link flow: request the link, read the mail from the SMTP sink, open the link. */
export async function signInByEmail(page: Page, email: string) {
  const before = await mailCount(email)
  await page.goto('/signin')
  await page.getByLabel(/e-mailadres|e-mail address/i).fill(email)
  await page.getByRole('button', { name: /aanmeldlink|sign-in link/i }).click()
  await expect(page).toHaveURL(/\/signin\/check-email/)
  // The sign-in mail, not a notification that may reach the same address in the same moment (outbox mails now go
  // out within seconds of the action that caused them).
  const mail = await waitForMail(email, (m) => m.text.includes('/api/auth/callback/'), before)
  await page.goto(firstLink(mail.text, '/api/auth/callback/'))
  await expect(page).toHaveURL(/\/$/)
}

let sessionDb: Db | undefined
/** Where the app runs (the same origin as playwright.config.ts's baseURL: the session cookie is set for it). */
const appOrigin = `http://localhost:${Number(process.env.PORT ?? 3100)}`

/**
 * Signs in without the sign-in UI: creates the database session Auth.js creates after a successful sign-in
 * (8 hours, as server/auth/config.ts) and sets its cookie, then opens the home page as signInByEmail ends.
 * The real sign-in flows (magic link, OpenID Connect, expiry, single use) are tested in e2e/auth.spec.ts and on
 * invitation acceptance (admin.spec.ts); every other spec signs in this way, which takes milliseconds instead of a
 * mail round trip.
 */
export async function signInAs(page: Page, email: string) {
  // E2E_SIGNIN=ui: every spec through the real magic link (slower; to compare or to debug the flow itself)
  if (process.env.E2E_SIGNIN === 'ui') return signInByEmail(page, email)
  sessionDb ??= new PrismaClient({ adapter: new PrismaPg({ connectionString: process.env.DATABASE_URL!, max: 2 }) })
  const user = await sessionDb.user.findUniqueOrThrow({ where: { email: email.toLowerCase() }, select: { id: true } })
  const sessionToken = randomBytes(32).toString('hex')
  const expires = new Date(Date.now() + 8 * 3_600_000)
  await sessionDb.session.create({ data: { sessionToken, userId: user.id, expires } })
  await page.context().addCookies([{ name: 'authjs.session-token', value: sessionToken, url: appOrigin, httpOnly: true, sameSite: 'Lax', expires: Math.floor(expires.getTime() / 1000) }])
  await page.goto('/')
  await expect(page).toHaveURL(/\/$/)
}

/** Axe scan: no serious or critical WCAG 2.1 A/AA violations on the current page. */
/**
 * Waits until React has hydrated this element (its props are attached): text typed into a server-rendered field
 * before hydration can be overwritten by it (a CI run read "1234,561.200,00" after fill('1.200,00')).
 */
export async function expectHydrated(locator: Locator) {
  await expect.poll(() => locator.evaluate((el) => Object.keys(el).some((k) => k.startsWith('__reactProps')))).toBe(true)
}

export async function expectAccessible(page: Page) {
  // Next streams the metadata (<title>) after the first bytes; scan the page once it has arrived, as a reader sees it.
  await expect(page).toHaveTitle(/\S/)
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze()
  const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
  expect(bad.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`)).toEqual([])
}

/**
 * After a navigation, waits (at most 10 s, never failing) until React has hydrated the main content's form fields:
 * text typed into a server-rendered field before hydration can be overwritten by it (CI runs read "old" + "new" after
 * fill("new") on an edit form). Hidden inputs are left out: React never hydrates the ones it writes for a form's
 * server action (`$ACTION_ID_…`), and waiting for them cost 10 s on every page with such a form (the sign-in page).
 */
async function waitForHydratedFields(page: Page) {
  await page
    .waitForFunction(() => [...document.querySelectorAll('main input:not([type=hidden]), main textarea, main select')].every((el) => Object.keys(el).some((k) => k.startsWith('__reactProps'))), undefined, { timeout: 10_000 })
    .catch(() => {})
}

export const test = base.extend<{ page: Page }, { db: Db; world: World }>({
  page: async ({ page }, provide) => {
    const goto = page.goto.bind(page)
    page.goto = (async (...args: Parameters<Page['goto']>) => {
      const response = await goto(...args)
      await waitForHydratedFields(page)
      return response
    }) as Page['goto']
    await provide(page)
  },
  db: [
    async ({}, use) => {
      const db = new PrismaClient({ adapter: new PrismaPg({ connectionString: process.env.DATABASE_URL!, max: 2 }) })
      await use(db)
      await db.$disconnect()
    },
    { scope: 'worker' },
  ],
  world: [async ({ db }, use) => use(await buildTwoRegionWorld(db)), { scope: 'worker' }],
})

export { expect }
