// The load the crash test keeps up while it kills the server, and a record of what the clients
// received from it (the evidence checked after each restart) and of what they had sent when a
// kill came (uncertain: done or not, either is right). Workers, each in a loop until stop():
//   sign-in (SIGN_IN_WORKERS): mostly completions with the worker's browser session (SSO), some
//     password sign-ins in a fresh browser, some for a JWT access token (resource); the code is
//     kept unredeemed now and then, otherwise redeemed, sometimes refreshed, and userinfo read;
//   management: users (password, customData, profile) and apps created through the management
//     API, user searches;
//   register: accounts created through the hosted register form;
//   cli: users created with `latch user create` (a process of its own, never killed);
//   client-credentials: JWT access tokens for the API resource.
import assert from 'node:assert/strict';

import { Browser, signInThroughForms } from '../../interop/support/browser.mjs';
import { importPackage } from '../../interop/support/server.mjs';
import { Interrupted, seededRandom } from './deployment.mjs';
import {
  authorizationRequest,
  clientCredentials,
  codeFrom,
  managementApi,
  redeemCode,
  refresh,
  tokens,
  userinfo,
} from '../../interop/support/oauth.mjs';

const jose = await importPackage('jose');

export const PASSWORD = 'Quill-Meadow-4821';
export const RESOURCE = 'https://api.crash.test';
export const SIGN_IN_WORKERS = 2;

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

// What a user made by the management API load holds: all of it must be there, or none.
export function apiUser(n) {
  return {
    username: `crash_api_${n}`,
    name: `Crash ${n}`,
    customData: { n, tag: 'crash' },
    profile: { nickname: `crash-${n}` },
  };
}

// What an app made by the management API load holds.
export const apiApp = (n) => ({
  name: `crash app ${n}`,
  description: `made by the crash load, ${n}`,
  type: 'MachineToMachine',
});

export class Load {
  evidence = []; // {kind, incarnation, ...}: see record() callers
  // What was sent when a kill came: usernames, app names, {type: code|refresh, ...}.
  uncertain = { users: new Set(), apps: new Set(), grants: new Set() };
  failures = []; // what went wrong that no kill explains
  interrupted = 0; // steps cut short by a kill
  #completed = new Map(); // incarnation -> sign-ins completed
  #stopping = false;
  #running = null;
  #next = 0;

  // fixtures: {app, m2m, managementToken, workers: [{user, browser}]} (see crash.test.mjs).
  constructor(dep, fixtures, seed) {
    this.dep = dep;
    this.fx = fixtures;
    this.seed = seed;
  }

