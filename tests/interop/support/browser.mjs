// A tiny browser over fetch for the hosted sign-in pages, the way tests/support/browser_session
// does it in C++: a cookie jar for the server's one origin (Set-Cookie read by hand), redirects
// followed by hand (redirect: 'manual') only while they stay on the server, and HTML forms
// submitted with their hidden inputs (the CSRF token).
import { eventually } from './server.mjs';

const decodeEntities = (text) =>
  text
    .replaceAll('&quot;', '"')
    .replaceAll('&#39;', "'")
    .replaceAll('&lt;', '<')
    .replaceAll('&gt;', '>')
    .replaceAll('&amp;', '&');

function attributes(tag) {
  const out = {};
  for (const [, name, value] of tag.matchAll(/([\w:-]+)\s*=\s*"([^"]*)"/g)) {
    out[name.toLowerCase()] = decodeEntities(value);
  }
  return out;
}

// The first form of `html`: {action, fields} with every named input that has a value to send.
export function parseForm(html) {
  const form = /<form\b([^>]*)>([\s\S]*?)<\/form>/i.exec(html);
  if (!form) return null;
  const fields = {};
  for (const [, tag] of form[2].matchAll(/<input\b([^>]*)>/gi)) {
    const { name, value = '', type = 'text' } = attributes(tag);
    if (name && !['submit', 'radio', 'checkbox'].includes(type)) fields[name] = value;
  }
  return { action: attributes(form[1]).action ?? '', fields };
}

export class Browser {
  constructor(server) {
    this.server = server;
    this.cookies = new Map();
  }

  // The path and query of `location` when it points at the server; null when it leaves.
  onServer(location) {
    if (!location) return null;
    if (location.startsWith('/') && !location.startsWith('//')) return location;
    for (const origin of [this.server.endpoint, this.server.baseUrl]) {
      if (location === origin) return '/';
      if (location.startsWith(`${origin}/`) || location.startsWith(`${origin}?`)) {
        return location.slice(origin.length);
      }
    }
    return null;
  }

  // One request with the jar's cookies; no redirect followed. Resolves with
  // {status, location, body, headers}.
  async request(target, { method = 'GET', form } = {}) {
    const path = this.onServer(target) ?? target;
    const headers = {};
    if (this.cookies.size) {
      headers.cookie = [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
    }
    if (form) headers['content-type'] = 'application/x-www-form-urlencoded';
    const res = await fetch(new URL(path, this.server.baseUrl), {
      method: form ? 'POST' : method,
      headers,
      body: form ? new URLSearchParams(form) : undefined,
      redirect: 'manual',
    });
    for (const cookie of res.headers.getSetCookie()) this.#store(cookie);
    return {
      status: res.status,
      location: res.headers.get('location'),
      headers: res.headers,
      body: await res.text(),
    };
  }

  // Follows redirects that stay on the server; returns the first other answer.
  async follow(response, maxHops = 10) {
    let res = response;
    for (let hop = 0; hop < maxHops && res.status >= 300 && res.status < 400; hop += 1) {
      const next = this.onServer(res.location);
      if (!next) break;
      res = await this.request(next);
    }
    return res;
  }

  async navigate(target) {
    return this.follow(await this.request(target));
  }

  // Posts the first form of `page` with its inputs overridden by `fields`, then follows.
  async submit(page, fields) {
    const form = parseForm(page.body);
    if (!form) throw new Error(`no form in the page (status ${page.status}): ${page.body}`);
    return this.follow(await this.request(form.action, { form: { ...form.fields, ...fields } }));
  }

  #store(header) {
    const [pair, ...attrs] = header.split(';');
    const eq = pair.indexOf('=');
    if (eq <= 0) return;
    const name = pair.slice(0, eq).trim();
    const value = pair.slice(eq + 1).trim();
    const expired = attrs.some((a) => /^\s*max-age\s*=\s*0\s*$/i.test(a));
    if (!value || expired) this.cookies.delete(name);
    else this.cookies.set(name, value);
  }
}

// Opens `authorizationUrl` in `browser` (a fresh one by default), signs in through the hosted
// form when asked to (or creates the account through the register form, when the request opens
// it: first_screen=register), allows consent when asked for it, and resolves with the URL the
// server finally redirects to (the client's callback). Throws when the flow stops on a page.
export async function signInThroughForms(
  server,
  authorizationUrl,
  { username, password },
  browser = new Browser(server),
) {
  let res = await browser.navigate(String(authorizationUrl));
  for (let step = 0; step < 3 && res.status === 200; step += 1) {
    const form = parseForm(res.body);
    if (form?.action === '/sign-in') {
      res = await browser.submit(res, { identifier: username, password });
    } else if (form?.action === '/register') {
      res = await browser.submit(res, { identifier: username, password, confirm: password });
    } else if (form?.action === '/consent') {
      res = await browser.submit(res, { decision: 'allow' });
    } else {
      break;
    }
  }
  if (res.status < 300 || res.status >= 400) {
    throw new Error(`the sign-in stopped with status ${res.status}: ${res.body.slice(0, 500)}`);
  }
  return new URL(res.location, server.endpoint);
}

// `latch user create ... --json` -> the user.
export function createUser(server, { username, password, email, name }) {
  const args = ['user', 'create', '--username', username, '--password', password];
  if (email) args.push('--email', email);
  if (name) args.push('--name', name);
  return server.cliJson([...args, '--json']);
}

// `latch app create` for an app users sign in to -> {id, secret?, ...}.
export function createUserApp(server, { type, redirectUris = [], postLogoutRedirectUris = [] }) {
  const args = ['app', 'create', '--name', `${type} app`, '--type', type];
  for (const uri of redirectUris) args.push('--redirect-uri', uri);
  for (const uri of postLogoutRedirectUris) args.push('--post-logout-redirect-uri', uri);
  return server.cliJson([...args, '--json']);
}

// Resolves once the server has loaded `app` (its catalog reloads about every 250 ms): an
// authorization request with `redirectUri` is answered with a redirect, not an error page.
// `timeoutMs` bounds the wait (eventually's default when absent).
export async function waitUntilClientKnown(server, app, redirectUri, { timeoutMs } = {}) {
  const url = new URL(`${server.baseUrl}/oidc/auth`);
  url.search = new URLSearchParams({
    client_id: app.id,
    redirect_uri: redirectUri,
    response_type: 'code',
    scope: 'openid',
    code_challenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
    code_challenge_method: 'S256',
  });
  const known = await eventually(
    async () => {
      const res = await fetch(url, { redirect: 'manual' });
      return res.status >= 300 && res.status < 400;
    },
    { timeoutMs },
  );
  if (!known) throw new Error(`the server did not load app ${app.id}`);
}
