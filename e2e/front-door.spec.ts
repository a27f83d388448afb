import { expectAccessible, expect, test } from './support/fixtures.ts'
import { publishedSlot } from './support/slots.ts'
import { fromAmsterdam, toAmsterdam } from '../server/lib/time.ts'
import { addLocalDays } from '../server/calendar/time.ts'
import { uniq } from '../server/db/factories.ts'
import type { Page } from '@playwright/test'

/** Nothing sticks out sideways: the page fits the phone's width. */
async function expectNoHorizontalScroll(page: Page) {
  const { scroll, inner } = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, inner: window.innerWidth }))
  expect(scroll).toBeLessThanOrEqual(inner)
}

test.describe('the public front door', () => {
  test.use({ viewport: { width: 360, height: 740 } })

  test('an anonymous visitor on a phone picks a region and reaches a bookable slot in three clicks', async ({ page, world, db }) => {
    const name = `Toegepaste Biologie ${uniq()}`
    const { slot } = await publishedSlot(db, { organisationId: world.a.hbo.id, name, sector: 'HBO', daysAhead: 30, from: '10:00', to: '15:00', location: 'Campus Noord', capacity: 12, audienceLevels: ['HAVO', 'VWO'] })

    const response = await page.goto('/')
    expect(response?.status()).toBe(200)
    await expect(page.getByRole('heading', { level: 1 })).toContainText(/vervolgopleiding/i)
    await expect(page.getByRole('link', { name: /inloggen voor scholen/i })).toBeVisible()
    await expectNoHorizontalScroll(page)
    await expectAccessible(page)

    // Click 1: the region's proefstudeer page.
    await page.getByRole('link', { name: `Proefstuderen en meelopen in ${world.a.region.name}` }).click()
    await expect(page).toHaveURL(new RegExp(`/regio/${world.a.region.slug}/proefstuderen$`))
    await expectNoHorizontalScroll(page)
    // Click 2: the slot's booking page.
    await page.getByRole('link', { name: new RegExp(name) }).first().click()
    await expect(page).toHaveURL(new RegExp(`/proefstuderen/${slot.id}$`))
    await expectNoHorizontalScroll(page)
    await expect(page.getByRole('button', { name: /aanmelden/i })).toBeVisible()
    await expectAccessible(page)

    // The institution's own list of slots fits the phone too.
    await page.goto(`/instelling/${(await db.organisation.findUniqueOrThrow({ where: { id: world.a.hbo.id } })).brin}/proefstuderen`)
    await expect(page.getByRole('link', { name: new RegExp(name) }).first()).toBeVisible()
    await expectNoHorizontalScroll(page)
    await expectAccessible(page)
  })

  test('the slot search shows 50 cards a page; the next page holds the rest and keeps the filter', async ({ page, world, db }) => {
    const name = `Paginering ${uniq()}`
    const programme = await db.slotProgramme.create({ data: { organisationId: world.a.hbo.id, name, sector: 'HBO', level: 'BACHELOR', code: '34398' } })
    const first = addLocalDays(toAmsterdam(new Date()).date, 20)
    await db.slot.createMany({
      data: Array.from({ length: 51 }, (_, i) => {
        const startsAt = fromAmsterdam(addLocalDays(first, Math.floor(i / 3)), `${String(9 + (i % 3) * 2).padStart(2, '0')}:00`)
        return { programmeId: programme.id, organisationId: world.a.hbo.id, startsAt, endsAt: new Date(startsAt.getTime() + 3_600_000), location: 'Campus', capacity: 5, bookingOpensAt: new Date(Date.now() - 86_400_000), bookingClosesAt: new Date(startsAt.getTime() - 86_400_000), audienceLevels: ['HAVO' as const] }
      }),
    })
    await page.goto(`/regio/${world.a.region.slug}/proefstuderen?programme=${encodeURIComponent(name)}`)
    const cards = page.getByRole('list', { name: 'Beschikbare dagen' }).getByRole('listitem')
    await expect(cards).toHaveCount(50)
    const pager = page.getByTestId('slot-search-pager')
    await expect(pager).toContainText('Resultaat 1–50')
    await expect(pager.getByRole('link', { name: 'Eerste pagina' })).toHaveCount(0)
    await pager.getByRole('link', { name: 'Volgende pagina' }).click()
    await expect(cards).toHaveCount(1)
    await expect(pager).toContainText('Resultaat 51–51')
    await expect(pager.getByRole('link', { name: 'Volgende pagina' })).toHaveCount(0)
    await expect(page.getByRole('textbox', { name: 'Opleiding' })).toHaveValue(name)
    await expectNoHorizontalScroll(page)
    await expectAccessible(page)
    await pager.getByRole('link', { name: 'Eerste pagina' }).click()
    await expect(cards).toHaveCount(50)
  })

  test('search finds an institution and a programme; a too short search says so in the UI language', async ({ page, world, db }) => {
    const org = await db.organisation.findUniqueOrThrow({ where: { id: world.a.mbo.id }, select: { name: true, brin: true } })
    await page.goto('/')
    await page.getByLabel(/naam, plaats/i).fill(org.brin)
    await page.getByRole('button', { name: 'Zoeken' }).click()
    await expect(page.getByTestId('front-search-results').getByRole('link', { name: org.name })).toHaveAttribute('href', `/instelling/${org.brin}/proefstuderen`)
    await expectNoHorizontalScroll(page)

    await page.getByLabel(/naam, plaats/i).fill('x')
    await page.getByRole('button', { name: 'Zoeken' }).click()
    await expect(page.getByTestId('front-search-error')).toHaveText('Vul minstens 2 tekens in om te zoeken.')
  })

  test('robots.txt and the sitemap list the public region pages', async ({ request, world }) => {
    const robots = await request.get('/robots.txt')
    expect(robots.status()).toBe(200)
    expect(await robots.text()).toMatch(/Disallow: \/api\//)
    const sitemap = await request.get('/sitemap.xml')
    expect(sitemap.status()).toBe(200)
    expect(await sitemap.text()).toContain(`/regio/${world.a.region.slug}/agenda`)
  })
})
