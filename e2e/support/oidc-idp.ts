/**
 * A real OpenID Connect provider on loopback (node-oidc-provider) standing in for SURFconext / Entree in e2e.
 * Its login page asks for an e-mail address and whether the IdP asserts it as verified; the account's claims are
 * { sub, email, email_verified, name } (an unverified account's sub ends in "#unverified").
 */
import http from 'node:http'
import Provider from 'oidc-provider'

const port = Number(process.env.OIDC_PORT ?? 2527)
const appOrigin = process.env.APP_ORIGIN ?? 'http://localhost:3100'
const issuer = `http://localhost:${port}`

const provider = new Provider(issuer, {
  clients: [
    {
      client_id: 'overstap-e2e',
      client_secret: 'overstap-e2e-secret',
      redirect_uris: [`${appOrigin}/api/auth/callback/surfconext`],
      grant_types: ['authorization_code'],
      response_types: ['code'],
    },
  ],
  claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
  findAccount: async (_ctx: unknown, sub: string) => ({
    accountId: sub,
    claims: async () => ({ sub, email: sub.replace(/#unverified$/, ''), email_verified: !sub.endsWith('#unverified'), name: sub.split('@')[0] }),
  }),
  interactions: { url: (_ctx: unknown, interaction: { uid: string }) => `/interaction/${interaction.uid}` },
  features: { devInteractions: { enabled: false } },
  pkce: { required: () => false },
  // Put the requested claims (email, name) in the ID token, as the federations do.
  conformIdTokenClaims: false,
  cookies: { keys: ['e2e-only-cookie-key'] },
})
provider.proxy = true

const html = (uid: string) => `<!doctype html><html lang="en"><head><title>Test IdP</title></head><body>
<main><h1>Test identity provider</h1><form method="post" action="/interaction/${uid}/login">
<label for="email">E-mail</label><input id="email" name="email" type="email" required>
<label><input type="checkbox" name="verified" value="1" checked> Verified e-mail</label>
<button type="submit">Log in</button></form></main></body></html>`

const server = http.createServer(async (req, res) => {
  const m = req.url?.match(/^\/interaction\/([^/]+)(\/login)?$/)
  if (m && req.method === 'GET') {
    const details = await provider.interactionDetails(req, res)
    if (details.prompt.name === 'consent') {
      // Consent is implied for the one test client.
      const grant = new provider.Grant({ accountId: details.session.accountId, clientId: details.params.client_id })
      grant.addOIDCScope('openid email profile')
      const grantId = await grant.save()
      return void (await provider.interactionFinished(req, res, { consent: { grantId } }, { mergeWithLastSubmission: true }))
    }
    res.setHeader('content-type', 'text/html')
    return void res.end(html(m[1]!))
  }
  if (m && m[2] && req.method === 'POST') {
    let body = ''
    for await (const chunk of req) body += chunk
    const form = new URLSearchParams(body)
    const accountId = (form.get('email') ?? '').toLowerCase() + (form.get('verified') ? '' : '#unverified')
    try {
      return void (await provider.interactionFinished(req, res, { login: { accountId } }, { mergeWithLastSubmission: false }))
    } catch (err) {
      console.error('[idp] login failed', err)
      res.statusCode = 400
      return void res.end(String(err))
    }
  }
  if (req.url === '/health') return void res.end('ok')
  return provider.callback()(req, res)
})
server.listen(port, () => console.log(`OIDC provider at ${issuer}`))
