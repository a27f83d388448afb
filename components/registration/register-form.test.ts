import { createElement } from 'react'
import { renderToStaticMarkup } from 'react-dom/server'
import { describe, expect, it } from 'vitest'
import { RegisterForm, type RegisterAudience } from '@/app/(public)/aanmelden/[eventId]/register-form.tsx'

const audience = (kind: RegisterAudience['kind'], full = false): RegisterAudience => ({
  kind,
  label: kind,
  full,
  maxPartySize: 4,
  partySizeHint: 'Maximaal 4.',
  levels: [{ value: 'HAVO', label: 'havo' }],
  years: [{ value: '4', label: '4' }],
})
const texts = { audience: 'Ik meld me aan als', name: 'Naam', email: 'E-mailadres', school: 'School', choose: 'Kies…', schoolOther: 'Andere school', schoolOtherHint: '', partySize: 'Met hoeveel personen kom je?', level: 'Niveau', year: 'Leerjaar', role: 'Functie', sessions: 'Programmaonderdelen', submit: 'Aanmelden' }
const render = (audiences: RegisterAudience[]) =>
  renderToStaticMarkup(
    createElement(RegisterForm, { action: async (s) => s, eventId: 'ev1', audiences, sessions: [{ id: 's1', title: 'Rondleiding', detail: '' }], schools: [{ value: 'sc1', label: 'Het Lyceum' }], roles: [{ value: 'DECAAN', label: 'Decaan' }], texts }),
  )
/** The frame (label, control) of the field named `name`: the `<div class=…>` that holds it. */
const frameOf = (html: string, name: string) => {
  const at = html.indexOf(`name="${name}"`)
  const start = html.lastIndexOf('<div class="flex min-w-0', at)
  return { classes: /^<div class="([^"]*)"/.exec(html.slice(start))![1]!, control: /^<[^>]*>/.exec(html.slice(html.lastIndexOf('<', at)))![0] }
}

describe('the public registration form without JavaScript', () => {
  it('holds every audience’s fields in the HTML; CSS shows only the chosen audience’s (the first with room is chosen)', () => {
    const html = render([audience('PUPIL', true), audience('PARENT'), audience('PROFESSIONAL')])
    for (const name of ['schoolId', 'schoolOther', 'partySize', 'level', 'year', 'role']) expect(html.match(new RegExp(`name="${name}"`, 'g')), name).toHaveLength(1)
    const radio = (value: string) => html.match(/<input type="radio"[^>]*>/g)!.find((r) => r.includes(`value="${value}"`))!
    expect(radio('PUPIL')).toMatch(/disabled=""/)
    expect(radio('PARENT')).toMatch(/checked=""/)
    expect(radio('PROFESSIONAL')).not.toMatch(/checked=""/)
    expect(html).toContain('class="group/register ')
    const party = frameOf(html, 'partySize')
    expect(party.classes).toContain('group-has-[[name=audience][value=PUPIL]:checked]/register:hidden')
    expect(party.classes).toContain('group-has-[[name=audience][value=PROFESSIONAL]:checked]/register:hidden')
    expect(party.classes).not.toContain('value=PARENT')
    expect(party.control).toMatch(/max="4"/)
    expect(frameOf(html, 'schoolId').classes).toMatch(/^[^=]*group-has-\[\[name=audience\]\[value=PARENT\]:checked\]\/register:hidden$/)
    expect(frameOf(html, 'level').classes.match(/:hidden/g)).toHaveLength(2)
    expect(frameOf(html, 'role').classes).not.toContain('value=PROFESSIONAL')
  })

  it('a hidden field never blocks the submit: no native `required` on audience fields (aria-required instead), the form is noValidate', () => {
    const html = render([audience('PUPIL'), audience('PARENT'), audience('PROFESSIONAL')])
    expect(html).toMatch(/^<form[^>]* noValidate=""/i)
    for (const name of ['schoolId', 'partySize', 'level', 'year', 'role']) {
      const { control } = frameOf(html, name)
      expect(control, name).not.toMatch(/ required=""/)
      expect(control, name).toContain('aria-required="true"')
    }
    // Each control has its label (the frame's label points at it).
    for (const name of ['partySize', 'level', 'role']) {
      const id = /id="([^"]+)"/.exec(frameOf(html, name).control)![1]!
      expect(html).toContain(`<label for="${id}"`)
    }
  })

  it('asks nothing an event’s audiences do not need: pupils only, no party size and no role', () => {
    const html = render([audience('PUPIL')])
    expect(html).not.toContain('name="partySize"')
    expect(html).not.toContain('name="role"')
    expect(html).toContain('name="level"')
  })
})
