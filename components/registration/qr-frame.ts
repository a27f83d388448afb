import jsQR from 'jsqr'

/**
 * The text of the QR code in one RGBA camera frame, or null when the frame shows none. Confirmation codes are dark on
 * light (app/(public)/aanmelding/[token]/page.tsx), so no inverted search. jsQR: @zxing/library 0.23, used before,
 * failed on about 1 in 17 of our 22-character codes even from a perfect image (qr-frame.test.ts keeps some of them).
 */
export function decodeQrFrame(rgba: Uint8ClampedArray, width: number, height: number): string | null {
  return jsQR(rgba, width, height, { inversionAttempts: 'dontInvert' })?.data ?? null
}
