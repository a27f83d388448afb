import { describe, expect, it } from 'vitest'
import { contentSecurityPolicy, isEmbeddablePath, newNonce, securityHeaders } from './security-headers.ts'

const base = { nonce: 'abc123==', pathname: '/', embedOrigins: [], formActionOrigins: [], https: false, production: true }
const directive = (csp: string, name: string) => csp.split('; ').find((d) => d.startsWith(`${name} `))

describe('security headers', () => {
  it('scripts only with the nonce: no unsafe-inline, no unsafe-eval in production', () => {
    const csp = contentSecurityPolicy(base)
    expect(directive(csp, 'script-src')).toBe("script-src 'self' 'nonce-abc123==' 'strict-dynamic'")
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/)
    expect(directive(csp, 'object-src')).toBe("object-src 'none'")
    expect(contentSecurityPolicy({ ...base, production: false })).toMatch(/script-src [^;]*'unsafe-eval'/)
    expect(newNonce()).not.toBe(newNonce())
    expect(newNonce()).toMatch(/^[A-Za-z0-9+/]{22}==$/)
  })

  it('frame-ancestors none, except the public calendar and booking pages for the configured origins', () => {
    const embedOrigins = ['https://www.school.example', 'https://*.scholen.example']
    for (const pathname of ['/', '/signin', '/agenda', '/fonds', '/regionaal', '/regio'])
      expect(securityHeaders({ ...base, pathname, embedOrigins })).toMatchObject({ 'X-Frame-Options': 'DENY', 'Content-Security-Policy': expect.stringContaining("frame-ancestors 'none'") })
    for (const pathname of ['/regio/twente/agenda', '/instelling/21AB/proefstuderen', '/boeking/tok']) {
      expect(isEmbeddablePath(pathname)).toBe(true)
      const h = securityHeaders({ ...base, pathname, embedOrigins })
      expect(h['X-Frame-Options']).toBeUndefined()
      expect(directive(h['Content-Security-Policy']!, 'frame-ancestors')).toBe('frame-ancestors https://www.school.example https://*.scholen.example')
      // Without an allowlist nobody may frame them.
      expect(securityHeaders({ ...base, pathname })).toMatchObject({ 'X-Frame-Options': 'DENY', 'Content-Security-Policy': expect.stringContaining("frame-ancestors 'none'") })
    }
  })

  it('HSTS and upgrade-insecure-requests only in production over https', () => {
    expect(securityHeaders({ ...base, https: true })['Strict-Transport-Security']).toBe('max-age=63072000; includeSubDomains')
    expect(securityHeaders({ ...base, https: true })['Content-Security-Policy']).toContain('upgrade-insecure-requests')
    expect(securityHeaders({ ...base, https: false })['Strict-Transport-Security']).toBeUndefined()
    expect(securityHeaders({ ...base, https: true, production: false })['Strict-Transport-Security']).toBeUndefined()
  })

  it('form submissions may go to the identity providers only', () => {
    expect(directive(contentSecurityPolicy({ ...base, formActionOrigins: ['https://connect.surfconext.nl'] }), 'form-action')).toBe("form-action 'self' https://connect.surfconext.nl")
  })
})
