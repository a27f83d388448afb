import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import QRCode from 'qrcode'
import { decodeQrFrame } from './qr-frame'

/** An RGBA frame of `text`'s QR as the confirmation page draws it (error correction M, a margin of 2 modules). */
function frame(text: string, px = 6) {
  const qr = QRCode.create(text, { errorCorrectionLevel: 'M' })
  const n = qr.modules.size + 4
  const size = n * px
  const rgba = new Uint8ClampedArray(size * size * 4).fill(255)
  for (let r = 0; r < qr.modules.size; r++)
    for (let c = 0; c < qr.modules.size; c++)
      if (qr.modules.get(r, c))
        for (let y = (r + 2) * px; y < (r + 3) * px; y++)
          for (let x = (c + 2) * px; x < (c + 3) * px; x++) rgba.fill(0, (y * size + x) * 4, (y * size + x) * 4 + 3)
  return { rgba, size }
}

/** A check-in code as register.ts makes them (16 bytes, base64url), here derived from a number so the run repeats. */
const code = (i: number) => createHash('sha256').update(`checkin-${i}`).digest().subarray(0, 16).toString('base64url')

describe('decodeQrFrame', () => {
  it('reads codes that @zxing/library 0.23 could not read from a perfect image', () => {
    for (const text of ['WKuHycPEtXTUe2mrymKHog', 'O7fMGgr7nlSgZ5qDAbnX-w', 'iDWQmniADiYASLvEwkhgNg', 'l5hQxUbfqSFUr05SJ1_urQ', '4v1OLaXbWeGXfmx8tiq3PA', 'x5PZwOnlUJnurSRS3JsJFg', '2Uh0SRPG-hJMCTItcaOtXA']) {
      const { rgba, size } = frame(text)
      expect(decodeQrFrame(rgba, size, size)).toBe(text)
    }
  })

  it('reads every one of 300 codes', () => {
    const missed = Array.from({ length: 300 }, (_, i) => code(i)).filter((text) => {
      const { rgba, size } = frame(text, 4)
      return decodeQrFrame(rgba, size, size) !== text
    })
    expect(missed).toEqual([])
  })

  it('finds nothing in a frame without a code', () => {
    expect(decodeQrFrame(new Uint8ClampedArray(200 * 200 * 4).fill(255), 200, 200)).toBeNull()
  })
})
