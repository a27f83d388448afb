/**
 * Demo one-click sign-in exists only in builds made by `npm run demo`: next.config.js inlines
 * OVERSTAP_DEMO_BUILD at build time, so in a production build (`npm run build`) this is the constant false and
 * no environment variable at run time can switch it on.
 */
export function isDemoBuild(): boolean {
  return process.env.OVERSTAP_DEMO_BUILD === '1'
}
