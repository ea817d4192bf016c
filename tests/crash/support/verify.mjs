// Checks, after a restart, that what clients received before the kill is still what it was:
// tokens and codes still valid (or refused as designed), users and apps whole. Each check
// returns a list of problems (empty: all well) rather than stopping at the first.
import { deepStrictEqual } from 'node:assert/strict';

import {
  clientCredentials,
  keySet,
  managementApi,
  redeemCode,
  refresh,
  userinfo,
  verifyJwt,
} from '../../interop/support/oauth.mjs';
import { apiApp, apiUser, RESOURCE } from './load.mjs';

// Codes live 60 s (authorization_code_ttl); one older than this is checked as expired instead.
const CODE_STILL_VALID_MS = 50000;
const PARALLEL = 6;

// Runs `check(item)` for every item, PARALLEL at a time; the problems they return, flattened.
async function each(items, check) {
  const problems = [];
  let next = 0;
  const run = async () => {
    while (next < items.length) {
      const item = items[next++];
      try {
        problems.push(...(await check(item)));
      } catch (error) {
        problems.push(`${item.kind ?? 'check'}: ${error.stack ?? error}`);
      }
    }
  };
  await Promise.all(Array.from({ length: PARALLEL }, run));
  return problems;
}

const describeBody = (res) => `${res.status} ${JSON.stringify(res.body)}`.slice(0, 300);

// An ID token or JWT access token: signed by a key the server still publishes, for `audience`.
async function jwtProblems(dep, keys, jwt, audience, sub, what) {
  try {
    const payload = await verifyJwt(keys, jwt, { issuer: dep.issuer, audience });
    return sub && payload.sub !== sub ? [`${what}: sub ${payload.sub}, expected ${sub}`] : [];
  } catch (error) {
    return [`${what} no longer verifies against /oidc/jwks: ${error.message}`];
  }
}

async function tokensProblems(dep, fx, keys, item) {
  const problems = [];
  const sub = item.user.id;
  if (item.accessToken) {
    const info = await userinfo(dep, item.accessToken);
    if (info.status !== 200 || info.body.sub !== sub) {
      problems.push(`an opaque access token no longer opens /oidc/me: ${describeBody(info)}`);
    }
  }
  if (item.jwt) {
    problems.push(...(await jwtProblems(dep, keys, item.jwt, RESOURCE, sub, 'a JWT access token')));
  }
  if (item.idToken) {
    problems.push(...(await jwtProblems(dep, keys, item.idToken, fx.app.id, sub, 'an ID token')));
  }
  if (item.refreshToken && !item.refreshed) {
    item.refreshed = true; // single use: redeemed once, by the first check
    const res = await refresh(dep, fx.app, item.refreshToken);
    if (res.status !== 200) problems.push(`a refresh token is refused: ${describeBody(res)}`);
  }
  return problems;
}

async function codeProblems(dep, fx, keys, item) {
  if (item.redeemed) return []; // single use: redeemed once, by the first check
  item.redeemed = true;
  const res = await redeemCode(dep, fx.app, item);
  if (Date.now() - item.issuedAt > CODE_STILL_VALID_MS) {
    return res.status === 400 ? [] : [`an expired code was not refused: ${describeBody(res)}`];
  }
  if (res.status !== 200) return [`a code is refused: ${describeBody(res)}`];
  return jwtProblems(dep, keys, res.body.id_token, fx.app.id, item.user.id, 'an ID token');
}

// A user: there, and (for the management API's) with everything it was created with.
async function userProblems(dep, fx, item) {
  const res = await managementApi(dep, fx.managementToken, `/users/${item.id}`);
  if (res.status !== 200) return [`user ${item.username} is lost: ${describeBody(res)}`];
  return wholeUserProblems(res.body, item.username);
}

// What every user must be: a way to sign in (a password or an identity), and for a user of the
// management API load, all its fields.
function wholeUserProblems(user, username = user.username) {
  const problems = [];
  if (user.username !== username)
    problems.push(`user ${user.id} is ${user.username}, not ${username}`);
  if (!user.hasPassword && Object.keys(user.identities ?? {}).length === 0) {
    problems.push(`user ${user.username} has neither a password nor an identity`);
  }
  const n = /^crash_api_(\d+)$/.exec(user.username ?? '')?.[1];
  if (n !== undefined) {
    const { name, customData, profile } = apiUser(Number(n));
    try {
      deepStrictEqual(
        { name: user.name, customData: user.customData, profile: user.profile },
        { name, customData, profile },
      );
    } catch {
      problems.push(`user ${user.username} is half written: ${JSON.stringify(user)}`);
    }
  }
  return problems;
}

