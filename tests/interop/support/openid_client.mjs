// openid-client (panva) set up the way every interop test uses it: a Configuration from Latch's
// discovery document, and an authorization URL with PKCE (and state, and a nonce when asked for)
// together with the checks its callback needs.
import { importPackage } from './server.mjs';

export const client = await importPackage('openid-client');

// A Configuration for the client `clientId` from `server`'s discovery. `metadata` is the
// client's metadata or its secret, `auth` its authentication method (client.None() for a public
// client), as client.discovery takes them. http:// is allowed for the test server only; `execute`
// adds more of openid-client's options (client.enableNonRepudiationChecks).
export function discover(server, clientId, { metadata, auth, execute = [] } = {}) {
  return client.discovery(new URL(server.issuer), clientId, metadata, auth, {
    execute: [client.allowInsecureRequests, ...execute],
  });
}

// The parameters of a code-flow authorization request with PKCE S256 and a state (and a nonce
// when `nonce` is true), `extra` merged in last, and the checks client.authorizationCodeGrant
// needs for its callback.
export async function codeRequestParams({ redirectUri, scope, nonce = false, extra = {} }) {
  const verifier = client.randomPKCECodeVerifier();
  const state = client.randomState();
  const params = {
    redirect_uri: redirectUri,
    scope,
    code_challenge: await client.calculatePKCECodeChallenge(verifier),
    code_challenge_method: 'S256',
    state,
    // As Logto's SDKs ask: offline_access is granted only with prompt=consent (OIDC Core §11).
    prompt: 'consent',
  };
  const checks = { pkceCodeVerifier: verifier, expectedState: state };
  if (nonce) {
    params.nonce = client.randomNonce();
    checks.expectedNonce = params.nonce;
  }
  return { params: { ...params, ...extra }, checks };
}

// codeRequestParams as an authorization URL for `config`: { url, checks }.
export async function codeRequest(config, options) {
  const { params, checks } = await codeRequestParams(options);
  return { url: client.buildAuthorizationUrl(config, params), checks };
}
