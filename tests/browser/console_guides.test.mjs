// The console's framework catalog and integration guides (web/console/guides), as plain data:
// catalog shape and order, guide structure in both languages, and the app's values in the code.
// Pure node:test, no browser: node --test tests/browser/console_guides.test.mjs
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { appTypes, frameworks } from '../../web/console/guides/frameworks.js';
import { guideFor } from '../../web/console/guides/guides.js';

const webCtx = {
  endpoint: 'https://idp.fake-latch.test:8443',
  appId: 'appid-zq7x2k9w',
  appSecret: 'secret-Kp9wQ4vRt7',
  redirectUri: 'http://localhost:5173/auth/callback-x9',
  postSignOutRedirectUri: 'http://localhost:5173/bye-x9',
};

const nativeCtx = {
  ...webCtx,
  redirectUri: 'io.fakelatch.app://callback',
  postSignOutRedirectUri: 'io.fakelatch.app://signed-out',
};

const blockKinds = new Set(['text', 'code', 'redirect-uris', 'note']);
const langs = ['en', 'ja'];

const required = [
  ['Flask', 'Traditional'],
  ['Django', 'Traditional'],
  ['Express', 'Traditional'],
  ['Next.js', 'Traditional'],
  ['Go', 'Traditional'],
  ['PHP', 'Traditional'],
  ['C++ (Latch SDK)', 'Traditional'],
  ['Traditional web (OIDC)', 'Traditional'],
  ['React', 'SPA'],
  ['Vue', 'SPA'],
  ['Angular', 'SPA'],
  ['Vanilla JS', 'SPA'],
  ['iOS (Swift)', 'Native'],
  ['Android (Kotlin)', 'Native'],
  ['Flutter', 'Native'],
  ['Machine-to-machine', 'MachineToMachine'],
];

function ctxFor(framework) {
  return framework.type === 'Native' ? nativeCtx : webCtx;
}

function allBlocks(guide) {
  return guide.steps.flatMap((s) => s.blocks);
}

function codeOf(guide) {
  return allBlocks(guide)
    .filter((b) => b.kind === 'code')
    .map((b) => b.code)
    .join('\n');
}

// Everything a reader can see: titles, texts, notes, file names and code.
function everything(guide) {
  const parts = [guide.title, ...guide.steps.map((s) => s.title)];
  for (const b of allBlocks(guide)) {
    parts.push(b.text ?? '', b.code ?? '', b.file ?? '');
  }
  return parts.join('\n');
}

function each(fn) {
  for (const framework of frameworks) {
    for (const lang of langs) {
      fn(framework, lang, guideFor(framework.id, ctxFor(framework), lang));
    }
  }
}

function channel(hex) {
  const c = hex / 255;
  return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
}

