import { test, expect, signInAs, expectAccessible } from './support/fixtures.ts'

const HEADER = 'cohort;brin;vestiging;leerweg;bestemming;gestart;ingeschreven_na_jaar_1;geswitcht;uitgevallen;diploma_nominaal'
function csv(brin: string, badBrinOnLine4 = false) {
  const rows = [
    `2023;${brin};00;havo;mbo;3;3;0;0;0`,
    `2023;${brin};00;havo;hbo;40;34;4;2;0`,
    `2023;${badBrinOnLine4 ? '2X' : brin};00;havo;wo;13;11;1;1;0`,
    `2023;${brin};00;vwo;mbo;9;7;1;1;0`,
    `2023;${brin};00;vwo;hbo;30;27;2;1;0`,
    `2023;${brin};00;vwo;wo;60;58;3;1;0`,
  ]
  return { name: 'nco-2023.csv', mimeType: 'text/csv', buffer: Buffer.from([HEADER, ...rows].join('\r\n') + '\r\n', 'utf-8') }
}

test.describe.serial('transition data', () => {
  let datasetPath = ''

  test('a school uploads a CSV with a bad row, sees the error by line, fixes it, imports and shares with a partner', async ({ page, world, db }) => {
    await signInAs(page, world.a.staff.email)
    await page.getByRole('navigation', { name: 'Hoofdnavigatie' }).getByRole('link', { name: 'Doorstroom' }).click()
    await expect(page.getByRole('heading', { level: 1, name: 'Doorstroomgegevens' })).toBeVisible()
    await expectAccessible(page)
    await page.getByLabel('Omschrijving').fill('NCO-rapportage 2023')
    await page.getByRole('button', { name: 'Dataset aanmaken' }).click()
    await expect(page.getByRole('heading', { level: 1 })).toContainText('NCO-rapportage 2023')
    datasetPath = new URL(page.url()).pathname
    await expectAccessible(page)

    await page.getByLabel('CSV-bestand').setInputFiles(csv(world.a.school.brin, true))
    await expect(page.getByTestId('import-detected')).toContainText('scheidingsteken “;”')
    await expect(page.getByLabel('BRIN herkomst')).toHaveValue('brin') // mapping suggested from the column names
    await page.getByRole('button', { name: 'Importeren' }).click()
    const errors = page.getByTestId('import-errors')
    await expect(errors).toContainText('Regel 4, kolom “brin”: “2X” is geen geldige BRIN-code')
    await expect(errors.getByRole('listitem')).toHaveCount(1)
    await expectAccessible(page)
    const datasetId = datasetPath.split('/').pop()!
    expect(await db.transitionRow.count({ where: { datasetId } })).toBe(0)

    await page.getByLabel('CSV-bestand').setInputFiles(csv(world.a.school.brin))
    await page.getByRole('button', { name: 'Importeren' }).click()
    await expect(page.getByRole('status').filter({ hasText: '6 regels geïmporteerd' })).toBeVisible()
    expect(await db.transitionRow.count({ where: { datasetId } })).toBe(6)
    // the owner sees the raw figures
    await expect(page.getByTestId('flow-value').first()).toHaveText('3')

    await page.getByRole('radio', { name: 'Gekozen partnerorganisaties' }).check()
    await page.getByRole('checkbox', { name: new RegExp(`\\(${world.a.mbo.brin}\\)`) }).check()
    await page.getByRole('button', { name: 'Opslaan' }).click()
    await expect(page.getByText('Opgeslagen: gedeeld met Gekozen partnerorganisaties.')).toBeVisible()
    await expectAccessible(page)
  })

  test('the partner institution sees the flow chart with small cells suppressed', async ({ page, world }) => {
    await signInAs(page, world.a.publisher.email)
    await page.goto('/doorstroom')
    await page.getByRole('link', { name: 'NCO-rapportage 2023' }).click()
    await expect(page).toHaveURL(new RegExp(`${datasetPath}$`))
    await expect(page.getByRole('img', { name: 'Stroomdiagram van leerweg naar vervolgsector' }).locator('svg').first()).toBeVisible()
    await expect(page.getByText('Kleine aantallen (≤5)')).toBeVisible()
    const values = await page.getByTestId('flow-value').allTextContents()
    // havo→mbo (3) is primary suppressed (≤5); havo→wo (13), then vwo→mbo (9) and vwo→wo (60) are hidden (x) so
    // that 3 cannot be recomputed from the row and column totals, which stay visible
    expect(values).toEqual(['≤5', '40', 'x', 'x', '30', 'x', '56', '99'])
    await expect(page.getByRole('button', { name: 'Importeren' })).toHaveCount(0)
    await expectAccessible(page)
    // the download carries the same suppressed figures
    const download = await page.request.get(`/api/transitions/export?datasetId=${datasetPath.split('/').pop()}`)
    expect(download.status()).toBe(200)
    const text = await download.text()
    expect(text).toContain('≤5')
    expect(text).not.toMatch(/;(3|9|13)\r?\n/)

  })

  test('an upload overlapping another dataset of the same cohort and source warns and replaces it; the region view explains "—"', async ({ page, world, db }) => {
    await signInAs(page, world.a.staff.email)
    await page.goto('/doorstroom')
    await page.getByLabel('Omschrijving').fill('NCO-rapportage 2023 opnieuw')
    await page.getByRole('button', { name: 'Dataset aanmaken' }).click()
    await expect(page.getByRole('heading', { level: 1 })).toContainText('NCO-rapportage 2023 opnieuw')
    await page.getByLabel('CSV-bestand').setInputFiles(csv(world.a.school.brin))
    await page.getByRole('button', { name: 'Importeren' }).click()
    await expect(page.getByText('Dan tellen dezelfde leerlingen twee keer mee')).toBeVisible()
    await expectAccessible(page)
    const first = datasetPath.split('/').pop()!
    expect(await db.transitionRow.count({ where: { datasetId: first } })).toBe(6)
    await page.getByRole('button', { name: 'Vervangen en importeren' }).click()
    await expect(page.getByRole('status').filter({ hasText: 'tellen nu één keer mee' })).toBeVisible()
    expect(await db.transitionRow.count({ where: { datasetId: first } })).toBe(0)

    await page.getByRole('radio', { name: 'De hele regio' }).check()
    await page.getByRole('button', { name: 'Opslaan' }).click()
    await expect(page.getByText('Opgeslagen: gedeeld met De hele regio.')).toBeVisible()
    await page.goto('/doorstroom')
    await page.getByRole('link', { name: new RegExp(`Alles wat met ${world.a.region.name} is gedeeld`) }).click()
    await expect(page.getByTestId('aggregate-hint')).toContainText('minder dan 3 organisaties')
    // one school alone is no region figure: no number is shown, only — (protected) and ≤5 (small)
    expect(new Set(await page.getByTestId('flow-value').allTextContents())).toEqual(new Set(['—', '≤5']))
    await expectAccessible(page)
  })

  test('another region’s staff cannot open the dataset', async ({ page, world }) => {
    await signInAs(page, world.b.staff.email)
    const res = await page.goto(datasetPath)
    expect(res?.status()).toBe(403)
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Je hebt geen toegang tot dit onderdeel.')
  })
})
