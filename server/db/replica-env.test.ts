import { describe, expect, it } from 'vitest'
import { parseEnv } from '../env.ts'

describe('DATABASE_REPLICA_URL', () => {
  it('is optional; empty means none', () => {
    expect(parseEnv({}).DATABASE_REPLICA_URL).toBeUndefined()
    expect(parseEnv({ DATABASE_REPLICA_URL: '' }).DATABASE_REPLICA_URL).toBeUndefined()
  })
  it('takes a PostgreSQL URL', () => {
    expect(parseEnv({ DATABASE_REPLICA_URL: 'postgresql://app@replica.internal:5432/overstap' }).DATABASE_REPLICA_URL).toBe('postgresql://app@replica.internal:5432/overstap')
    expect(parseEnv({ DATABASE_REPLICA_URL: 'postgres://app@10.0.0.2/overstap' }).DATABASE_REPLICA_URL).toBe('postgres://app@10.0.0.2/overstap')
  })
  it('refuses anything else', () => {
    expect(() => parseEnv({ DATABASE_REPLICA_URL: 'replica.internal:5432' })).toThrow(/DATABASE_REPLICA_URL/)
    expect(() => parseEnv({ DATABASE_REPLICA_URL: 'https://replica.internal/' })).toThrow(/DATABASE_REPLICA_URL: not a PostgreSQL URL/)
  })
})
