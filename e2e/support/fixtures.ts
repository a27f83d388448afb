/**
 * E2E fixtures. Each Playwright worker builds its own users and tenants with the same factories as the seed and
 * the integration tests (unique e-mail addresses per worker), straight in the app's database.
 */
import { test as base, expect, type Page } from '@playwright/test'
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
  const mail = await waitForMail(email, () => true, before)
  await page.goto(firstLink(mail.text, '/api/auth/callback/'))
  await expect(page).toHaveURL(/\/$/)
}

/** Axe scan: no serious or critical WCAG 2.1 A/AA violations on the current page. */
export async function expectAccessible(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze()
  const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
  expect(bad.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`)).toEqual([])
}

export const test = base.extend<object, { db: Db; world: World }>({
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
