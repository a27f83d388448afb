/**
 * The tRPC endpoint reads a POST body as strict UTF-8: bytes that are not UTF-8 (a Latin-1 "Café" from a client
 * that ignored the charset, a truncated sequence, an overlong form, an encoded surrogate) are a translated 400
 * before any procedure runs, never decoded into U+FFFD and stored as such.
 */
import { describe, expect, it } from 'vitest'
import { serializeInput } from './transformer.ts'
import { handleTrpc } from './trpc-handler.ts'
import type { Context } from './trpc.ts'
import { db, randomTestIp } from '../test/helpers.ts'

const ip = randomTestIp()
const ctx = (locale: 'nl' | 'en') => async (): Promise<Context> => ({ db, actor: null, locale, ip })

/** POST /api/trpc/slots.confirmBooking (a public mutation) with the JSON text `{"json":{"token":"<token>"}}` as raw bytes. */
function post(tokenBytes: Buffer): Request {
  const [before, after] = JSON.stringify(serializeInput({ token: '\u0000' })).split('\\u0000') as [string, string]
  const body = Buffer.concat([Buffer.from(before), tokenBytes, Buffer.from(after)])
  return new Request('http://localhost/api/trpc/slots.confirmBooking', { method: 'POST', body, headers: { 'content-type': 'application/json', 'content-length': String(body.length) } })
}

describe('tRPC request bodies are strict UTF-8', () => {
  it('passes valid UTF-8 (accents, emoji) on to the procedure', async () => {
    const res = await handleTrpc(post(Buffer.from('Café–😀')), ctx('nl'))
    // the procedure read the input: its validation names the field
    expect(res.status).toBe(400)
    expect(await res.text()).toContain('"path":"token"')
  })

  it('refuses Latin-1 and other invalid UTF-8 with a translated 400, before the procedure', async () => {
    const invalid = [
      Buffer.from('Caf\xe9', 'latin1'), // Latin-1 é
      Buffer.from([0x61, 0xe2, 0x82]), // a sequence cut short
      Buffer.from([0xc0, 0xaf]), // an overlong "/"
      Buffer.from([0xed, 0xa0, 0x80]), // an encoded surrogate (U+D800)
    ]
    for (const bytes of invalid) {
      const nl = await handleTrpc(post(bytes), ctx('nl'))
      expect(nl.status).toBe(400)
      const text = await nl.text()
      expect(JSON.parse(text)).toMatchObject({ error: 'Het verzoek is geen geldige UTF-8-tekst. Verstuur het opnieuw als UTF-8.' })
      expect(text).not.toContain('token')
      const en = await handleTrpc(post(bytes), ctx('en'))
      expect(en.status).toBe(400)
      expect(((await en.json()) as { error: string }).error).toBe('The request is not valid UTF-8 text. Send it again as UTF-8.')
    }
  })
})