// An app: there, whole, and its secret still works.
async function appProblems(dep, fx, item) {
  const res = await managementApi(dep, fx.managementToken, `/applications/${item.id}`);
  if (res.status !== 200) return [`app ${item.id} is lost: ${describeBody(res)}`];
  const problems = wholeAppProblems(res.body, item.n);
  const token = await clientCredentials(dep, { id: item.id, secret: item.secret }, RESOURCE);
  if (token.status !== 200)
    problems.push(`app ${item.id}'s secret is refused: ${describeBody(token)}`);
  return problems;
}

function wholeAppProblems(app, n) {
  const { name, description, type } = apiApp(n);
  const whole = app.name === name && app.description === description && app.type === type;
  return whole ? [] : [`app ${app.id} is not as created: ${JSON.stringify(app)}`];
}

// Evidence from Load.take(): every item checked against the server now running.
export async function verifyEvidence(dep, fx, items) {
  const keys = await keySet(dep);
  return each(items, (item) => {
    switch (item.kind) {
      case 'tokens':
        return tokensProblems(dep, fx, keys, item);
      case 'code':
        return codeProblems(dep, fx, keys, item);
      case 'jwt':
        return jwtProblems(dep, keys, item.jwt, RESOURCE, undefined, 'a JWT access token');
      case 'user':
        return userProblems(dep, fx, item);
      case 'app':
        return appProblems(dep, fx, item);
      default:
        return [`unknown evidence ${item.kind}`];
    }
  });
}

// A code or refresh token that was on its way when a kill came: the server may have spent it
// before dying or not. Either answer is right (200, or 400 invalid_grant); a 5xx is not. A
// refused one was spent, so presenting it again revoked its grant (RFC 6749 §10.5, RFC 9700
// §4.14.2): the tokens of that grant the client holds (`grant.tokens`) are then revoked as
// designed and left out of later checks.
export async function verifyUncertainGrants(dep, fx, grants) {
  return each([...grants], async (grant) => {
    grants.delete(grant);
    const res =
      grant.type === 'code'
        ? await redeemCode(dep, fx.app, grant)
        : await refresh(dep, fx.app, grant.refreshToken);
    if (res.status === 400 && res.body.error === 'invalid_grant') {
      if (grant.tokens) grant.tokens.revoked = true;
      return [];
    }
    return res.status === 200 ? [] : [`a ${grant.type} in flight at a kill: ${describeBody(res)}`];
  });
}

// Every page of a management API list.
async function listAll(dep, token, route) {
  const all = [];
  for (let page = 1; ; page += 1) {
    const res = await managementApi(dep, token, `${route}?page=${page}&page_size=100`);
    if (res.status !== 200) throw new Error(`GET ${route}: ${describeBody(res)}`);
    all.push(...res.body);
    if (all.length >= Number(res.headers.get('total-number')) || res.body.length === 0) return all;
  }
}

// The whole database through the management API: every user whole and able to sign in; no
// user or app of the load that the client saw refused (only those in flight at a kill may
// exist unseen); every one the client saw created present.
export async function verifyNothingHalfWritten(dep, fx, load) {
  const problems = [];
  const users = await listAll(dep, fx.managementToken, '/users');
  const apps = await listAll(dep, fx.managementToken, '/applications');
  const seen = new Set(
    load.evidence.filter((e) => e.kind === 'user' || e.kind === 'app').map((e) => e.id),
  );
  for (const user of users) {
    problems.push(...wholeUserProblems(user));
    if (
      /^crash_/.test(user.username) &&
      !seen.has(user.id) &&
      !load.uncertain.users.has(user.username)
    ) {
      problems.push(`user ${user.username} exists, but its creation was refused`);
    }
  }
  for (const app of apps.filter((a) => a.name.startsWith('crash app '))) {
    problems.push(...wholeAppProblems(app, Number(app.name.slice('crash app '.length))));
    if (!seen.has(app.id) && !load.uncertain.apps.has(app.name)) {
      problems.push(`app ${app.name} exists, but its creation was refused`);
    }
  }
  const listed = new Set([...users, ...apps].map((x) => x.id));
  for (const id of seen) if (!listed.has(id)) problems.push(`${id}, created, is not listed`);
  return { problems, users: users.length, apps: apps.length };
}