function luminance(color) {
  const [r, g, b] = [1, 3, 5].map((i) => channel(parseInt(color.slice(i, i + 2), 16)));
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

// WCAG contrast ratio of white text on the color.
function contrastWithWhite(color) {
  return 1.05 / (luminance(color) + 0.05);
}

test('catalog: ids are unique kebab-case and every type is one of appTypes', () => {
  assert.deepEqual(appTypes, ['Native', 'SPA', 'Traditional', 'MachineToMachine']);
  const ids = frameworks.map((f) => f.id);
  assert.equal(new Set(ids).size, ids.length);
  for (const f of frameworks) {
    assert.match(f.id, /^[a-z0-9]+(-[a-z0-9]+)*$/, f.id);
    assert.ok(appTypes.includes(f.type), `${f.id}: ${f.type}`);
  }
});

test('catalog: the required cards are present with their types and ids', () => {
  for (const [name, type] of required) {
    const card = frameworks.find((f) => f.name === name);
    assert.ok(card, `missing ${name}`);
    assert.equal(card.type, type, name);
  }
  assert.equal(frameworks.find((f) => f.id === 'cpp')?.name, 'C++ (Latch SDK)');
  assert.equal(frameworks.find((f) => f.id === 'oidc-traditional')?.name, 'Traditional web (OIDC)');
  assert.equal(frameworks.find((f) => f.id === 'm2m')?.name, 'Machine-to-machine');
});

test('catalog: Traditional first (Flask first), then SPA, Native, MachineToMachine', () => {
  const order = ['Traditional', 'SPA', 'Native', 'MachineToMachine'];
  const ranks = frameworks.map((f) => order.indexOf(f.type));
  assert.deepEqual(
    ranks,
    [...ranks].sort((a, b) => a - b),
  );
  assert.equal(frameworks[0].name, 'Flask');
  assert.equal(frameworks.find((f) => f.type === 'Traditional').id, 'flask');
});

test('catalog: badges, descriptions and SDKs are filled in, badges readable in white', () => {
  for (const f of frameworks) {
    assert.ok(f.badge.text.length >= 1 && f.badge.text.length <= 3, `${f.id} badge text`);
    assert.match(f.badge.color, /^#[0-9a-f]{6}$/i, `${f.id} badge color`);
    assert.ok(
      contrastWithWhite(f.badge.color) >= 4.5,
      `${f.id} contrast ${contrastWithWhite(f.badge.color)}`,
    );
    assert.ok(f.description.en && f.description.ja, `${f.id} description`);
    assert.notEqual(f.description.en, f.description.ja, `${f.id} description translated`);
    assert.ok(f.sdk, `${f.id} sdk`);
  }
});

test('guides: every framework has 4-6 titled steps of known block kinds in both languages', () => {
  each((framework, lang, guide) => {
    const where = `${framework.id}/${lang}`;
    assert.ok(guide, where);
    assert.ok(guide.title, `${where} title`);
    assert.ok(
      guide.steps.length >= 4 && guide.steps.length <= 6,
      `${where}: ${guide.steps.length} steps`,
    );
    for (const s of guide.steps) {
      assert.ok(typeof s.title === 'string' && s.title.trim(), `${where} step title`);
      assert.ok(s.blocks.length > 0, `${where} "${s.title}" has blocks`);
      for (const b of s.blocks) {
        assert.ok(blockKinds.has(b.kind), `${where} kind ${b.kind}`);
        if (b.kind === 'code') {
          assert.ok(b.language && b.code.trim(), `${where} code block`);
        }
        if (b.kind === 'text' || b.kind === 'note') {
          assert.ok(b.text.trim(), `${where} ${b.kind} block`);
        }
      }
    }
  });
});

test('guides: text and notes are plain (no HTML outside `inline code`, balanced backticks)', () => {
  each((framework, lang, guide) => {
    for (const b of allBlocks(guide).filter((x) => x.kind === 'text' || x.kind === 'note')) {
      assert.equal((b.text.match(/`/g) ?? []).length % 2, 0, `${framework.id}/${lang}: ${b.text}`);
      assert.doesNotMatch(
        b.text.replace(/`[^`]*`/g, ''),
        /<[a-z/!]/i,
        `${framework.id}/${lang}: ${b.text}`,
      );
    }
  });
});

test('guides: the endpoint and App ID appear verbatim in the code', () => {
  each((framework, lang, guide) => {
    const source = codeOf(guide);
    assert.ok(source.includes(webCtx.endpoint), `${framework.id}/${lang} endpoint`);
    assert.ok(source.includes(webCtx.appId), `${framework.id}/${lang} appId`);
  });
});

test('guides: the App Secret is in Traditional and M2M code, and nowhere in SPA or Native guides', () => {
  each((framework, lang, guide) => {
    const where = `${framework.id}/${lang}`;
    if (framework.type === 'Traditional' || framework.type === 'MachineToMachine') {
      assert.ok(codeOf(guide).includes(webCtx.appSecret), `${where} appSecret`);
    } else {
      assert.ok(!everything(guide).includes(webCtx.appSecret), `${where} leaks the secret`);
      assert.doesNotMatch(codeOf(guide), /appSecret|app_secret|client_secret/i, where);
    }
  });
});

test('guides: one redirect-uris block for Traditional, SPA and Native; none for M2M and device flow', () => {
  each((framework, lang, guide) => {
    const count = allBlocks(guide).filter((b) => b.kind === 'redirect-uris').length;
    const none = framework.type === 'MachineToMachine' || framework.deviceFlow;
    assert.equal(count, none ? 0 : 1, `${framework.id}/${lang}`);
  });
});

test('guides: the device-flow guide requests a device code and polls with the grant type', () => {
  for (const lang of langs) {
    const source = codeOf(guideFor('device-flow', nativeCtx, lang));
    assert.ok(source.includes(`${nativeCtx.endpoint}/oidc/device/auth`), lang);
    assert.ok(source.includes(`client_id=${nativeCtx.appId}`), lang);
    assert.ok(source.includes('urn:ietf:params:oauth:grant-type:device_code'), lang);
    assert.ok(source.includes('slow_down'), lang);
  }
});

test('guides: browser and native guides use the redirect URIs where the reader pastes them', () => {
  const verbatim = [
    'flask',
    'django',
    'go',
    'php',
    'cpp',
    'react',
    'vue',
    'angular',
    'vanilla-js',
    'ios',
    'android',
    'flutter',
  ];
  for (const id of verbatim) {
    const framework = frameworks.find((f) => f.id === id);
    const ctx = ctxFor(framework);
    const source = codeOf(guideFor(id, ctx, 'en'));
    assert.ok(source.includes(ctx.redirectUri), `${id} redirectUri`);
  }
  for (const id of [
    'flask',
    'django',
    'go',
    'php',
    'cpp',
    'react',
    'vue',
    'angular',
    'vanilla-js',
    'nextjs',
  ]) {
    assert.ok(
      codeOf(guideFor(id, webCtx, 'en')).includes(webCtx.postSignOutRedirectUri),
      `${id} post sign-out`,
    );
  }
});

test('guides: Flask follows the Logto Flask guide', () => {
  const guide = guideFor('flask', webCtx, 'en');
  const source = codeOf(guide);
  assert.ok(source.includes('from logto import LogtoClient, LogtoConfig'));
  assert.ok(source.includes(`endpoint="${webCtx.endpoint}"`));
  assert.ok(source.includes(`appId="${webCtx.appId}"`));
  assert.ok(source.includes(`appSecret="${webCtx.appSecret}"`));
  assert.ok(source.includes('storage=SessionStorage()'));
  assert.ok(source.includes('client.signIn('));
  assert.ok(source.includes(`redirectUri="${webCtx.redirectUri}"`));
  assert.ok(source.includes('interactionMode="signUp"'));
  assert.ok(source.includes('await client.handleSignInCallback(request.url)'));
  assert.ok(source.includes(`signOut(postLogoutRedirectUri="${webCtx.postSignOutRedirectUri}")`));
  assert.ok(source.includes('isAuthenticated()'));
  assert.ok(source.includes('pip install logto # or poetry add logto'));
  assert.deepEqual(
    guide.steps.map((s) => s.title),
    [
      'Install',
      'Init LogtoClient',
      'Configure redirect URIs',
      'Implement sign-in and sign-out',
      'Handle authentication status',
      'Checkpoint: test your application',
    ],
  );
  const checkpoint = guide.steps.at(-1).blocks;
  assert.equal(checkpoint.length, 4);
  checkpoint.forEach((b, i) => assert.ok(b.kind === 'text' && b.text.startsWith(`${i + 1}. `)));
  assert.ok(allBlocks(guide).some((b) => b.kind === 'note' && b.text.includes('await')));
});

test('guides: Express registers the @logto/express callback route', () => {
  const guide = guideFor('express', webCtx, 'en');
  const source = codeOf(guide);
  assert.ok(source.includes('handleAuthRoutes(config)'));
  assert.ok(source.includes('withLogto(config)'));
  assert.ok(source.includes("baseUrl: 'http://localhost:5173'"));
  assert.ok(everything(guide).includes('http://localhost:5173/logto/sign-in-callback'));
});

test('guides: generic OIDC lists the Latch endpoints', () => {
  const source = codeOf(guideFor('oidc-traditional', webCtx, 'en'));
  for (const path of [
    '/.well-known/openid-configuration',
    '/auth',
    '/token',
    '/me',
    '/jwks',
    '/session/end',
  ]) {
    assert.ok(source.includes(`${webCtx.endpoint}/oidc${path}`), path);
  }
  assert.ok(
    source.includes(`${webCtx.endpoint}/oidc/auth?response_type=code&client_id=${webCtx.appId}`),
  );
  assert.ok(source.includes(`redirect_uri=${encodeURIComponent(webCtx.redirectUri)}`));
  assert.ok(source.includes('code_challenge_method=S256'));
});

test('guides: machine-to-machine shows client credentials and the Management API', () => {
  const source = codeOf(guideFor('m2m', webCtx, 'en'));
  assert.ok(source.includes(`curl -u '${webCtx.appId}:${webCtx.appSecret}'`));
  assert.ok(source.includes('grant_type=client_credentials'));
  assert.ok(source.includes(`${webCtx.endpoint}/oidc/token`));
  assert.ok(source.includes('resource=urn:latch:management'));
  assert.ok(source.includes('scope=all'));
  assert.ok(source.includes(`${webCtx.endpoint}/api/applications`));
});

test('guides: Japanese guides are really translated', () => {
  for (const framework of frameworks) {
    const en = guideFor(framework.id, ctxFor(framework), 'en');
    const ja = guideFor(framework.id, ctxFor(framework), 'ja');
    assert.equal(ja.steps.length, en.steps.length, framework.id);
    assert.notEqual(ja.title, en.title, framework.id);
    ja.steps.forEach((s, i) => {
      assert.notEqual(s.title, en.steps[i].title, `${framework.id} step ${i}`);
      assert.match(
        s.title,
        /[\u3040-\u30ff\u4e00-\u9fff]/,
        `${framework.id} step ${i}: ${s.title}`,
      );
    });
    assert.equal(codeOf(ja), codeOf(en), `${framework.id}: same code in both languages`);
  }
});

test('guideFor: unknown ids give null; missing ctx values give no "undefined"; ctx is not changed', () => {
  assert.equal(guideFor('nope', webCtx, 'en'), null);
  const ctx = { ...webCtx };
  guideFor('flask', ctx, 'en');
  assert.deepEqual(ctx, webCtx);
  for (const framework of frameworks) {
    const guide = guideFor(framework.id, { endpoint: webCtx.endpoint, appId: webCtx.appId }, 'fr');
    assert.ok(!everything(guide).includes('undefined'), framework.id);
    assert.equal(
      guide.title,
      guideFor(framework.id, webCtx, 'en').title,
      `${framework.id} falls back to en`,
    );
  }
});
