// A fake of GitHub for tests that must not reach the internet: the OAuth web flow
// (/login/oauth/authorize, /login/oauth/access_token) and the two REST endpoints a sign-in
// connector reads (/user, /user/emails) on 127.0.0.1, with per-endpoint faults and a control
// API under /_fake/. Error shapes follow GitHub's docs: "Authorizing OAuth apps" and the two
// "Troubleshooting ... errors" pages. See README.md in this folder.
//   module:  const fake = await startFakeGitHub();  ...  await fake.close();
//   process: node tests/fakes/github/fake_github.mjs [--port N]
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import { fileURLToPath } from 'node:url';

export const ENDPOINTS = ['authorize', 'token', 'user', 'emails'];
export const FAULTS = ['ok', 'status500', 'garbage', 'hang', 'wrong_shape'];
export const DEFAULT_USER = Object.freeze({
  id: 1001,
  login: 'octo-latch',
  name: 'Octo Latch',
  email: null,
  avatar_url: null,
  emails: [{ email: 'octo@example.com', primary: true, verified: true, visibility: 'private' }],
});
const CODE_TTL_MS = 10 * 60 * 1000; // "The temporary code will expire after 10 minutes."
const MAX_BODY = 1 << 20;

// GitHub's answers carry absolute error_uri values; its docs abbreviate them to paths.
const DOCS = 'https://docs.github.com/apps/managing-oauth-apps/troubleshooting-';
const AUTHZ_DOC = `${DOCS}authorization-request-errors/`;
const TOKEN_DOC = `${DOCS}oauth-app-access-token-request-errors/`;
const REST_DOC = 'https://docs.github.com/rest';
const MISMATCH = 'The redirect_uri MUST match the registered callback URL for this application.';
const ERRORS = {
  authorize: {
    redirect_uri_mismatch: [MISMATCH, `${AUTHZ_DOC}#redirect-uri-mismatch`],
    access_denied: ['The user has denied your application access.', `${AUTHZ_DOC}#access-denied`],
  },
  token: {
    incorrect_client_credentials: [
      'The client_id and/or client_secret passed are incorrect.',
      `${TOKEN_DOC}#incorrect-client-credentials`,
    ],
    bad_verification_code: [
      'The code passed is incorrect or expired.',
      `${TOKEN_DOC}#bad-verification-code`,
    ],
    // Not a typo: GitHub points the token-time mismatch at the authorization page, anchor "2".
    redirect_uri_mismatch: [MISMATCH, `${AUTHZ_DOC}#redirect-uri-mismatch2`],
  },
};
const errorOf = (phase, error) => {
  const [error_description, error_uri] = ERRORS[phase][error];
  return { error, error_description, error_uri };
};

class HttpError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}
const need = (ok, message) => {
  if (!ok) throw new HttpError(400, message);
};
const isObject = (v) => typeof v === 'object' && v !== null && !Array.isArray(v);
const nonEmpty = (v) => typeof v === 'string' && v.length > 0;
const optString = (v) => v === undefined || v === null || typeof v === 'string';
const str = (v) => (typeof v === 'string' ? v : undefined); // JSON bodies may carry anything
const escapeHtml = (s) => String(s).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const randomHex = (bytes) => crypto.randomBytes(bytes).toString('hex');
const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const randomBase62 = (n) => Array.from(crypto.randomBytes(n), (b) => BASE62[b % 62]).join('');
const httpUrl = (s) => {
  try {
    return /^https?:$/.test(new URL(s).protocol);
  } catch {
    return false;
  }
};
const withParams = (target, params) => {
  const url = new URL(target);
  for (const [k, v] of Object.entries(params)) if (v != null) url.searchParams.append(k, v);
  return url.href;
};
// Space-delimited per the docs; commas are accepted too, as older clients send them.
const parseScope = (s) => [...new Set((s ?? '').split(/[\s,]+/).filter(Boolean))];

