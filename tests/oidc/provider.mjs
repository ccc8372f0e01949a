// A real OpenID provider for the sign-in tests, on loopback only (the oidc-provider package, a devDependency).
//
// It stands in for NHS CIS2 Authentication: the authorisation code flow with PKCE, client_secret_post at the token
// endpoint, an ID token, and userinfo. There is no login form: each sign-in is finished at once as the identity the
// test chose last (POST /test/next-login {"sub", "acr", "claims"}), with that acr in the ID token. An acr of null
// leaves the claim out, as a sign-in with no second step would.
//
//   PORT=5556 REDIRECT_URI=http://127.0.0.1:8000/accounts/oidc/cis2/login/callback/ node tests/oidc/provider.mjs
import http from 'node:http';
import Provider from 'oidc-provider';

const port = Number(process.env.PORT);
const issuer = `http://127.0.0.1:${port}`;
let next = { sub: 'cis2-0001', acr: process.env.DEFAULT_ACR || null, claims: {} };

const provider = new Provider(issuer, {
  clients: [{
    client_id: process.env.CLIENT_ID || 'alongside',
    client_secret: process.env.CLIENT_SECRET || 'test-secret',
    redirect_uris: [process.env.REDIRECT_URI],
    grant_types: ['authorization_code'],
    response_types: ['code'],
    token_endpoint_auth_method: 'client_secret_post',
  }],
  acrValues: ['AAL1_TEST', 'AAL2_TEST', 'AAL3_TEST'],
  claims: {
    openid: ['sub'],
    acr: null,
    profile: ['name', 'given_name', 'family_name'],
    email: ['email', 'email_verified'],
  },
  findAccount: async (ctx, sub) => ({ accountId: sub, claims: async () => ({ sub, ...next.claims }) }),
  features: { devInteractions: { enabled: false } },
  pkce: { required: () => true },
  cookies: { keys: ['test-only-not-a-secret'] },
  // Each sign-in asks again (Alongside sends prompt=login), and nothing is remembered between tests.
  ttl: { Session: 60, Interaction: 60, Grant: 60, AuthorizationCode: 60, AccessToken: 60, IdToken: 60 },
});

async function readJson(req) {
  const chunks = [];
  for await (const chunk of req) chunks.push(chunk);
  return JSON.parse(Buffer.concat(chunks).toString() || '{}');
}

// Finish the sign-in at once, as the identity the test chose, granting what Alongside asked for.
async function finishInteraction(req, res) {
  const details = await provider.interactionDetails(req, res);
  const grant = new provider.Grant({ accountId: next.sub, clientId: details.params.client_id });
  grant.addOIDCScope(details.params.scope);
  const result = { consent: { grantId: await grant.save() } };
  if (details.prompt.name === 'login') {
    result.login = { accountId: next.sub, ...(next.acr ? { acr: next.acr } : {}) };
  }
  await provider.interactionFinished(req, res, result, { mergeWithLastSubmission: false });
}

const callback = provider.callback();
const server = http.createServer(async (req, res) => {
  try {
    if (req.method === 'POST' && req.url === '/test/next-login') {
      const body = await readJson(req);
      next = { sub: body.sub, acr: body.acr ?? null, claims: body.claims || {} };
      res.writeHead(204).end();
    } else if (req.url.startsWith('/interaction/')) {
      await finishInteraction(req, res);
    } else {
      callback(req, res);
    }
  } catch (error) {
    console.error(error);
    res.writeHead(500).end(String(error));
  }
});
server.listen(port, '127.0.0.1', () => console.log(`ready ${issuer}`));
for (const signal of ['SIGTERM', 'SIGINT']) process.on(signal, () => server.close(() => process.exit(0)));
