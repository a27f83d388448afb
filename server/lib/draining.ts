/** Set on globalThis by server/scripts/serve.ts when a shutdown began: /api/ready answers 503 from then on. */
export const DRAINING = Symbol.for('overstap.draining')

export const isDraining = (): boolean => (globalThis as Record<symbol, unknown>)[DRAINING] === true
