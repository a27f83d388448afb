import { describe, expect, it } from 'vitest'
import { clientIp, clientIpFromChain, normaliseHop, parseTrustedProxies } from './client-ip.ts'

const chain = (xff: string) => xff.split(',')

describe('client IP from X-Forwarded-For (the socket peer appended last)', () => {
  it('without trusted proxies the socket peer is the client, whatever the client wrote before it', () => {
    expect(clientIpFromChain(chain('1.2.3.4'), null)).toBe('1.2.3.4')
    expect(clientIpFromChain(chain('6.6.6.6, 7.7.7.7, 198.51.100.9'), null)).toBe('198.51.100.9')
    for (const spoof of ['1.1.1.1', '2.2.2.2, 3.3.3.3', 'garbage', ''])
      expect(clientIp(new Headers({ 'x-forwarded-for': `${spoof}${spoof ? ', ' : ''}203.0.113.5` }), '')).toBe('203.0.113.5')
  })

  it('with trusted proxies the right-most hop that is not one of them', () => {
    const trusted = parseTrustedProxies('10.0.0.0/8, 192.168.1.1 2001:db8::/32')
    expect(clientIpFromChain(chain('6.6.6.6, 203.0.113.7, 10.1.2.3'), trusted)).toBe('203.0.113.7')
    expect(clientIpFromChain(chain('6.6.6.6, 203.0.113.7, 192.168.1.1, 10.1.2.3'), trusted)).toBe('203.0.113.7')
    expect(clientIpFromChain(chain('203.0.113.7, 2001:db8::1'), trusted)).toBe('203.0.113.7')
    // A client rotating what it writes to the left of the proxies' hops changes nothing.
    expect(clientIpFromChain(chain('9.9.9.9, 203.0.113.7, 10.0.0.1'), trusted)).toBe('203.0.113.7')
    // The peer is not a trusted proxy: it is the client, whatever the chain says.
    expect(clientIpFromChain(chain('10.0.0.1, 203.0.113.8'), trusted)).toBe('203.0.113.8')
    // Only trusted hops: the left-most.
    expect(clientIpFromChain(chain('10.0.0.2, 10.0.0.1'), trusted)).toBe('10.0.0.2')
    expect(clientIp(new Headers({ 'x-forwarded-for': '8.8.8.8, 203.0.113.9, ::ffff:10.0.0.1' }), '10.0.0.0/8')).toBe('203.0.113.9')
  })

  it('normalises hops: ports, brackets, IPv4-mapped IPv6, case', () => {
    expect(normaliseHop(' 203.0.113.1:4711 ')).toBe('203.0.113.1')
    expect(normaliseHop('[2001:DB8::1]:443')).toBe('2001:db8::1')
    expect(normaliseHop('::ffff:127.0.0.1')).toBe('127.0.0.1')
    expect(clientIpFromChain([], null)).toBe('unknown')
  })

  it('rejects bad TRUSTED_PROXIES entries', () => {
    for (const bad of ['10.0.0.0/33', 'example.org', '10.0.0.1/8/2', '::1/129', '10.0.0.0/x']) expect(() => parseTrustedProxies(bad)).toThrow(/not an IP/)
    expect(parseTrustedProxies('').check('10.0.0.1')).toBe(false)
  })
})