// GitHub's rule ("Redirect URLs"): the callback's host or a sub-domain of it, the same port
// (any port when the callback is on loopback), and the callback's path or one below it.
// Requiring the same scheme is our assumption; the docs do not say.
export function redirectUriAllowed(callbackUrl, redirectUri) {
  let cb, ru;
  try {
    [cb, ru] = [new URL(callbackUrl), new URL(redirectUri)];
  } catch {
    return false;
  }
  if (ru.protocol !== cb.protocol) return false;
  if (ru.hostname !== cb.hostname && !ru.hostname.endsWith(`.${cb.hostname}`)) return false;
  const loopback = ['127.0.0.1', '[::1]', 'localhost'].includes(cb.hostname);
  if (ru.port !== cb.port && !loopback) return false;
  const base = cb.pathname.replace(/\/$/, '');
  return ru.pathname === cb.pathname || ru.pathname.startsWith(`${base}/`);
}

function freshState() {
  return {
    apps: new Map(), // client_id -> {client_id, client_secret, callback_url, name}
    user: structuredClone(DEFAULT_USER),
    faults: Object.fromEntries(ENDPOINTS.map((e) => [e, 'ok'])),
    autoApprove: true,
    pending: new Map(), // consent page request_id -> authorization request
    codes: new Map(), // code -> {client_id, redirect_uri, scope, user, expiresAt}
    tokens: new Map(), // access token -> {client_id, scope, user}
    tokenRequests: [], // what reached /login/oauth/access_token, secrets left out
  };
}

