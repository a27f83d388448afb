import { createElement } from 'react'
import { renderToStaticMarkup } from 'react-dom/server'
import { NextIntlClientProvider } from 'next-intl'
import { describe, expect, it } from 'vitest'
import { messages } from '@/server/i18n/messages/index.ts'
import { IndicatorTable, type IndicatorTableRow } from './indicator-table.tsx'

const render = (props: Parameters<typeof IndicatorTable>[0]) =>
  renderToStaticMarkup(createElement(NextIntlClientProvider, { locale: 'nl', messages: messages.nl, timeZone: 'Europe/Amsterdam' } as unknown as Parameters<typeof NextIntlClientProvider>[0], createElement(IndicatorTable, props)))
const row = (over: Partial<IndicatorTableRow>): IndicatorTableRow => ({ key: 1, head: '2019/20', kind: 'MANUAL', config: {}, actual: 140, target: 150, suppressed: false, status: 'BEHIND', ...over })
const cells = (html: string) => [...html.matchAll(/<td[^>]*>(.*?)<\/td>/g)].map((m) => m[1]!.replace(/<[^>]+>/g, ''))

describe('the indicator table of the plan', () => {
  it('reads actual, target, status after the row header and the columns before; a small count reads as suppressed, no value as —', () => {
    const html = render({ caption: 'Ouders', head: 'Schooljaar', before: ['Basis'], after: ['Besluit'], rows: [row({ before: ['x'], after: ['y'] }), row({ key: 2, actual: null, target: null, suppressed: true, status: 'NO_DATA', before: ['x'], after: ['y'] }), row({ key: 3, actual: null, before: ['x'], after: ['y'] })] })
    expect([...html.matchAll(/<th scope="col"[^>]*>(.*?)<\/th>/g)].map((m) => m[1])).toEqual(['Schooljaar', 'Basis', 'Gerealiseerd', 'Streefwaarde', 'Status', 'Besluit'])
    expect(cells(html)).toEqual(['x', '140', '150', 'Achter', 'y', 'x', '≤5 / afgeschermd', '—', 'Geen gegevens', 'y', 'x', '—', '150', 'Achter', 'y'])
    expect(html).toContain('<caption class="sr-only">Ouders</caption>')
    expect(html).not.toContain('role="region"')
  })

  it('on screen: a badge and, as a region, a labelled box that scrolls; on paper: the status in words', () => {
    const screen = render({ caption: 'Ouders', head: 'Schooljaar', rows: [row({})], region: true, className: 'my-2' })
    expect(screen).toMatch(/^<div class="relative overflow-x-auto print:overflow-visible" tabindex="0" role="region" aria-label="Ouders"><table class="my-2 w-full border-collapse text-sm">/)
    expect(screen).toContain('<td class="border border-slate-300 px-2 py-1 text-left"><span class="inline-block rounded border')
    const paper = render({ caption: 'Ouders', head: 'Doel', rows: [row({})], plainStatus: true, cell: 'border border-slate-400 px-2 py-1 text-left' })
    expect(paper).toContain('<td class="border border-slate-400 px-2 py-1 text-left">Achter</td>')
  })
})
