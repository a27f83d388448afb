import { createElement, type ReactElement } from 'react'
import { renderToStaticMarkup } from 'react-dom/server'
import { NextIntlClientProvider } from 'next-intl'
import { describe, expect, it } from 'vitest'
import { messages } from '@/server/i18n/messages/index.ts'
import { formatDateInput, parseDateInput, parseTimeInput } from './date-input.ts'
import { DateField, DateTimeField } from './date-field.tsx'

describe('date input (UI-language dates)', () => {
  it('reads day-month-year in any common separator, one-digit parts, two-digit years and pasted ISO dates', () => {
    expect(parseDateInput('15-10-2026')).toBe('2026-10-15')
    expect(parseDateInput('15/10/2026', 'en')).toBe('2026-10-15')
    expect(parseDateInput(' 5.3.2027 ')).toBe('2027-03-05')
    expect(parseDateInput('05 03 27')).toBe('2027-03-05')
    expect(parseDateInput('05032027')).toBe('2027-03-05')
    expect(parseDateInput('2027-03-05')).toBe('2027-03-05')
  })

  it('refuses dates that do not exist and text that is not a date', () => {
    expect(parseDateInput('29-02-2027')).toBeNull()
    expect(parseDateInput('29-02-2028')).toBe('2028-02-29')
    expect(parseDateInput('31-04-2027')).toBeNull()
    expect(parseDateInput('10-13-2026')).toBeNull()
    expect(parseDateInput('00-01-2026')).toBeNull()
    expect(parseDateInput('morgen')).toBeNull()
    expect(parseDateInput('')).toBeNull()
  })

  it('writes ISO dates in the UI language’s order; other text stays as typed', () => {
    expect(formatDateInput('2026-10-15', 'nl')).toBe('15-10-2026')
    expect(formatDateInput('2026-10-15', 'en')).toBe('15/10/2026')
    expect(formatDateInput('15-1', 'nl')).toBe('15-1')
  })

  it('reads 24-hour times', () => {
    expect(parseTimeInput('9:30')).toBe('09:30')
    expect(parseTimeInput('1430')).toBe('14:30')
    expect(parseTimeInput('9.15')).toBe('09:15')
    expect(parseTimeInput('9')).toBe('09:00')
    expect(parseTimeInput('24:00')).toBeNull()
    expect(parseTimeInput('2 PM')).toBeNull()
  })

  const render = (locale: 'nl' | 'en', node: ReactElement) => renderToStaticMarkup(createElement(NextIntlClientProvider, { locale, messages: messages[locale], timeZone: 'Europe/Amsterdam' } as unknown as Parameters<typeof NextIntlClientProvider>[0], node))

  it('renders in the UI language’s order whatever the browser’s locale (no native date input)', () => {
    const nl = render('nl', createElement(DateField, { label: 'Datum', name: 'd', value: '2026-10-15' }))
    expect(nl).not.toContain('type="date"')
    expect(nl).toContain('placeholder="dd-mm-jjjj"')
    expect(nl).toContain('value="15-10-2026"')
    expect(nl).toContain('<input type="hidden" name="d" value="2026-10-15"/>')
    expect(nl).toContain('Kies een datum in de kalender')
    const en = render('en', createElement(DateField, { label: 'Date', value: '2026-10-15' }))
    expect(en).toContain('placeholder="dd/mm/yyyy"')
    expect(en).toContain('value="15/10/2026"')
  })

  it('date-time field: date and 24-hour time, one value yyyy-MM-ddTHH:mm', () => {
    const html = render('nl', createElement(DateTimeField, { label: 'Opent', name: 'opens', value: '2026-10-15T14:30' }))
    expect(html).not.toContain('datetime-local')
    expect(html).toContain('value="15-10-2026"')
    expect(html).toContain('value="14:30"')
    expect(html).toContain('placeholder="uu:mm"')
    expect(html).toContain('<input type="hidden" name="opens" value="2026-10-15T14:30"/>')
  })
})
