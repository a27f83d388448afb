import { describe, expect, it } from 'vitest'
import { sniffContentType } from './evidence.ts'
import { SAMPLE_PDF } from './factories.ts'

describe('fund evidence: type by content', () => {
  it('recognises PDF, PNG, JPEG and WebP by their first bytes', () => {
    expect(sniffContentType(SAMPLE_PDF)).toBe('application/pdf')
    expect(sniffContentType(Buffer.from('89504e470d0a1a0a0000', 'hex'))).toBe('image/png')
    expect(sniffContentType(Buffer.from('ffd8ffe000104a464946', 'hex'))).toBe('image/jpeg')
    expect(sniffContentType(Buffer.concat([Buffer.from('RIFF'), Buffer.alloc(4), Buffer.from('WEBPVP8 ')]))).toBe('image/webp')
  })
  it('refuses anything else, whatever its name would say', () => {
    for (const bytes of ['<html><script>', 'GIF89a', 'PK\u0003\u0004', 'RIFF0000WAVE', '%PD', ''].map((s) => Buffer.from(s))) expect(sniffContentType(bytes)).toBeNull()
  })
})
