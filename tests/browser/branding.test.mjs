// Branding in a real browser: app name, logo (and the dark-mode logo), favicon, brand colors and
// custom CSS set with `latch experience set` show on the pages, in English and Japanese, in
// light and dark color schemes; a bad color is refused by the CLI and changes nothing.
import assert from 'node:assert/strict';
import http from 'node:http';
import { after, before, test } from 'node:test';
import { screenshot } from './support/browser.mjs';
import {
  TEST_TIMEOUT,
  assertPage,
  authorizeUrl,
  setExperience,
  startStack,
  withPage,
} from './support/flow.mjs';

const APP_NAME = 'Hoshi Books';

// Two distinguishable square logos, light and dark.
const svg = (fill) =>
  `<svg xmlns="http://www.w3.org/2000/svg" width="96" height="48"><rect width="96" height="48" fill="${fill}"/></svg>`;
const ASSETS = {
  '/logo.svg': { type: 'image/svg+xml', body: svg('#0B6E4F') },
  '/logo-dark.svg': { type: 'image/svg+xml', body: svg('#7FD1AE') },
  '/favicon.svg': { type: 'image/svg+xml', body: svg('#0B6E4F') },
};

let stack;
let assets;
let assetOrigin;

function startAssetServer() {
  return new Promise((resolve, reject) => {
    const srv = http.createServer((req, res) => {
      const asset = ASSETS[new URL(req.url, 'http://x').pathname];
      res.writeHead(asset ? 200 : 404, { 'content-type': asset?.type ?? 'text/plain' });
      res.end(asset?.body ?? 'not found');
    });
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => resolve(srv));
  });
}

before(async () => {
  stack = await startStack();
  assets = await startAssetServer();
  assetOrigin = `http://127.0.0.1:${assets.address().port}`;
  await setExperience(stack, [
    `branding.appName=${APP_NAME}`,
    `branding.logoUrl=${assetOrigin}/logo.svg`,
    `branding.darkLogoUrl=${assetOrigin}/logo-dark.svg`,
    `branding.favicon=${assetOrigin}/favicon.svg`,
    'color.primaryColor=#0B6E4F',
    'color.isDarkModeEnabled=true',
    'color.darkPrimaryColor=#7FD1AE',
    'customCss=.card h1 { letter-spacing: 2px; }',
  ]);
});

after(async () => {
  await stack?.stop();
  await new Promise((done) => (assets ? assets.close(() => done()) : done()));
});

// What the browser actually rendered: the logo it picked, colors and the custom CSS's effect.
function rendered(page) {
  return page.evaluate(() => {
    const logo = document.querySelector('header img');
    const button = document.querySelector('main button');
    const style = (el) => (el ? getComputedStyle(el) : null);
    return {
      title: document.title,
      logoAlt: logo?.alt ?? null,
      logoSrc: logo?.currentSrc ?? null,
      logoLoaded: Boolean(logo && logo.complete && logo.naturalWidth > 0),
      favicon: document.querySelector('link[rel=icon]')?.href ?? null,
      buttonColor: style(button)?.backgroundColor ?? null,
      appNameColor: style(document.querySelector('.app-name'))?.color ?? null,
      appNameText: document.querySelector('.app-name')?.textContent ?? null,
      h1Spacing: style(document.querySelector('h1')).letterSpacing,
    };
  });
}

test(
  'branding (en, light): app name, logo, favicon, brand color and custom CSS',
  { timeout: TEST_TIMEOUT },
  async () => {
    await withPage(stack, { colorScheme: 'light' }, async (page) => {
      await page.goto(authorizeUrl(stack));
      await assertPage(page, { lang: 'en', title: 'Sign in', pathname: '/sign-in' });
      await page.locator('header img').evaluate((img) => img.decode());
      const r = await rendered(page);
      assert.equal(r.title, `Sign in | ${APP_NAME}`);
      assert.equal(r.logoAlt, APP_NAME);
      assert.equal(r.logoSrc, `${assetOrigin}/logo.svg`);
      assert.ok(r.logoLoaded, 'the logo loaded (CSP allows it)');
      assert.equal(r.favicon, `${assetOrigin}/favicon.svg`);
      assert.equal(r.buttonColor, 'rgb(11, 110, 79)');
      assert.equal(r.h1Spacing, '2px');
      await screenshot(page, 'branding-sign-in-en');
    });
  },
);

test(
  'branding (ja, dark): the dark logo and the dark brand color',
  { timeout: TEST_TIMEOUT },
  async () => {
    await withPage(stack, { lang: 'ja', colorScheme: 'dark' }, async (page) => {
      await page.goto(authorizeUrl(stack, { ui_locales: 'ja', first_screen: 'register' }));
      await assertPage(page, { lang: 'ja', title: 'アカウントを作成', pathname: '/register' });
      await page.locator('header img').evaluate((img) => img.decode());
      const r = await rendered(page);
      assert.equal(r.title, `アカウントを作成 | ${APP_NAME}`);
      assert.equal(r.logoSrc, `${assetOrigin}/logo-dark.svg`);
      assert.ok(r.logoLoaded, 'the dark logo loaded');
      assert.equal(r.buttonColor, 'rgb(127, 209, 174)');
      assert.equal(r.h1Spacing, '2px');
      await screenshot(page, 'branding-register-dark-ja');
    });
  },
);

test(
  'branding: without a logo the app name is shown in the brand color',
  { timeout: TEST_TIMEOUT },
  async () => {
    await setExperience(stack, ['branding.logoUrl=', 'branding.darkLogoUrl=']);
    for (const lang of ['en', 'ja']) {
      await withPage(stack, { lang, colorScheme: 'light' }, async (page) => {
        await page.goto(authorizeUrl(stack, { ui_locales: lang === 'ja' ? 'ja' : undefined }));
        await assertPage(page, { lang, title: lang === 'en' ? 'Sign in' : 'サインイン' });
        const r = await rendered(page);
        assert.equal(r.logoSrc, null);
        assert.equal(r.appNameText, APP_NAME);
        assert.equal(r.appNameColor, 'rgb(11, 110, 79)');
        await screenshot(page, `branding-app-name-${lang}`);
      });
    }
  },
);

test(
  'branding: a malformed color is refused by the CLI and the pages keep the old one',
  { timeout: TEST_TIMEOUT },
  async () => {
    const result = await stack.server.cli(['experience', 'set', 'color.primaryColor=green']);
    assert.notEqual(result.code, 0);
    assert.match(result.stderr, /color\.primaryColor/);
    await withPage(stack, { colorScheme: 'light' }, async (page) => {
      await page.goto(authorizeUrl(stack));
      assert.equal((await rendered(page)).buttonColor, 'rgb(11, 110, 79)');
    });
  },
);