// `now` lets a test move the clock past a code's expiry.
export async function startFakeGitHub({ port = 0, now = Date.now } = {}) {
  const state = freshState();
  let baseUrl;

  // Shared by the module API and /_fake/*: bad input throws HttpError(400).
  const control = {
    addApp(app) {
      need(isObject(app), 'expected a JSON object');
      const { client_id, client_secret, callback_url, name = client_id } = app;
      need(
        nonEmpty(client_id) && nonEmpty(client_secret),
        'client_id and client_secret must be non-empty strings',
      );
      need(httpUrl(callback_url), 'callback_url must be an absolute http(s) URL');
      need(typeof name === 'string', 'name must be a string');
      state.apps.set(client_id, { client_id, client_secret, callback_url, name });
      return { client_id, callback_url, name }; // never the secret
    },
    setUser(user) {
      need(isObject(user), 'expected a JSON object');
      const { id, login, name = null, email = null, avatar_url = null, emails = [] } = user;
      need(Number.isSafeInteger(id) && id > 0, 'id must be a positive integer');
      need(nonEmpty(login), 'login must be a non-empty string');
      need(
        optString(name) && optString(email) && optString(avatar_url),
        'name, email and avatar_url must be strings or null',
      );
      need(
        Array.isArray(emails) && emails.every((e) => isObject(e) && nonEmpty(e.email)),
        'emails must be an array of {email, primary, verified, visibility}',
      );
      state.user = {
        id,
        login,
        name,
        email,
        avatar_url,
        emails: emails.map((e) => ({
          email: e.email,
          primary: e.primary === true,
          verified: e.verified === true,
          visibility: e.visibility ?? null,
        })),
      };
    },
    // Replaces the whole set: an endpoint left out goes back to "ok", so {} resets all.
    setFaults(faults) {
      need(isObject(faults), 'expected a JSON object');
      for (const [endpoint, fault] of Object.entries(faults)) {
        need(ENDPOINTS.includes(endpoint), `unknown endpoint ${endpoint}: ${ENDPOINTS}`);
        need(FAULTS.includes(fault), `unknown fault ${fault}: ${FAULTS}`);
      }
      state.faults = { ...freshState().faults, ...faults };
    },
    setAutoApprove(enabled) {
      need(typeof enabled === 'boolean', 'enabled must be a boolean');
      state.autoApprove = enabled;
    },
    tokenRequests: () => structuredClone(state.tokenRequests),
    reset: () => {
      Object.assign(state, freshState());
    },
  };

  // Answers with the endpoint's fault and returns true, or returns false when it is healthy.
  // "hang" sends nothing; close() ends such requests with closeAllConnections().
  function fault(endpoint, res, wrongShape = () => sendJson(res, 200, { unexpected: true })) {
    switch (state.faults[endpoint]) {
      case 'status500':
        sendHtml(res, 500, 'Server Error', '<h1>500 Internal Server Error</h1>');
        return true;
      case 'garbage':
        send(res, 200, 'application/json; charset=utf-8', '<html>this is { not json');
        return true;
      case 'wrong_shape':
        wrongShape();
        return true;
      case 'hang':
        return true;
      default:
        return false;
    }
  }

  // Issues a code for an approved request; returns where to send the browser.
  function approve(request) {
    const code = randomHex(10); // GitHub's codes are 20 hex digits
    const { client_id, redirect_uri, scope } = request;
    state.codes.set(code, {
      client_id,
      redirect_uri,
      scope,
      user: state.user,
      expiresAt: now() + CODE_TTL_MS,
    });
    return withParams(redirect_uri, { code, state: request.state });
  }

  function authorize(url, res) {
    const q = url.searchParams;
    const app = state.apps.get(q.get('client_id') ?? '');
    const redirectUri = q.get('redirect_uri') || undefined;
    // The browser-flow form of a wrong shape: back to the app with neither code nor error.
    const target = redirectUri ?? app?.callback_url;
    const wrongShape = () =>
      httpUrl(target)
        ? redirect(res, withParams(target, { state: q.get('state') }))
        : sendJson(res, 200, { unexpected: true });
    if (fault('authorize', res, wrongShape)) return;
    if (!app) return sendHtml(res, 404, 'Page not found', '<h1>404</h1><p>Not found.</p>');
    if (redirectUri && !redirectUriAllowed(app.callback_url, redirectUri)) {
      // To the registered callback: an unverified redirect_uri never gets the browser.
      const error = errorOf('authorize', 'redirect_uri_mismatch');
      return redirect(res, withParams(app.callback_url, { ...error, state: q.get('state') }));
    }
    const request = {
      client_id: app.client_id,
      redirect_uri: redirectUri ?? app.callback_url,
      scope: parseScope(q.get('scope')),
      state: q.get('state'),
    };
    if (state.autoApprove) return redirect(res, approve(request));
    const id = randomHex(16);
    state.pending.set(id, request);
    const scopes = request.scope.map(escapeHtml).join(', ') || '(none: public data only)';
    sendHtml(
      res,
      200,
      `Authorize ${app.name}`,
      `<h1>Authorize ${escapeHtml(app.name)}</h1>
<p>Signed in as <strong id="login">${escapeHtml(state.user.login)}</strong></p>
<p>Requested scopes: ${scopes}</p>
<form method="post" action="/login/oauth/authorize/decision">
<input type="hidden" name="request_id" value="${id}">
<button type="submit" id="authorize" name="decision" value="authorize">Authorize</button>
<button type="submit" id="cancel" name="decision" value="cancel">Cancel</button>
</form>`,
    );
  }

  async function decide(req, res) {
    const params = await readParams(req);
    const id = str(params.request_id) ?? '';
    const request = state.pending.get(id);
    if (!request) return sendHtml(res, 404, 'Page not found', '<h1>404</h1><p>No such request</p>');
    state.pending.delete(id);
    if (params.decision === 'authorize') return redirect(res, approve(request));
    const error = errorOf('authorize', 'access_denied');
    redirect(res, withParams(request.redirect_uri, { ...error, state: request.state }));
  }

  async function accessToken(req, res) {
    const params = await readParams(req);
    let [clientId, secret] = [str(params.client_id), str(params.client_secret)];
    // HTTP Basic client authentication, which OAuth libraries often use by default.
    const basic = /^basic\s+(\S+)/i.exec(req.headers.authorization ?? '');
    if (basic && !clientId && !secret) {
      const pair = Buffer.from(basic[1], 'base64').toString('utf8');
      const colon = pair.indexOf(':');
      try {
        const parts = colon < 0 ? [] : [pair.slice(0, colon), pair.slice(colon + 1)];
        if (parts.length) [clientId, secret] = parts.map(decodeURIComponent);
      } catch {
        /* malformed escapes: no credentials */
      }
    }
    const [code, redirectUri] = [str(params.code), str(params.redirect_uri)];
    state.tokenRequests.push({
      client_id: clientId ?? null,
      redirect_uri: redirectUri ?? null,
      code: code ?? null,
      had_secret: nonEmpty(secret),
    });
    if (fault('token', res)) return;
    // Errors come with HTTP 200 too, in the format the Accept header asks for (form otherwise).
    const reply = /application\/json/i.test(req.headers.accept ?? '')
      ? (body) => sendJson(res, 200, body)
      : (body) =>
          send(
            res,
            200,
            'application/x-www-form-urlencoded; charset=utf-8',
            new URLSearchParams(body).toString(),
          );
    const app = state.apps.get(clientId ?? '');
    if (!app || !secret || !safeEqual(app.client_secret, secret)) {
      return reply(errorOf('token', 'incorrect_client_credentials'));
    }
    const grant = state.codes.get(code ?? '');
    if (!grant || grant.client_id !== app.client_id || now() >= grant.expiresAt) {
      return reply(errorOf('token', 'bad_verification_code'));
    }
    if (redirectUri && redirectUri !== grant.redirect_uri) {
      return reply(errorOf('token', 'redirect_uri_mismatch'));
    }
    state.codes.delete(code); // single use; a failed attempt above leaves it usable
    const access_token = `gho_${randomBase62(36)}`;
    const { scope, user } = grant;
    state.tokens.set(access_token, { client_id: app.client_id, scope, user });
    reply({ access_token, scope: grant.scope.join(','), token_type: 'bearer' });
  }

  // The token's grant, or undefined once a 401 in GitHub's shape has been sent.
  function authenticate(req, res, documentation_url) {
    const header = req.headers.authorization;
    if (!header) return void apiError(res, 401, 'Requires authentication', documentation_url);
    const m = /^(?:bearer|token)\s+(\S+)\s*$/i.exec(header);
    const grant = m && state.tokens.get(m[1]);
    if (!grant) return void apiError(res, 401, 'Bad credentials');
    res.setHeader('x-oauth-scopes', grant.scope.join(', ')); // as GitHub reports them
    return grant;
  }

  function getUser(req, res) {
    if (fault('user', res)) return;
    const grant = authenticate(req, res, `${REST_DOC}/users/users#get-the-authenticated-user`);
    if (!grant) return;
    const u = grant.user; // the user who approved, even if /_fake/user changed since
    sendJson(res, 200, {
      login: u.login,
      id: u.id,
      node_id: Buffer.from(`04:User${u.id}`).toString('base64'),
      avatar_url: u.avatar_url ?? `${baseUrl}/avatars/u/${u.id}?v=4`,
      gravatar_id: '',
      url: `${baseUrl}/users/${u.login}`,
      html_url: `${baseUrl}/${u.login}`,
      type: 'User',
      user_view_type: 'public',
      site_admin: false,
      name: u.name,
      company: null,
      blog: '',
      location: null,
      email: u.email,
      hireable: null,
      bio: null,
      twitter_username: null,
      public_repos: 0,
      public_gists: 0,
      followers: 0,
      following: 0,
      created_at: '2020-01-01T00:00:00Z',
      updated_at: '2020-01-01T00:00:00Z',
    });
  }

  function getEmails(req, res) {
    if (fault('emails', res)) return;
    const docs = `${REST_DOC}/users/emails#list-email-addresses-for-the-authenticated-user`;
    const grant = authenticate(req, res, docs);
    if (!grant) return;
    // Without user:email (or user) GitHub hides the resource: 404, not 403.
    if (!grant.scope.includes('user:email') && !grant.scope.includes('user')) {
      return apiError(res, 404, 'Not Found', docs);
    }
    sendJson(res, 200, grant.user.emails);
  }

  async function handle(req, res) {
    const url = new URL(req.url, 'http://127.0.0.1');
    switch (`${req.method} ${url.pathname}`) {
      case 'GET /login/oauth/authorize':
        return authorize(url, res);
      case 'POST /login/oauth/authorize/decision':
        return decide(req, res);
      case 'POST /login/oauth/access_token':
        return accessToken(req, res);
      case 'GET /user':
        return getUser(req, res);
      case 'GET /user/emails':
        return getEmails(req, res);
      case 'POST /_fake/apps':
        return sendJson(res, 201, control.addApp(await readJson(req)));
      case 'PUT /_fake/user':
        control.setUser(await readJson(req));
        return send(res, 204);
      case 'PUT /_fake/faults':
        control.setFaults(await readJson(req));
        return send(res, 204);
      case 'PUT /_fake/auto_approve': {
        const body = await readJson(req);
        need(isObject(body), 'expected a JSON object');
        control.setAutoApprove(body.enabled);
        return send(res, 204);
      }
      case 'GET /_fake/token_requests':
        return sendJson(res, 200, control.tokenRequests());
      case 'POST /_fake/reset':
        control.reset();
        return send(res, 204);
      default:
        return apiError(res, 404, 'Not Found');
    }
  }

  const server = http.createServer((req, res) => {
    handle(req, res).catch((err) => {
      if (res.headersSent) return res.destroy();
      sendJson(res, err instanceof HttpError ? err.status : 500, { error: err.message });
    });
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  baseUrl = `http://127.0.0.1:${server.address().port}`;
  return {
    baseUrl,
    apiBaseUrl: baseUrl,
    state,
    ...control,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections(); // hung requests and idle keep-alive sockets too
      }),
  };
}