  start() {
    const loops = this.fx.workers.map((worker, i) =>
      this.#loop(`sign-in ${i}`, i, (rng) => this.#signIn(worker, rng)),
    );
    loops.push(this.#loop('management', 10, (rng) => this.#manage(rng)));
    loops.push(this.#loop('register', 11, () => this.#register()));
    loops.push(this.#loop('cli', 12, () => this.#cliUser()));
    loops.push(this.#loop('client-credentials', 13, () => this.#clientCredentials()));
    this.#running = Promise.all(loops);
  }

  async stop() {
    this.#stopping = true;
    await this.#running;
  }

  completed(incarnation) {
    return this.#completed.get(incarnation) ?? 0;
  }

  // The evidence received before `incarnation` that no check has taken yet; taken now.
  take(incarnation) {
    const taken = this.evidence.filter((item) => !item.taken && item.incarnation < incarnation);
    for (const item of taken) item.taken = true;
    return taken;
  }

  async #loop(name, stream, step) {
    const rng = seededRandom(this.seed + stream);
    while (!this.#stopping) {
      await this.dep.ready();
      try {
        await this.dep.attempt(() => step(rng));
      } catch (error) {
        if (error instanceof Interrupted) {
          this.interrupted += 1;
          continue;
        }
        this.failures.push(`${name}, incarnation ${this.dep.incarnation}: ${error.stack ?? error}`);
        await sleep(200);
      }
    }
  }

  #record(item) {
    const recorded = { ...item, incarnation: this.dep.incarnation };
    this.evidence.push(recorded);
    return recorded;
  }

  // Sends; when no answer comes back (a kill), `item` goes into `set`: uncertain.
  async #guarded(set, item, send) {
    try {
      return await send();
    } catch (error) {
      set.add(item);
      throw error;
    }
  }

  async #signIn(worker, rng) {
    const roll = rng();
    const resource = roll < 0.25 ? RESOURCE : undefined;
    const request = authorizationRequest(this.dep, this.fx.app, { resource });
    const callback =
      roll >= 0.25 && roll < 0.4
        ? await signInThroughForms(this.dep, request.url, worker.user, new Browser(this.dep))
        : await this.#withSession(worker.browser, request.url);
    const code = codeFrom(this.dep, callback, request.state);
    const grant = { type: 'code', code, verifier: request.verifier, resource };
    if (rng() < 0.2) {
      // kept for after the next restart
      this.#record({ kind: 'code', ...grant, user: worker.user, issuedAt: Date.now() });
      this.#done();
      return;
    }
    const first = tokens(
      await this.#guarded(this.uncertain.grants, grant, () =>
        redeemCode(this.dep, this.fx.app, grant),
      ),
      'code redemption',
    );
    let latest = first;
    if (rng() < 0.5) {
      const held = this.#record(this.#tokens(worker.user, { ...first, refresh_token: undefined }));
      const spent = { type: 'refresh', refreshToken: first.refresh_token, tokens: held };
      latest = tokens(
        await this.#guarded(this.uncertain.grants, spent, () =>
          refresh(this.dep, this.fx.app, first.refresh_token),
        ),
        'refresh',
      );
    }
    const received = this.#record(this.#tokens(worker.user, latest));
    if (received.accessToken) {
      const info = await userinfo(this.dep, latest.access_token);
      assert.equal(info.status, 200, `userinfo: ${JSON.stringify(info.body)}`);
    }
    this.#done();
  }

  // The redirect a browser with a session gets at once from /oidc/auth (no form on the way).
  async #withSession(browser, url) {
    const res = await browser.navigate(String(url));
    assert.ok(
      res.status >= 300 && res.status < 400,
      `the browser session was not honoured: ${res.status} ${res.body.slice(0, 300)}`,
    );
    return new URL(res.location, this.dep.endpoint);
  }

  // A token response as evidence. The access token is a JWT when a resource was asked for (a
  // refresh asks for none, and gets an opaque one).
  #tokens(user, response) {
    const jwt = response.access_token.split('.').length === 3;
    return {
      kind: 'tokens',
      user,
      accessToken: jwt ? undefined : response.access_token,
      jwt: jwt ? response.access_token : undefined,
      idToken: response.id_token,
      refreshToken: response.refresh_token,
    };
  }

  #done() {
    const n = this.dep.incarnation;
    this.#completed.set(n, this.completed(n) + 1);
  }

  async #manage(rng) {
    const roll = rng();
    const n = this.#next++;
    const token = this.fx.managementToken;
    if (roll < 0.45) {
      const expected = apiUser(n);
      const res = await this.#guarded(this.uncertain.users, expected.username, () =>
        managementApi(this.dep, token, '/users', {
          method: 'POST',
          body: { ...expected, password: PASSWORD },
        }),
      );
      assert.equal(res.status, 200, `POST /api/users: ${JSON.stringify(res.body)}`);
      this.#record({ kind: 'user', id: res.body.id, username: expected.username, api: n });
    } else if (roll < 0.75) {
      const expected = apiApp(n);
      const res = await this.#guarded(this.uncertain.apps, expected.name, () =>
        managementApi(this.dep, token, '/applications', { method: 'POST', body: expected }),
      );
      assert.equal(res.status, 200, `POST /api/applications: ${JSON.stringify(res.body)}`);
      // As in Logto, the app carries no secret: a client reads it from its secrets.
      const secrets = await this.#guarded(this.uncertain.apps, expected.name, () =>
        managementApi(this.dep, token, `/applications/${res.body.id}/secrets`),
      );
      assert.equal(secrets.status, 200, `GET …/secrets: ${JSON.stringify(secrets.body)}`);
      this.#record({ kind: 'app', id: res.body.id, secret: secrets.body[0]?.value, n });
    } else {
      const res = await managementApi(this.dep, token, '/users?search=crash_&page_size=20');
      assert.equal(res.status, 200, `GET /api/users: ${JSON.stringify(res.body)}`);
    }
  }

  // An account made through the register form; its id is the sub of the ID token it signs in
  // with.
  async #register() {
    const username = `crash_reg_${this.#next++}`;
    const request = authorizationRequest(this.dep, this.fx.app, {
      scope: 'openid',
      extra: { first_screen: 'register' },
    });
    const answer = await this.#guarded(this.uncertain.users, username, async () => {
      const callback = await signInThroughForms(
        this.dep,
        request.url,
        { username, password: PASSWORD },
        new Browser(this.dep),
      );
      const code = codeFrom(this.dep, callback, request.state);
      return redeemCode(this.dep, this.fx.app, { code, verifier: request.verifier });
    });
    const { sub } = jose.decodeJwt(tokens(answer, 'registration').id_token);
    this.#record({ kind: 'user', id: sub, username });
  }

  async #cliUser() {
    const username = `crash_cli_${this.#next++}`;
    const user = await this.#guarded(this.uncertain.users, username, () =>
      this.dep.cliJson([
        'user',
        'create',
        '--username',
        username,
        '--password',
        PASSWORD,
        '--json',
      ]),
    );
    this.#record({ kind: 'user', id: user.id, username });
    await sleep(250); // a process start and an Argon2id hash each: a few, not a storm
  }

  async #clientCredentials() {
    const body = tokens(
      await clientCredentials(this.dep, this.fx.m2m, RESOURCE),
      'client credentials',
    );
    this.#record({ kind: 'jwt', jwt: body.access_token, clientId: this.fx.m2m.id });
    await sleep(50);
  }
}
