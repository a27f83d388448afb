import { describe, expect, it } from 'vitest'
import { isCrossSiteWrite } from './cross-site.ts'

const h = (init: Record<string, string>) => new Headers({ host: 'overstap.example:3000', ...init })

describe('isCrossSiteWrite', () => {
  it('refuses a write another site (or another port of the same host) makes the browser send', () => {
    expect(isCrossSiteWrite('POST', h({ 'sec-fetch-site': 'cross-site' }))).toBe(true)
    expect(isCrossSiteWrite('POST', h({ 'sec-fetch-site': 'same-site', origin: 'http://overstap.example:3999' }))).toBe(true)
    expect(isCrossSiteWrite('DELETE', h({ origin: 'http://evil.example' }))).toBe(true)
    expect(isCrossSiteWrite('POST', h({ origin: 'http://overstap.example:3999' }))).toBe(true)
    expect(isCrossSiteWrite('POST', h({ origin: 'null' }))).toBe(true)
  })

  it('lets the app’s own pages, typed-in navigations, non-browser clients and every read through', () => {
    expect(isCrossSiteWrite('POST', h({ 'sec-fetch-site': 'same-origin', origin: 'http://overstap.example:3000' }))).toBe(false)
    expect(isCrossSiteWrite('POST', h({ 'sec-fetch-site': 'none' }))).toBe(false)
    expect(isCrossSiteWrite('POST', h({ origin: 'http://overstap.example:3000' }))).toBe(false)
    expect(isCrossSiteWrite('POST', h({ origin: 'https://overstap.example', 'x-forwarded-host': 'overstap.example' }))).toBe(false)
    expect(isCrossSiteWrite('POST', h({}))).toBe(false)
    expect(isCrossSiteWrite('GET', h({ 'sec-fetch-site': 'cross-site' }))).toBe(false)
  })
})
