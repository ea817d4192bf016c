// The integration guides shown after an application is created: guideFor(frameworkId, ctx, lang)
// returns { title, steps: [{ title, blocks }] } with the app's values filled in, or null.
// Blocks are plain data (text, code, note, redirect-uris); the console renders them without HTML.

import { cpp } from './content/cpp.js';
import { deviceFlow } from './content/device_flow.js';
import { m2m } from './content/m2m.js';
import { android, flutter, ios } from './content/native.js';
import { express, next } from './content/node.js';
import { oidcTraditional } from './content/oidc.js';
import { django, flask } from './content/python.js';
import { go, php } from './content/server.js';
import { angular, react, vanillaJs, vue } from './content/spa.js';

const builders = new Map([
  ['flask', flask],
  ['django', django],
  ['express', express],
  ['nextjs', next],
  ['go', go],
  ['php', php],
  ['cpp', cpp],
  ['oidc-traditional', oidcTraditional],
  ['react', react],
  ['vue', vue],
  ['angular', angular],
  ['vanilla-js', vanillaJs],
  ['ios', ios],
  ['android', android],
  ['flutter', flutter],
  ['m2m', m2m],
  ['device-flow', deviceFlow],
]);

const ctxKeys = ['endpoint', 'appId', 'appSecret', 'redirectUri', 'postSignOutRedirectUri'];

// Every ctx value as a string ('' when missing), so the guides never print "undefined".
function normalize(ctx) {
  const source = ctx ?? {};
  return Object.fromEntries(ctxKeys.map((key) => [key, String(source[key] ?? '')]));
}

export function guideFor(frameworkId, ctx, lang) {
  const build = builders.get(frameworkId);
  if (!build) {
    return null;
  }
  return build(normalize(ctx), lang === 'ja' ? 'ja' : 'en');
}