function send(res, status, contentType, body) {
  if (contentType) res.setHeader('content-type', contentType);
  res.writeHead(status).end(body);
}
const sendJson = (res, status, body) =>
  send(res, status, 'application/json; charset=utf-8', JSON.stringify(body));
const sendHtml = (res, status, title, body) =>
  send(
    res,
    status,
    'text/html; charset=utf-8',
    `<!DOCTYPE html>\n<html><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head>` +
      `<body>\n${body}\n</body></html>\n`,
  );
// GitHub's REST error shape; status is a string there.
const apiError = (res, status, message, documentation_url = REST_DOC) =>
  sendJson(res, status, { message, documentation_url, status: String(status) });
const redirect = (res, location) => {
  res.setHeader('location', location);
  send(res, 302, 'text/html; charset=utf-8', '');
};
const safeEqual = (a, b) => {
  const [x, y] = [Buffer.from(a), Buffer.from(b)];
  return x.length === y.length && crypto.timingSafeEqual(x, y);
};

function readBody(req) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    let size = 0;
    req.on('data', (chunk) => {
      // past the limit, keep reading (and dropping) to answer 413
      size += chunk.length;
      if (size <= MAX_BODY) chunks.push(chunk);
    });
    req.on('end', () =>
      size > MAX_BODY
        ? reject(new HttpError(413, 'body too large'))
        : resolve(Buffer.concat(chunks).toString('utf8')),
    );
    req.on('error', reject);
  });
}
async function readJson(req) {
  const text = await readBody(req);
  try {
    return JSON.parse(text);
  } catch {
    throw new HttpError(400, 'body is not valid JSON');
  }
}
// The OAuth endpoints take form or JSON bodies; an unreadable body just has no parameters.
async function readParams(req) {
  const text = await readBody(req);
  const json = /json/i.test(req.headers['content-type'] ?? '');
  if (!json) return Object.fromEntries(new URLSearchParams(text));
  try {
    const v = JSON.parse(text);
    return isObject(v) ? v : {};
  } catch {
    return {};
  }
}

