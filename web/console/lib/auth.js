// The console signs its operators in through this Latch, as any single-page app would: the
// authorization code flow with PKCE (S256) for the management API resource and scope `all`.
// Tokens live in sessionStorage (this tab); they never reach a URL or a cookie.
import { t } from './i18n.js';

const sessionKey = 'latch.console.session';
const pendingKey = 'latch.console.pending';
let status = null;

// What /console/api/status says: endpoint, clientId, redirectUri, resource, needsSetup.
export async function loadStatus(force = false) {
  if (status && !force) return status;
  const res = await fetch('/console/api/status', { headers: { accept: 'application/json' } });
  if (!res.ok) throw new Error(`status ${res.status}`);
  status = await res.json();
  return status;
}

function base64url(bytes) {
  let text = '';
  for (const b of bytes) text += String.fromCharCode(b);
  return btoa(text).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function randomText(size = 32) {
  return base64url(crypto.getRandomValues(new Uint8Array(size)));
}

// SHA-256 for PKCE. crypto.subtle exists only in secure contexts (https, localhost); a console
// opened over plain http on another host falls back to this implementation (FIPS 180-4).
function sha256Fallback(data) {
  const k = [];
  const primes = [];
  for (let n = 2; primes.length < 64; n += 1) {
    if (primes.every((p) => n % p)) primes.push(n);
  }
  const frac = (x) => ((x - Math.floor(x)) * 2 ** 32) >>> 0;
  const hash = primes.slice(0, 8).map((p) => frac(p ** (1 / 2)));
  for (const p of primes) k.push(frac(p ** (1 / 3)));
  const bitLength = data.length * 8;
  const padded = new Uint8Array(((data.length + 9 + 63) >> 6) << 6);
  padded.set(data);
  padded[data.length] = 0x80;
  const view = new DataView(padded.buffer);
  view.setUint32(padded.length - 4, bitLength >>> 0);
  view.setUint32(padded.length - 8, Math.floor(bitLength / 2 ** 32));
  const rotr = (x, n) => (x >>> n) | (x << (32 - n));
  const w = new Array(64);
  for (let offset = 0; offset < padded.length; offset += 64) {
    for (let i = 0; i < 16; i += 1) w[i] = view.getUint32(offset + i * 4);
    for (let i = 16; i < 64; i += 1) {
      const s0 = rotr(w[i - 15], 7) ^ rotr(w[i - 15], 18) ^ (w[i - 15] >>> 3);
      const s1 = rotr(w[i - 2], 17) ^ rotr(w[i - 2], 19) ^ (w[i - 2] >>> 10);
      w[i] = (w[i - 16] + s0 + w[i - 7] + s1) >>> 0;
    }
    let [a, b, c, d, e, f, g, hh] = hash;
    for (let i = 0; i < 64; i += 1) {
      const t1 =
        (hh + (rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)) + ((e & f) ^ (~e & g)) + k[i] + w[i]) >>> 0;
      const t2 = ((rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)) + ((a & b) ^ (a & c) ^ (b & c))) >>> 0;
      [hh, g, f, e, d, c, b, a] = [g, f, e, (d + t1) >>> 0, c, b, a, (t1 + t2) >>> 0];
    }
    [a, b, c, d, e, f, g, hh].forEach((value, i) => {
      hash[i] = (hash[i] + value) >>> 0;
    });
  }
  const out = new Uint8Array(32);
  const outView = new DataView(out.buffer);
  hash.forEach((value, i) => outView.setUint32(i * 4, value));
  return out;
}

async function sha256(text) {
  const data = new TextEncoder().encode(text);
  if (globalThis.crypto?.subtle) {
    return new Uint8Array(await crypto.subtle.digest('SHA-256', data));
  }
  return sha256Fallback(data);
}

// Leaves for the hosted sign-in page; comes back to /console/callback.
export async function startSignIn({ returnTo = '/console', loginHint } = {}) {
  const s = await loadStatus();
  const verifier = randomText(48);
  const state = randomText(24);
  sessionStorage.setItem(pendingKey, JSON.stringify({ verifier, state, returnTo }));
  const url = new URL(`${s.issuer}/auth`);
  const params = {
    client_id: s.clientId,
    redirect_uri: s.redirectUri,
    response_type: 'code',
    scope: 'openid profile email all',
    resource: s.resource,
    state,
    code_challenge: base64url(await sha256(verifier)),
    code_challenge_method: 'S256',
    ui_locales: document.documentElement.lang,
  };
  if (loginHint) params.login_hint = loginHint;
  for (const [name, value] of Object.entries(params)) url.searchParams.set(name, value);
  window.location.assign(url.href);
}

function decodeJwt(token) {
  try {
    const part = token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
    const bytes = Uint8Array.from(atob(part), (c) => c.charCodeAt(0));
    return JSON.parse(new TextDecoder().decode(bytes));
  } catch {
    return {};
  }
}

export class SignInError extends Error {
  constructor(code, message) {
    super(message);
    this.code = code;
  }
}

// Finishes the sign-in on /console/callback; resolves with the path to return to.
export async function handleCallback() {
  const params = new URLSearchParams(window.location.search);
  const pending = JSON.parse(sessionStorage.getItem(pendingKey) ?? 'null');
  sessionStorage.removeItem(pendingKey);
  if (params.get('error')) {
    throw new SignInError(params.get('error'), params.get('error_description') ?? '');
  }
  if (!pending || params.get('state') !== pending.state) {
    throw new SignInError('state_mismatch', t('callback.state_mismatch'));
  }
  const s = await loadStatus();
  const res = await fetch(`${s.issuer}/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      code: params.get('code') ?? '',
      redirect_uri: s.redirectUri,
      client_id: s.clientId,
      code_verifier: pending.verifier,
      resource: s.resource,
    }),
  });
  const body = await res.json().catch(() => ({}));
  if (!res.ok) throw new SignInError(body.error ?? 'token_error', body.error_description ?? '');
  const claims = decodeJwt(body.id_token ?? '');
  const scopes = String(decodeJwt(body.access_token).scope ?? '').split(' ');
  const session = {
    accessToken: body.access_token,
    idToken: body.id_token,
    expiresAt: Date.now() + (body.expires_in ?? 600) * 1000,
    operator: scopes.includes('all'),
    user: {
      id: claims.sub,
      name: claims.name || claims.username || claims.email || claims.sub,
      username: claims.username ?? '',
      email: claims.email ?? '',
    },
  };
  sessionStorage.setItem(sessionKey, JSON.stringify(session));
  return pending.returnTo || '/console';
}

// The signed-in operator's session, or null when there is none or it has expired.
export function currentSession() {
  const session = JSON.parse(sessionStorage.getItem(sessionKey) ?? 'null');
  if (!session || session.expiresAt - 30000 < Date.now()) return null;
  return session;
}

export function forgetSession() {
  sessionStorage.removeItem(sessionKey);
}

// Ends the console session and the Latch browser session (RP-initiated logout).
export async function signOut() {
  const s = await loadStatus();
  const session = JSON.parse(sessionStorage.getItem(sessionKey) ?? 'null');
  forgetSession();
  const url = new URL(`${s.issuer}/session/end`);
  url.searchParams.set('client_id', s.clientId);
  url.searchParams.set('post_logout_redirect_uri', s.postSignOutRedirectUri);
  if (session?.idToken) url.searchParams.set('id_token_hint', session.idToken);
  window.location.assign(url.href);
}
