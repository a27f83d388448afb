import { createElement } from 'react'
import { renderToStaticMarkup } from 'react-dom/server'
import { NextIntlClientProvider } from 'next-intl'
import { describe, expect, it } from 'vitest'
import { messages } from '@/server/i18n/messages/index.ts'
import { CalendarFilterForm } from './filter-form.tsx'

const render = (props: Parameters<typeof CalendarFilterForm>[0]) =>
  renderToStaticMarkup(createElement(NextIntlClientProvider, { locale: 'nl', messages: messages.nl, timeZone: 'Europe/Amsterdam' } as unknown as Parameters<typeof NextIntlClientProvider>[0], createElement(CalendarFilterForm, props)))

describe('the calendar filter form (signed-in and public calendar)', () => {
  it('a GET search form: what it keeps hidden, then type and level with "any", the chosen values selected', () => {
    const html = render({ keep: { month: '2026-11' }, type: 'OPEN_DAG' })
    expect(html).toMatch(/^<form class="mb-4 flex flex-wrap items-end gap-3" role="search" aria-label="Filters" method="get"><input type="hidden" name="month" value="2026-11"\/><div class="flex flex-col gap-1"><label for="f-type"/)
    expect([...html.matchAll(/<select id="f-(\w+)" name="(\w+)"/g)].map((m) => [m[1], m[2]])).toEqual([['type', 'type'], ['level', 'level']])
    expect(html).toMatch(/<option value="OPEN_DAG" selected="">/)
    expect(html.match(/<option value=""( selected="")?>Alle<\/option>/g)).toHaveLength(2)
  })

  it("the page's own selects before and after; one without 'any'", () => {
    const html = render({
      keep: { view: 'week', date: '2026-11-30' },
      before: [{ id: 'region', label: 'Regio', value: 'r2', options: [{ value: 'r1', label: 'Noord' }, { value: 'r2', label: 'Zuid' }], any: false }],
      after: [{ id: 'org', label: 'Organisatie', options: [{ value: 'o1', label: 'School' }] }],
    })
    expect(html).toContain('<input type="hidden" name="view" value="week"/><input type="hidden" name="date" value="2026-11-30"/>')
    expect([...html.matchAll(/<select id="f-(\w+)"/g)].map((m) => m[1])).toEqual(['region', 'type', 'level', 'org'])
    expect(html).toMatch(/<select id="f-region" name="region" class="[^"]+"><option value="r1">Noord<\/option><option value="r2" selected="">Zuid<\/option><\/select>/)
    expect(html).toMatch(/<select id="f-org" name="org" class="[^"]+"><option value="" selected="">Alle<\/option><option value="o1">School<\/option><\/select>/)
  })
})
