import { describe, expect, it } from 'vitest'
import { appRouter } from './root.ts'
import { grants } from '../auth/policy.ts'

describe('every tRPC procedure declares its permission', () => {
  const procedures = Object.entries(appRouter._def.procedures as unknown as Record<string, { _def: { meta?: { permission?: string } } }>)

  it('finds the procedures of the app router', () => {
    expect(procedures.length).toBeGreaterThan(10)
  })

  it.each(procedures.map(([path, p]) => [path, p._def.meta?.permission]))('%s declares %s', (_path, permission) => {
    expect(permission).toBeDefined()
    expect(['public', 'authenticated', ...Object.keys(grants)]).toContain(permission)
  })
})
