import { BlockList, isIP } from 'node:net'

/**
 * The client address of a request, for rate limits.
 *
 * `next start` only fills in `X-Forwarded-For` from the socket when the client sent none (Next's base-server:
 * `x-forwarded-for ??= socket.remoteAddress`), so a route handler cannot tell a spoofed header from a real one.
 * The app is therefore served by server/scripts/serve.ts, which appends the socket's peer address to the chain
 * as every reverse proxy does. The last hop of the chain is then always the peer that connected to us; it is the
 * client unless it is one of TRUSTED_PROXIES, in which case the hop it reported is looked at, and so on: the
 * client is the right-most hop that is not a trusted proxy. Anything further left was written by the client.
 */

/** Set by server/scripts/serve.ts once it appends the socket address to every request's X-Forwarded-For. */
export const PEER_APPENDED = Symbol.for('overstap.peer-appended')

/** Parses TRUSTED_PROXIES: IPs and CIDR ranges (IPv4 and IPv6), separated by commas or spaces. Throws on a bad entry. */
export function parseTrustedProxies(spec: string): BlockList {
  const list = new BlockList()
  for (const entry of spec.split(/[\s,]+/).filter(Boolean)) {
    const [addr = '', prefix, ...rest] = entry.split('/')
    const family = isIP(addr)
    const max = family === 4 ? 32 : 128
    const bits = prefix === undefined ? max : Number(prefix)
    if (!family || rest.length || !/^\d*$/.test(prefix ?? '') || !Number.isInteger(bits) || bits < 0 || bits > max)
      throw new Error(`not an IP address or CIDR range: "${entry}"`)
    list.addSubnet(addr, bits, family === 4 ? 'ipv4' : 'ipv6')
    // An IPv4 proxy may show up as an IPv4-mapped IPv6 address on a dual-stack socket, and the other way round.
    if (family === 4) list.addSubnet(`::ffff:${addr}`, 96 + bits, 'ipv6')
  }
  return list
}

/** One hop of an X-Forwarded-For chain as a bare address: without port or brackets, IPv4-mapped IPv6 as IPv4. */
export function normaliseHop(hop: string): string {
  let h = hop.trim().toLowerCase()
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(h)
  if (bracketed) h = bracketed[1]!
  else if (/^[\d.]+:\d+$/.test(h)) h = h.slice(0, h.lastIndexOf(':'))
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(h)
  if (mapped) h = mapped[1]!
  return h.slice(0, 64)
}

function isTrusted(list: BlockList, hop: string): boolean {
  const family = isIP(hop)
  return family !== 0 && list.check(hop, family === 4 ? 'ipv4' : 'ipv6')
}

/** The right-most hop of `chain` (left = first, right = nearest) that is not a trusted proxy; the left-most if all are. */
export function clientIpFromChain(chain: string[], trusted: BlockList | null): string {
  const hops = chain.map(normaliseHop).filter(Boolean)
  if (!hops.length) return 'unknown'
  if (!trusted) return hops[hops.length - 1]!
  for (let i = hops.length - 1; i >= 0; i--) if (!isTrusted(trusted, hops[i]!)) return hops[i]!
  return hops[0]!
}

const parsed = new Map<string, BlockList | null>()
let warned = false

/** Client IP of a request whose X-Forwarded-For chain ends with the socket's peer (see above). */
export function clientIp(headers: Headers, trustedProxies: string): string {
  let trusted = parsed.get(trustedProxies)
  if (trusted === undefined) parsed.set(trustedProxies, (trusted = trustedProxies.trim() ? parseTrustedProxies(trustedProxies) : null))
  if (!warned && !(globalThis as Record<symbol, unknown>)[PEER_APPENDED] && process.env.NODE_ENV === 'production') {
    warned = true
    console.warn('[client-ip] not served by server/scripts/serve.ts: X-Forwarded-For may be chosen by the client, so per-IP limits can be evaded')
  }
  return clientIpFromChain((headers.get('x-forwarded-for') ?? '').split(','), trusted)
}