async function main() {
  const args = process.argv.slice(2);
  let port = 0;
  for (let i = 0; i < args.length; i++) {
    const m = /^--port(?:=(.*))?$/.exec(args[i]);
    if (!m) {
      console.error('usage: fake_github.mjs [--port N]');
      process.exit(2);
    }
    port = Number(m[1] ?? args[++i]);
  }
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error('usage: fake_github.mjs [--port N]  (N in 0..65535)');
    process.exit(2);
  }
  let fake;
  try {
    fake = await startFakeGitHub({ port });
  } catch (err) {
    console.error(err.message);
    process.exit(1);
  }
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    fake.close().finally(() => process.exit(0));
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
  // A parent that dies closes our stdin pipe. Only a pipe or socket says that: stdin from
  // /dev/null (how tests/support/subprocess.cpp starts children) is at end of file from the start.
  const stdin = fs.fstatSync(0);
  if (stdin.isFIFO() || stdin.isSocket()) process.stdin.on('end', stop).on('error', stop).resume();
  process.stdout.write(`listening on ${fake.baseUrl}\n`);
}

const invokedAs = (() => {
  try {
    return fs.realpathSync(process.argv[1]);
  } catch {
    return '';
  }
})();
if (invokedAs === fileURLToPath(import.meta.url)) main();
