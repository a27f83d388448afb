import { describe, expect, it } from 'vitest'
import { parseEnv } from './env.ts'

const base = { DATABASE_URL: 'postgresql://postgres@127.0.0.1:5432/postgres', AUTH_SECRET: 'x'.repeat(32) }

describe('environment', () => {
  it('refuses to start in production without AUTH_URL (magic links would take their host from the request)', () => {
    expect(() => parseEnv({ ...base, NODE_ENV: 'production' })).toThrow(/AUTH_URL: AUTH_URL is required in production/)
    expect(parseEnv({ ...base, NODE_ENV: 'production', AUTH_URL: 'https://overstap.example' }).AUTH_URL).toBe('https://overstap.example')
    // `next build` runs with NODE_ENV=production and serves nobody; development and tests need no AUTH_URL.
    expect(() => parseEnv({ ...base, NODE_ENV: 'production', NEXT_PHASE: 'phase-production-build' })).not.toThrow()
    expect(() => parseEnv({ ...base, NODE_ENV: 'development' })).not.toThrow()
  })

  it('an OpenID Connect provider needs the e-mail domains it may assert', () => {
    const surf = { SURFCONEXT_ISSUER: 'https://connect.surfconext.nl', SURFCONEXT_CLIENT_ID: 'id', SURFCONEXT_CLIENT_SECRET: 'secret' }
    expect(() => parseEnv({ ...base, ...surf })).toThrow(/SURFCONEXT_EMAIL_DOMAINS is required/)
    expect(parseEnv({ ...base, ...surf, SURFCONEXT_EMAIL_DOMAINS: 'Saxion.nl, utwente.nl' }).SURFCONEXT_EMAIL_DOMAINS).toEqual(['saxion.nl', 'utwente.nl'])
    expect(() => parseEnv({ ...base, ...surf, SURFCONEXT_EMAIL_DOMAINS: 'saxion.nl @evil' })).toThrow(/not an e-mail domain/)
  })

  it('validates TRUSTED_PROXIES and EMBED_ALLOWED_ORIGINS', () => {
    expect(() => parseEnv({ ...base, TRUSTED_PROXIES: '10.0.0.0/8 300.1.1.1' })).toThrow(/not an IP address or CIDR range: "300.1.1.1"/)
    expect(parseEnv({ ...base, TRUSTED_PROXIES: '10.0.0.0/8, fd00::/8' }).TRUSTED_PROXIES).toBe('10.0.0.0/8, fd00::/8')
    expect(parseEnv({ ...base, EMBED_ALLOWED_ORIGINS: 'https://www.school.example https://*.scholen.example' }).EMBED_ALLOWED_ORIGINS).toEqual(['https://www.school.example', 'https://*.scholen.example'])
    for (const bad of ["'self' https://x.example", 'https://x.example/path', 'javascript:alert(1)', 'https://x.example;script-src'])
      expect(() => parseEnv({ ...base, EMBED_ALLOWED_ORIGINS: bad })).toThrow(/not an origin/)
  })
})
