import { describe, expect, it } from 'vitest'
import superjson from 'superjson'
import { jsonOutput, jsonText, jsonTextObject, transformer, writeParts } from './transformer.ts'

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

  it('sends JSON text as it is (jsonText): the client gets the value, tagged Dates revived (epoch ms or ISO, `*`: every element)', () => {
    const text = '[{"id":"a","at":1000,"on":"1970-01-01T00:00:02.000Z","n":[1]},{"id":"b","at":3000,"on":"1970-01-01T00:00:04.000Z","n":[]}]'
    const rows = jsonText<{ id: string; at: Date; on: Date; n: number[] }[]>(text, { '*': { at: 'D', on: 'D' } })
    const out = jsonOutput.serialize({ rows, next: 'c', when: new Date(5) })
    const sent = JSON.stringify(out)
    expect((out.json as { rows: unknown }).rows).toBe(text) // the text itself: neither parsed nor written again
    const expected = [
      { id: 'a', at: new Date(1000), on: new Date(2000), n: [1] },
      { id: 'b', at: new Date(3000), on: new Date(4000), n: [] },
    ]
    expect(jsonOutput.deserialize(JSON.parse(sent))).toStrictEqual({ rows: expected, next: 'c', when: new Date(5) })
    expect(wire(jsonText('{"a":{"b":7}}'))).toStrictEqual({ a: { b: 7 } })
    expect(wire(jsonText('[]', { '*': { at: 'D' } }))).toStrictEqual([])
  })

  it('is the parsed value inside the server (a caller without HTTP), parsed once on first use', () => {
    const rows = jsonText<{ id: string; at: Date }[]>('[{"id":"a","at":1000},{"id":"b","at":2000}]', { '*': { at: 'D' } })
    expect(Array.isArray(rows)).toBe(true)
    expect(rows.length).toBe(2)
    expect(rows.map((r) => r.id)).toEqual(['a', 'b'])
    expect(rows[1]!.at).toEqual(new Date(2000))
    expect(rows[0]).toBe(rows[0]) // the same objects on every read
    expect([...rows]).toStrictEqual([{ id: 'a', at: new Date(1000) }, { id: 'b', at: new Date(2000) }])
    expect(JSON.stringify(rows)).toBe('[{"id":"a","at":"1970-01-01T00:00:01.000Z"},{"id":"b","at":"1970-01-01T00:00:02.000Z"}]')
    const obj = jsonText<{ a: number; then?: unknown }>('{"a":1}')
    expect(obj).toEqual({ a: 1 })
    expect('a' in obj && Object.keys(obj)).toEqual(['a'])
  })

  it('does not parse for what the text cannot change (promise resolution looks up `then`)', async () => {
    const rows = jsonText<unknown[]>('[1, 2')
    expect(await Promise.resolve(rows)).toBe(rows) // an async procedure returns it: no parse (this text would throw)
    expect(Symbol.iterator in rows).toBe(true)
    expect(() => rows.length).toThrow(SyntaxError)
    expect(() => rows[0]).toThrow(SyntaxError) // and again: never an empty value
    // an object: `then` is free only when the text cannot hold that key
    const page = jsonText<object>('{"a": 1')
    expect(await Promise.resolve(page)).toBe(page)
    expect(() => Object.keys(page)).toThrow(SyntaxError)
    const withThen = jsonText<{ then: number }>('{"then": 1}')
    expect(withThen.then).toBe(1)
    const escaped = jsonText<{ then: number }>('{"th\\u0065n": 2}')
    expect(escaped.then).toBe(2)
  })

  it('an object written per key (writeParts → jsonTextObject): the same value over the wire and inside the server', () => {
    const value = {
      grant: { id: 'g', closedAt: new Date(86_400_000), region: { name: 'Regio \u00e9 "then"' } },
      scope: 'region',
      byYear: [{ year: 2020, reportDeadline: new Date('2020-03-01T00:00:00Z') }, { year: 2021, reportDeadline: null }],
      closedAt: new Date(1000),
      none: null,
      gone: undefined,
      n: 3,
    }
    const parts = writeParts(value)
    expect(JSON.parse(parts.text)).toEqual(JSON.parse(JSON.stringify(value)))
    const read = jsonTextObject<typeof value>(parts)
    expect(Object.keys(read)).toEqual(['grant', 'scope', 'byYear', 'closedAt', 'none', 'n'])
    const { gone: _, ...kept } = value
    expect(wire(read)).toStrictEqual(kept) // an undefined key is left out, as JSON does
    expect(read.byYear[0]!.reportDeadline).toEqual(new Date('2020-03-01T00:00:00Z'))
    expect(read.closedAt).toEqual(new Date(1000))
    expect(read.grant.region.name).toBe('Regio \u00e9 "then"')
    // what tRPC does with every result (Object.values, then and Symbol.asyncIterator of each) parses nothing
    const broken = jsonTextObject<{ a: { x: number }; b: number[] }>({ text: '{"a":{"x": 1,"b":[1,', parts: [['a', 5, 12], ['b', 17, 21]], tags: undefined })
    for (const v of Object.values(broken)) expect([typeof (v as { then?: unknown }).then, Symbol.asyncIterator in (v as object)]).toEqual(['undefined', false])
    expect(() => broken.a.x).toThrow(SyntaxError)
  })

  it('a tag `*` on an object is a key like any other', () => {
    expect(wire({ '*': new Date(1), b: [new Date(2)] })).toStrictEqual({ '*': new Date(1), b: [new Date(2)] })
  })

  it('reads requests as superjson (what the client and the request-crafting tests send)', () => {
    expect(transformer.input).toBe(superjson)
  })
})
