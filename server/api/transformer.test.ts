import { describe, expect, it } from 'vitest'
import superjson from 'superjson'
import { jsonOutput, transformer } from './transformer.ts'

/** Through the wire as tRPC sends it: serialize, JSON text, parse, deserialize. */
const wire = (v: unknown) => jsonOutput.deserialize(JSON.parse(JSON.stringify(jsonOutput.serialize(v))))

describe('the tRPC output codec', () => {
  it('round-trips Dates, BigInt, undefined in arrays and non-finite numbers at any depth', () => {
    const value = {
      at: new Date('2027-03-01T08:00:00.000Z'),
      list: [{ startsAt: new Date(5), organisers: [{ organisation: { id: 'o', name: 'N' } }] }, null, undefined, 'x', 3],
      nested: [[new Date(0)]],
      id: 12345678901234567890n,
      odd: [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY],
      empty: [],
      none: null,
    }
    expect(wire(value)).toStrictEqual(value)
    expect(wire(new Date(7))).toEqual(new Date(7))
    expect(wire(undefined)).toBeUndefined()
    expect(wire([])).toEqual([])
    expect(wire('text')).toBe('text')
  })

  it('writes plain JSON (Dates as ISO text) and tags only where such values are', () => {
    const out = jsonOutput.serialize({ a: 1, b: [{ d: new Date(0), s: 'x' }, { s: 'y' }] })
    expect(JSON.parse(JSON.stringify(out))).toEqual({ json: { a: 1, b: [{ d: '1970-01-01T00:00:00.000Z', s: 'x' }, { s: 'y' }] }, tags: { b: { 0: { d: 'D' } } } })
    expect(jsonOutput.serialize({ a: 1 })).toEqual({ json: { a: 1 } })
  })

  it('leaves out object keys whose value is undefined (as JSON does) and copies nothing without a BigInt', () => {
    const value = { a: undefined, b: 1, d: new Date(0) }
    expect(wire(value)).toEqual({ b: 1, d: new Date(0) })
    expect(jsonOutput.serialize(value).json).toBe(value)
    const big = { n: 1n, keep: [1] }
    const out = jsonOutput.serialize(big).json as { n: string; keep: number[] }
    expect(out.n).toBe('1')
    expect(big.n).toBe(1n) // the procedure's value is not changed
    expect(out.keep).toBe(big.keep)
  })

  it('refuses values JSON would silently lose', () => {
    expect(() => jsonOutput.serialize({ m: new Map() })).toThrow(/Map/)
    expect(() => jsonOutput.serialize([new Set([1])])).toThrow(/Set/)
  })

  it('reads requests as superjson (what the client and the request-crafting tests send)', () => {
    expect(transformer.input).toBe(superjson)
  })
})
